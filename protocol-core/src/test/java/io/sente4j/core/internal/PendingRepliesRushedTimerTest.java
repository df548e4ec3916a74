package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import io.sente4j.core.LiveTimers;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shared reply timeout when its timer fires before {@code schedule} has returned. */
class PendingRepliesRushedTimerTest {
  private static final Keyword EVENT = Keyword.of("app/ask");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final VirtualScheduler time = new VirtualScheduler();
  private final Object lock = new Object();
  private final AtomicInteger ids = new AtomicInteger();

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aTimeoutThatFiresAsItIsArmedEndsTheRequestAndTheNextOneStillTimesOut(RushingScheduler.Mode mode)
      throws Exception {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    PendingReplies pending = new PendingReplies(lock, timers, Runnable::run, () -> "cb" + ids.incrementAndGet(),
        false);
    rushing.rush(1, delay -> true);

    PendingReplies.Registered first = pending.register(EVENT, TIMEOUT);
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(first.future()).as("the rushed timeout ended the request").isDone();
    assertThat(outcome(first)).isInstanceOf(ReplyTimeoutException.class);
    assertThat(pending.size()).as("requests left in the table").isZero();

    PendingReplies.Registered second = pending.register(EVENT, TIMEOUT);
    time.advance(TIMEOUT);

    assertThat(second.future()).as("the next request's timeout").isDone();
    assertThat(outcome(second)).isInstanceOf(ReplyTimeoutException.class);
    assertThat(pending.size()).isZero();
    assertThat(timers.live()).isZero();
  }

  private static Throwable outcome(PendingReplies.Registered r) throws InterruptedException {
    try {
      r.future().get(10, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("no outcome", e);
    }
  }
}
