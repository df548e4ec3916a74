package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import io.sente4j.core.Via;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A disconnect grace whose timer fires before {@code schedule} has returned. */
class PresenceTableRushedTimerTest {
  private static final Duration WS_GRACE = Duration.ofSeconds(5);
  private static final Duration AJAX_GRACE = Duration.ofSeconds(7);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final PresenceTable.Listener listener = new PresenceTable.Listener() {
    @Override
    public void uidOpened(Object uid, Object context) {
      heard.add("opened " + uid);
    }

    @Override
    public void uidClosed(Object uid, Object context) {
      heard.add("closed " + uid);
    }

    @Override
    public void changed() {}

    @Override
    public void graceRefused(Via via, Object uid, String clientId, RuntimeException error) {
      heard.add("refused " + uid);
    }
  };

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aGraceThatEndsAsItStartsClosesTheUidOnceAndItCanComeBack(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    PresenceTable table = new PresenceTable(timers, Map.of(Via.WEBSOCKET, WS_GRACE, Via.AJAX_POLL, AJAX_GRACE),
        listener);
    rushing.rush(1, WS_GRACE::equals);

    table.open(Via.WEBSOCKET, "u", "c1", null);
    table.close(Via.WEBSOCKET, "u", "c1", null);
    rushing.awaitRushed();

    assertThat(rushing.failures()).isEmpty();
    assertThat(heard).containsExactly("opened u", "closed u");
    assertThat(table.snapshot().any()).isEmpty();

    table.open(Via.WEBSOCKET, "u", "c1", null);
    table.close(Via.WEBSOCKET, "u", "c1", null);
    table.open(Via.WEBSOCKET, "u", "c1", null);
    time.advance(WS_GRACE);

    assertThat(heard).containsExactly("opened u", "closed u", "opened u");
    assertThat(table.snapshot().any()).containsExactly("u");
    table.stop();
    assertThat(timers.live()).isZero();
  }
}
