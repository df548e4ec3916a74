package io.sente4j.core.internal;

import io.sente4j.core.Backoff;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * Schedules a client's reconnect attempts with its {@link Backoff}. The delay is drawn on the client's executor,
 * outside the client's lock: the backoff and its random source are the application's code, which may be slow or call
 * the client back, and under the lock every send would wait for them. An attempt with a delay is then started by the
 * scheduler's timer, on the timer's thread (starting only takes the client's lock and hands the attempt to the
 * executor, so no application code runs there). At most one attempt is armed at a time. {@link #draw} is
 * thread-safe; the rest is guarded by the client's lock.
 */
public final class ReconnectLoop {
  /**
   * How long a start the executor refused waits before it is tried again: not at once, or an executor that refuses
   * for good and a backoff of zeros would keep the scheduler's thread busy failing attempts.
   */
  public static final Duration REFUSED_START_RETRY = Duration.ofMillis(100);

  private final Scheduler scheduler;
  private final Backoff backoff;
  private final RandomGenerator random;
  /** Held while the backoff draws, never the client's lock: {@link Backoff} is called one draw at a time. */
  private final Object drawing = new Object();
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
   * Draws the delay of attempt {@code attempt} on {@code executor}, which must not run it on the calling thread
   * unless that thread may wait for the backoff, and hands it to {@code then} on the same thread: the delay (zero for
   * a null or negative one), or what the backoff threw.
   */
  public void draw(Executor executor, int attempt, BiConsumer<Duration, RuntimeException> then) {
    executor.execute(() -> {
      Duration delay;
      try {
        synchronized (drawing) {
          delay = backoff.delay(attempt, random);
        }
      } catch (RuntimeException e) {
        then.accept(null, e);
        return;
      }
      then.accept(delay == null || delay.isNegative() ? Duration.ZERO : delay, null);
    });
  }

  /**
   * Arms a timer that starts an attempt after {@code delay}, replacing any armed one.
   *
   * @throws RuntimeException what the scheduler throws when it refuses the timer (it was shut down); no timer is armed
   *     then
   */
  public void arm(Duration delay, Runnable start) {
    cancel();
    Scheduler.Cancellable armed = scheduler.schedule(delay, start);
    if (timer == null) { // else a scheduler ran the start inside schedule(), and the timer it armed is the one kept
      timer = armed;
    }
  }

  /**
   * Arms a timer that starts the attempt after {@link #REFUSED_START_RETRY}, replacing any armed one: for a start the
   * executor refused.
   *
   * @throws RuntimeException what the scheduler throws when it refuses the timer; no timer is armed then
   */
  public void startSoon(Runnable start) {
    arm(REFUSED_START_RETRY, start);
  }

  /** Cancels the scheduled attempt, if any. */
  public void cancel() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
