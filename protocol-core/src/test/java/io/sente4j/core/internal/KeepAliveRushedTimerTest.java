package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server's keep-alive when its idle timer fires before {@code schedule} has returned. */
class KeepAliveRushedTimerTest {
  private static final Duration INTERVAL = Duration.ofSeconds(25);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final VirtualScheduler time = new VirtualScheduler();
  private final AtomicInteger pings = new AtomicInteger();
  private final AtomicInteger timeouts = new AtomicInteger();
  private final AtomicInteger refusals = new AtomicInteger();

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void anIdleWindowThatEndsAsItStartsPingsTimesOutAndStopsEveryTimer(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    KeepAlive keepAlive = new KeepAlive(timers, INTERVAL, TIMEOUT, pings::incrementAndGet,
        timeouts::incrementAndGet, e -> refusals.incrementAndGet());
    rushing.rush(1, INTERVAL::equals);

    assertThat(keepAlive.start()).isNull();
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(pings).as("pings after the rushed idle window").hasValue(1);
    time.advance(TIMEOUT);
    assertThat(timeouts).as("no answer to the ping within its timeout").hasValue(1);
    keepAlive.stop();
    assertThat(timers.live()).as("timers left armed by stop()").isZero();
    assertThat(refusals).hasValue(0);
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void idleWindowsThatEachEndAsTheyStartStillLeaveNoTimerAfterStop(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    KeepAlive keepAlive = new KeepAlive(timers, INTERVAL, Duration.ZERO, pings::incrementAndGet,
        timeouts::incrementAndGet, e -> refusals.incrementAndGet());
    rushing.rush(3, INTERVAL::equals);

    assertThat(keepAlive.start()).isNull();
    rushing.awaitRushed();
    time.advance(INTERVAL);

    assertThat(rushing.failures()).isEmpty();
    assertThat(pings).as("a ping per idle window").hasValue(4);
    keepAlive.stop();
    assertThat(timers.live()).as("timers left armed by stop()").isZero();
  }
}
