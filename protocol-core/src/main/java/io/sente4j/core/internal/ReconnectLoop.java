package io.sente4j.core.internal;

import io.sente4j.core.Backoff;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * Schedules a client's reconnect attempts with its {@link Backoff}: an attempt with a delay starts on the executor
 * when the scheduler's timer fires; one without is started by the caller. At most one attempt is armed at a time.
 * Not thread-safe: the client's lock guards it.
 */
public final class ReconnectLoop {
  private final Scheduler scheduler;
  private final Executor executor;
  private final Backoff backoff;
  private final RandomGenerator random;
  private Scheduler.Cancellable timer;

  /**
   * Creates the loop.
   *
   * @param scheduler runs the delays
   * @param executor starts the attempts
   * @param backoff the delays
   * @param random the jitter
   */
  public ReconnectLoop(Scheduler scheduler, Executor executor, Backoff backoff, RandomGenerator random) {
    this.scheduler = scheduler;
    this.executor = executor;
    this.backoff = backoff;
    this.random = random;
  }

  /**
   * Draws the delay of attempt {@code attempt} and, when it is not zero, arms a timer that starts the attempt on the
   * executor, replacing any armed one. An attempt whose delay is zero is the caller's to start, after it has
   * published the close, so that the application sees the close before the next attempt.
   *
   * @return the delay drawn; zero when the caller starts the attempt itself
   */
  public Duration schedule(int attempt, Runnable start) {
    cancel();
    Duration delay = backoff.delay(attempt, random);
    if (delay == null || delay.isNegative() || delay.isZero()) {
      return Duration.ZERO;
    }
    timer = scheduler.schedule(delay, () -> executor.execute(start));
    return delay;
  }

  /** Cancels the scheduled attempt, if any. */
  public void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
