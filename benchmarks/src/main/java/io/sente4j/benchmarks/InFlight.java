package io.sente4j.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The batches a benchmark has pushed and its receiver has not yet seen whole, kept under a bound: the benchmark
 * thread pushes the next batch while the earlier ones are still on their way, as a server pushing a stream does, and
 * waits only when {@code max} batches are in flight, until at most half of them are. Waiting until half rather than
 * until one has arrived wakes the benchmark thread once per {@code max / 2} batches instead of once per batch (on
 * two cores a wake-up costs tens of microseconds, as much as packing a batch).
 *
 * <p>One thread calls {@link #beforeSend} and {@link #awaitAll}; any one thread at a time calls {@link #done}.
 */
final class InFlight {
  private static final long LOST_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final int max;
  private final AtomicLong done = new AtomicLong();
  /** Written by the sending thread only. */
  private volatile long sent;
  private volatile Thread waiter;

  /** A bound of {@code max} batches (units) in flight; at least 2. */
  InFlight(int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2, was " + max);
    }
    this.max = max;
  }

  /** Before a batch is pushed: waits, if {@code max} are in flight, until at most half of them are. */
  void beforeSend() {
    beforeSend(1);
  }

  /**
   * Before {@code units} batches' worth is pushed at once (a batch {@code units} times the size the receiver counts
   * in): waits, if that would put more than {@code max} in flight, until at most half of them are.
   */
  void beforeSend(int units) {
    if (sent - done.get() + units > max) {
      awaitAtMost(max / 2);
    }
    sent += units;
  }

  /** The receiver has seen one whole batch. */
  void done() {
    long d = done.incrementAndGet();
    Thread w = waiter;
    if (w != null && sent - d <= max / 2) {
      LockSupport.unpark(w);
    }
  }

  /** Waits until the receiver has seen every batch pushed. */
  void awaitAll() {
    awaitAtMost(0);
  }

  /** The batches pushed and not yet seen whole. */
  long count() {
    return sent - done.get();
  }

  private void awaitAtMost(long n) {
    long deadline = System.nanoTime() + LOST_NANOS;
    waiter = Thread.currentThread();
    try {
      while (sent - done.get() > n) { // checked after waiter is set: a done() in between sees the waiter
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException("lost: " + (sent - done.get()) + " batch(es) still in flight after 10 s");
        }
        LockSupport.parkNanos(this, left);
      }
    } finally {
      waiter = null;
    }
  }
}
