package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.CloseReason;
import io.sente4j.core.LiveTimers;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.Scheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The Ajax timeout of a connection's requests is one lazy sweep: a timer armed only when none is, for the earliest
 * deadline; a request that ends cancels nothing; each request left unanswered times out at its own deadline exactly
 * (on the virtual clock); and no timer outlives the connection's end.
 */
class AjaxExchangesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final long TIMEOUT_NANOS = TIMEOUT.toNanos();

  private final VirtualScheduler time = new VirtualScheduler();
  private final LiveTimers timers = new LiveTimers(time);
  private final AjaxRequests requests = new AjaxRequests(timers, TIMEOUT);

  @Test
  void overlappingRequestsShareOneTimerAndTheirAnswersCancelNothing() {
    // Regression: each request armed a timer of its own and cancelled it when answered, a wake-up of the scheduler's
    // thread and a cancel per request.
    List<AjaxRequests.Request> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      sent.add(requests.send(i % 3 == 0));
      time.advance(Duration.ofMillis(700));
    }
    Collections.reverse(sent);
    for (AjaxRequests.Request r : sent) {
      r.onWire.complete(AjaxRequests.OK);
      assertThat(r.outcome.join().reply()).isEqualTo(AjaxRequests.OK);
    }
    assertThat(timers.armed()).as("timers armed").isEqualTo(1);
    assertThat(timers.cancelled()).as("timers cancelled").isZero();
    time.advance(TIMEOUT);
    assertThat(timers.armed()).as("nothing left to time: not armed again").isEqualTo(1);
    assertThat(timers.live()).isZero();
  }

  @Test
  void eachUnansweredRequestTimesOutExactlyAtItsDeadline() {
    List<AjaxRequests.Request> sent = new ArrayList<>();
    long[] gaps = {0, 1, 999_999, 1_000_000_000L, 7, 30_000_000_000L, 0, 19_999_999_999L, 2, 1};
    for (long gap : gaps) {
      time.advance(Duration.ofNanos(gap));
      sent.add(requests.send(sent.size() % 2 == 1));
    }
    List<AjaxRequests.Request> answered = new ArrayList<>(sent.stream()
        .filter(r -> r.index % 3 == 1).toList());
    Collections.shuffle(answered, new Random(7));
    for (AjaxRequests.Request r : answered) {
      r.onWire.complete(AjaxRequests.OK);
    }
    time.advance(TIMEOUT.multipliedBy(3));
    for (AjaxRequests.Request r : sent) {
      AjaxRequests.Outcome o = r.outcome.join();
      if (r.index % 3 == 1) {
        assertThat(o.reply()).as("request " + r.index).isEqualTo(AjaxRequests.OK);
      } else {
        assertThat(o.error()).as("request " + r.index).isInstanceOf(TimeoutException.class)
            .hasMessage("no response to the Ajax " + (r.sent != null ? "POST " : "GET ") + r.index + " within PT1M");
        assertThat(o.at()).as("when request " + r.index + " timed out").isEqualTo(r.sentAt + TIMEOUT_NANOS);
        assertThat(r.onWire).as("its transport request, given up").isCancelled();
      }
      assertThat(r.handled).as("handled once").hasValue(1);
    }
    assertThat(timers.live()).isZero();
  }

  @Test
  void aRequestSentAfterTheTimerWentIdleArmsItAgain() {
    AjaxRequests.Request first = requests.send(false);
    first.onWire.complete(AjaxRequests.OK);
    time.advance(TIMEOUT.plusSeconds(5)); // the timer fires for nothing and is not armed again
    assertThat(timers.live()).isZero();
    AjaxRequests.Request second = requests.send(true);
    time.advance(TIMEOUT);
    assertThat(second.outcome.join().at()).isEqualTo(second.sentAt + TIMEOUT_NANOS);
    assertThat(timers.armed()).isEqualTo(2);
  }

  @Test
  void theEndCancelsTheTimerAndAbortsTheRequestsInFlight() {
    AjaxRequests.Request get = requests.send(false);
    time.advance(Duration.ofSeconds(1));
    AjaxRequests.Request post = requests.send(true);
    get.onWire.complete(AjaxRequests.OK); // the timer stays armed, for the POST
    requests.exchanges.end(CloseReason.REQUESTED).run();
    assertThat(timers.live()).as("timers left armed by the end").isZero();
    assertThat(post.sent).isCompletedExceptionally();
    assertThat(post.sent.handle((v, e) -> e).join()).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the Ajax connection closed (requested) before the server answered the POST");
    assertThat(post.onWire).isCancelled();
    AjaxRequests.Request late = requests.send(true);
    assertThat(late.onWire).as("a request after the end is not sent").isNull();
    time.advance(TIMEOUT.multipliedBy(2));
    assertThat(post.outcome).as("an aborted request is not handled").isNotDone();
    assertThat(late.outcome).isNotDone();
    assertThat(timers.live()).isZero();
  }

  @Test
  void aTimerTheSchedulerRefusesOnTheSweepFailsTheRequestsLeftPostsFirst() {
    AtomicBoolean refuse = new AtomicBoolean();
    Scheduler refusing = new Scheduler() {
      @Override
      public long nanoTime() {
        return time.nanoTime();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        if (refuse.get()) {
          throw new RejectedExecutionException("the scheduler was shut down (expected in this test)");
        }
        return time.schedule(delay, task);
      }
    };
    AjaxRequests refused = new AjaxRequests(refusing, TIMEOUT);
    AjaxRequests.Request poll = refused.send(false);
    time.advance(Duration.ofSeconds(1));
    AjaxRequests.Request post = refused.send(true);
    poll.onWire.complete(AjaxRequests.OK);
    refuse.set(true);
    time.advance(TIMEOUT); // the sweep finds nothing expired and cannot be armed for the POST
    assertThat(post.outcome.join().error()).isInstanceOf(RejectedExecutionException.class);
    assertThat(post.onWire).isCancelled();
    AjaxRequests.Request next = refused.send(false);
    assertThat(next.outcome.join().error()).as("a request whose timer is refused")
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(next.onWire).as("is not sent").isNull();
  }
}
