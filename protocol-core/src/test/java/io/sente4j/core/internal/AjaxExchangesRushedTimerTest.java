package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Ajax timeout's sweep when its timer fires before {@code schedule} has returned. */
class AjaxExchangesRushedTimerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final VirtualScheduler time = new VirtualScheduler();

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aSweepThatFiresAsItIsArmedTimesTheRequestOutAndLeavesTheNextOneTimed(RushingScheduler.Mode mode)
      throws Exception {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    AjaxRequests requests = new AjaxRequests(timers, TIMEOUT);
    rushing.rush(1, delay -> true);

    AjaxRequests.Request first = requests.send(true);
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(first.outcome.get(10, TimeUnit.SECONDS).error()).isInstanceOf(TimeoutException.class);
    assertThat(first.handled).hasValue(1);

    AjaxRequests.Request second = requests.send(true);
    time.advance(TIMEOUT);

    assertThat(second.outcome).as("the next request's timeout (a timer is armed for it)").isDone();
    assertThat(second.outcome.join().error()).isInstanceOf(TimeoutException.class);
    assertThat(timers.live()).isZero();
  }
}
