package io.sente4j.core;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Scheduler} whose time moves only when a test calls {@link #advance}: timers of 25 s fire at once, and the
 * same test gives the same result every run. Due tasks run on the thread that advances time, in time order (ties in
 * scheduling order). Thread-safe.
 */
public final class VirtualScheduler implements Scheduler {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long now;
  private long sequence;

  @Override
  public synchronized long nanoTime() {
    return now;
  }

  /** The virtual time since this scheduler was created. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(now);
  }

  @Override
  public synchronized Cancellable schedule(Duration delay, Runnable task) {
    if (delay.isNegative()) {
      delay = Duration.ZERO;
    }
    Task t = new Task(after(delay), sequence++, task);
    queue.add(t);
    return () -> t.cancelled.compareAndSet(false, true);
  }

  /** The time {@code delay} from now; saturated, so that a delay past the end of {@code long} time means never. */
  private long after(Duration delay) {
    long d = TimeUnit.NANOSECONDS.convert(delay);
    return d > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + d;
  }

  /** Moves time forward by {@code by}, running every task that falls due, including ones those tasks schedule. */
  public void advance(Duration by) {
    long target;
    synchronized (this) {
      target = after(by);
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at > target) {
          now = target;
          return;
        }
        queue.poll();
        now = next.at;
      }
      if (next.cancelled.compareAndSet(false, true)) {
        next.task.run();
      }
    }
  }

  /** Runs the tasks due now without moving time. */
  public void runDue() {
    advance(Duration.ZERO);
  }

  /** The number of tasks waiting (cancelled ones that have not been reached yet included). */
  public synchronized int pending() {
    return queue.size();
  }

  private static final class Task implements Comparable<Task> {
    final long at;
    final long seq;
    final Runnable task;
    final AtomicBoolean cancelled = new AtomicBoolean();

    Task(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Task o) {
      return at != o.at ? Long.compare(at, o.at) : Long.compare(seq, o.seq);
    }
  }
}
