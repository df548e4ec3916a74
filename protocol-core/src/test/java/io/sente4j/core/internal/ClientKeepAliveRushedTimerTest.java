package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A client's keep-alive when its timers fire before {@code schedule} has returned. */
class ClientKeepAliveRushedTimerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(20);
  private static final Duration PONG_TIMEOUT = Duration.ofSeconds(7);

  private final VirtualScheduler time = new VirtualScheduler();
  private final Object lock = new Object();
  private final AtomicInteger ids = new AtomicInteger();
  private final List<String> pings = new CopyOnWriteArrayList<>();
  private final List<String> actionsInOrder = new CopyOnWriteArrayList<>();
  private final AtomicInteger pongTimeouts = new AtomicInteger();
  private final AtomicInteger refusals = new AtomicInteger();
  private final ClientKeepAlive.Actions actions = new ClientKeepAlive.Actions() {
    @Override
    public void sendPing(String callbackId) {
      pings.add(callbackId);
      actionsInOrder.add("ping");
    }

    @Override
    public void pongTimedOut() {
      pongTimeouts.incrementAndGet();
      actionsInOrder.add("pong timed out");
    }

    @Override
    public void timerRefused(RuntimeException refused) {
      refusals.incrementAndGet();
    }
  };

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void anIdleWindowThatEndsAsItStartsPingsAndItsPongTimeoutStillCounts(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    ClientKeepAlive keepAlive = new ClientKeepAlive(lock, rushing, INTERVAL, PONG_TIMEOUT,
        () -> "cb" + ids.incrementAndGet(), actions);
    rushing.rush(1, INTERVAL::equals);

    keepAlive.start();
    rushing.awaitRushed();

    assertThat(rushing.failures()).isEmpty();
    assertThat(pings).hasSize(1);
    time.advance(PONG_TIMEOUT);
    assertThat(pongTimeouts).hasValue(1);
    assertThat(refusals).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void stopAfterARushedIdleWindowLeavesNoTimerArmed(RushingScheduler.Mode mode) throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    ClientKeepAlive keepAlive = new ClientKeepAlive(lock, timers, INTERVAL, PONG_TIMEOUT,
        () -> "cb" + ids.incrementAndGet(), actions);
    rushing.rush(1, INTERVAL::equals);

    keepAlive.start();
    rushing.awaitRushed();
    keepAlive.stop();

    assertThat(rushing.failures()).isEmpty();
    assertThat(pings).hasSize(1);
    assertThat(timers.live()).as("timers left armed by stop()").isZero();
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aPongTimeoutThatFiresAsItIsArmedEndsTheConnectionOnce(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    ClientKeepAlive keepAlive = new ClientKeepAlive(lock, timers, INTERVAL, PONG_TIMEOUT,
        () -> "cb" + ids.incrementAndGet(), actions);
    rushing.rush(1, PONG_TIMEOUT::equals);

    keepAlive.start();
    time.advance(INTERVAL);
    rushing.awaitRushed();

    assertThat(rushing.failures()).isEmpty();
    assertThat(pongTimeouts).hasValue(1);
    assertThat(actionsInOrder).as("nothing sent on a connection found dead").endsWith("pong timed out");
    assertThat(timers.live()).as("timers left armed after the pong timeout stopped the keep-alive").isZero();
  }
}
