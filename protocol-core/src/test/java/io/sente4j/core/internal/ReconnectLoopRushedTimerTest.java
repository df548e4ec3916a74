package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A reconnect timer that fires before {@code schedule} has returned, and arms the next one as it runs. */
class ReconnectLoopRushedTimerTest {
  private static final Duration DELAY = Duration.ofSeconds(2);

  /**
   * The attempt a rushed timer starts is refused and arms its retry, inside the outer {@code schedule}: the loop must
   * keep the retry's timer, not the spent outer one, so that {@link ReconnectLoop#cancel} stops the retry.
   */
  @Test
  void aRetryArmedByAStartThatRanInsideScheduleIsTheTimerACancelStops() {
    VirtualScheduler time = new VirtualScheduler();
    RushingScheduler rushing = new RushingScheduler(time, RushingScheduler.Mode.INLINE);
    LiveTimers timers = new LiveTimers(rushing);
    ReconnectLoop loop = new ReconnectLoop(timers, (attempt, random) -> DELAY, new Random(1));
    AtomicInteger starts = new AtomicInteger();
    Runnable[] start = new Runnable[1];
    start[0] = () -> {
      if (starts.incrementAndGet() == 1) {
        loop.startSoon(start[0]); // refused by the executor: retried soon
      }
    };
    rushing.rush(1, DELAY::equals);

    loop.arm(DELAY, start[0]);

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(starts).hasValue(1);
    assertThat(timers.live()).as("the retry, armed").isEqualTo(1);
    loop.cancel();
    assertThat(timers.live()).as("the retry, cancelled").isZero();
    time.advance(ReconnectLoop.REFUSED_START_RETRY);
    assertThat(starts).as("no start after the cancel").hasValue(1);
  }
}
