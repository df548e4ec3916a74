package io.sente4j.core.internal;

import io.sente4j.core.Backoff;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Schedules a client's reconnect attempts with its {@link Backoff}: an attempt with a delay is started by the
 * scheduler's timer, on the timer's thread (starting only takes the client's lock and hands the attempt to the
 * executor, so no application code runs there); one without is started by the caller. At most one attempt is armed
 * at a time. Not thread-safe: the client's lock guards it.
 */
public final class ReconnectLoop {
  private final Scheduler scheduler;
  private final Backoff backoff;
  private final RandomGenerator random;
  private Scheduler.Cancellable timer;

  /**
   * Creates the loop.
   *
   * @param scheduler runs the delays and starts the attempts that had one
   * @param backoff the delays
   * @param random the jitter
   */
  public ReconnectLoop(Scheduler scheduler, Backoff backoff, RandomGenerator random) {
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.random = random;
  }

  /**
   * Draws the delay of attempt {@code attempt} and, when it is not zero, arms a timer that starts the attempt,
   * replacing any armed one. An attempt whose delay is zero is the caller's to start, after it has published the
   * close, so that the application sees the close before the next attempt.
   *
   * @return the delay drawn; zero when the caller starts the attempt itself
   * @throws RuntimeException what the scheduler throws when it refuses the timer (it was shut down); no timer is armed
   *     then
   */
  public Duration schedule(int attempt, Runnable start) {
    cancel();
    Duration delay = backoff.delay(attempt, random);
    if (delay == null || delay.isNegative() || delay.isZero()) {
      return Duration.ZERO;
    }
    timer = scheduler.schedule(delay, start);
    return delay;
  }

  /**
   * How long a start the executor refused waits before it is tried again: not at once, or an executor that refuses
   * for good and a backoff of zeros would keep the scheduler's thread busy failing attempts.
   */
  public static final Duration REFUSED_START_RETRY = Duration.ofMillis(100);

  /**
   * Arms a timer that starts the attempt after {@link #REFUSED_START_RETRY}, replacing any armed one: for a start the
   * executor refused.
   *
   * @throws RuntimeException what the scheduler throws when it refuses the timer; no timer is armed then
   */
  public void startSoon(Runnable start) {
    cancel();
    timer = scheduler.schedule(REFUSED_START_RETRY, start);
  }

  /** Cancels the scheduled attempt, if any. */
  public void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
