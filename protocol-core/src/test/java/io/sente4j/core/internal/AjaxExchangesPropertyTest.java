package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.CloseReason;
import io.sente4j.core.LiveTimers;
import io.sente4j.core.Qt;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.VirtualScheduler;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Random interleavings of many overlapping Ajax requests (GETs and POSTs), answers and failures in any order, and time
 * moving by steps at and around the Ajax timeout, then the connection's end. Against a model: a request answered
 * before its deadline gets its answer, one not answered by then times out exactly at its deadline, each is handled
 * once; at most one timer is ever armed, one is whenever a request waits, and none is left after the end, which
 * aborts (unhandled) the requests still in flight and fails their POSTs closed.
 */
class AjaxExchangesPropertyTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();
  /** Steps of time: none, a nanosecond, around the timeout, and between. */
  private static final long[] STEPS = {0, 1, 1_000_000, 999_999_999, 10_000_000_000L, TIMEOUT_NANOS - 1,
      TIMEOUT_NANOS, TIMEOUT_NANOS + 1, 25_000_000_000L};
  private static final int OPS = 5;

  @Test
  void overlappingRequestsEachEndOnceAtTheirAnswerOrExactlyAtTheirDeadlineWithOneTimer() {
    Qt.seeded(0xa1a5L)
        .forAll(lists().of(integers().between(0, OPS * 1_000)).ofSizeBetween(1, 120))
        .checkAssert(AjaxExchangesPropertyTest::run);
  }

  private static void run(List<Integer> ops) {
    VirtualScheduler time = new VirtualScheduler();
    LiveTimers timers = new LiveTimers(time);
    AjaxRequests requests = new AjaxRequests(timers, TIMEOUT);
    for (int x : ops) {
      int arg = x / OPS;
      switch (x % OPS) {
        case 0 -> requests.send(false);
        case 1 -> requests.send(true);
        case 2 -> answer(requests, arg, false);
        case 3 -> answer(requests, arg, true);
        default -> time.advance(Duration.ofNanos(STEPS[arg % STEPS.length]));
      }
      check(requests, time, timers);
    }
    List<AjaxRequests.Request> waiting = requests.all.stream().filter(r -> !r.outcome.isDone()).toList();
    requests.exchanges.end(CloseReason.ERROR).run();
    assertThat(timers.live()).as("timers left armed after the end").isZero();
    time.advance(TIMEOUT.multipliedBy(2));
    for (AjaxRequests.Request r : waiting) {
      assertThat(r.outcome).as("request " + r.index + ", aborted by the end").isNotDone();
      assertThat(r.onWire).isCancelled();
      if (r.sent != null) {
        assertThat(r.sent.handle((v, e) -> e).join()).isInstanceOf(ReplyClosedException.class);
      }
    }
  }

  /** Answers (or fails) the {@code arg}-th request not yet answered, whether or not it is still waiting. */
  private static void answer(AjaxRequests requests, int arg, boolean fail) {
    List<AjaxRequests.Request> open = requests.all.stream().filter(r -> !r.onWire.isDone()).toList();
    if (open.isEmpty()) {
      return;
    }
    AjaxRequests.Request r = open.get(arg % open.size());
    boolean waiting = !r.outcome.isDone();
    if (fail) {
      r.onWire.completeExceptionally(new IOException("reset " + r.index));
    } else {
      r.onWire.complete(AjaxRequests.OK);
    }
    if (waiting) {
      AjaxRequests.Outcome o = r.outcome.join();
      if (fail) {
        assertThat(o.error()).as("request " + r.index).hasMessage("reset " + r.index);
      } else {
        assertThat(o.reply()).as("request " + r.index).isEqualTo(AjaxRequests.OK);
      }
    }
  }

  private static void check(AjaxRequests requests, VirtualScheduler time, LiveTimers timers) {
    long now = time.nanoTime();
    boolean anyWaiting = false;
    for (AjaxRequests.Request r : requests.all) {
      assertThat(r.onWire).as("request " + r.index + " was sent").isNotNull();
      assertThat(r.handled.get()).as("request " + r.index + " handled").isLessThanOrEqualTo(1);
      long deadline = r.sentAt + TIMEOUT_NANOS;
      if (!r.outcome.isDone()) {
        assertThat(deadline - now).as("request " + r.index + " still waits only before its deadline")
            .isPositive();
        anyWaiting = true;
        continue;
      }
      AjaxRequests.Outcome o = r.outcome.join();
      if (o.error() instanceof TimeoutException) {
        assertThat(o.at()).as("request " + r.index + " timed out at its deadline").isEqualTo(deadline);
        assertThat(r.onWire).isCancelled();
      } else {
        assertThat(o.at() - deadline).as("request " + r.index + " answered before its deadline").isNegative();
      }
    }
    assertThat(timers.live()).as("timers armed").isLessThanOrEqualTo(1);
    if (anyWaiting) {
      assertThat(timers.live()).as("a timer while requests wait").isEqualTo(1);
    }
  }
}
