package io.sente4j.core;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the timers of a channel socket: one per socket, shared by all its connections (never a thread per
 * connection). Tests inject a {@link VirtualScheduler} and move time by hand.
 */
public interface Scheduler {

  /** Monotonic time in nanoseconds, for measuring intervals only. */
  long nanoTime();

  /**
   * Runs {@code task} once after {@code delay}, on the scheduler's thread; tasks must be short and must not block.
   * The library's callers also stay correct when the task runs before this returns (a timer thread whose clock
   * passed a short delay, or an implementation that runs a due task on the calling thread).
   *
   * @return a handle that cancels the task if it has not run
   */
  Cancellable schedule(Duration delay, Runnable task);

  /** A task that can still be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task; returns whether it had not run yet. */
    boolean cancel();
  }

  /**
   * A scheduler on real time, running its tasks on {@code executor}. The caller owns and shuts down the executor, and
   * must do so only after every socket using it has been closed or stopped: timers armed before a {@code
   * shutdownNow()} never run (a request would wait for its reply timeout for good), and timers armed after any
   * shutdown are refused, which the socket reports and handles as its Javadoc says.
   */
  static Scheduler of(ScheduledExecutorService executor) {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        // Saturated: a delay past Long.MAX_VALUE nanoseconds (some 292 years) means never, not an overflow.
        ScheduledFuture<?> f = executor.schedule(task, TimeUnit.NANOSECONDS.convert(delay), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
      }
    };
  }
}
