package io.sente4j.core;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A {@link VirtualScheduler} that throws from {@link #schedule}, as a scheduler whose executor the application shut
 * down does, for the delays the test names: each of a client's timers has its own delay in a test, so one timer can
 * be refused and the others armed.
 */
final class RefusingScheduler implements Scheduler {
  private final VirtualScheduler time;
  private final AtomicInteger refusals = new AtomicInteger();
  private volatile Predicate<Duration> refused = delay -> false;

  RefusingScheduler(VirtualScheduler time) {
    this.time = time;
  }

  /** From now on, refuses the timers whose delay matches. */
  void refuse(Predicate<Duration> which) {
    refused = which;
  }

  /** From now on, refuses the timers of exactly {@code delay}. */
  void refuse(Duration delay) {
    refuse(delay::equals);
  }

  /** From now on, refuses every timer. */
  void refuseAll() {
    refuse(delay -> true);
  }

  /** From now on, arms every timer. */
  void acceptAll() {
    refuse(delay -> false);
  }

  /** How many timers have been refused. */
  int refusals() {
    return refusals.get();
  }

  @Override
  public long nanoTime() {
    return time.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (refused.test(delay)) {
      refusals.incrementAndGet();
      throw new RejectedExecutionException("the scheduler was shut down (expected in this test)");
    }
    return time.schedule(delay, task);
  }
}
