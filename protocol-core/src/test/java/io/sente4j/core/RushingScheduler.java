package io.sente4j.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A {@link VirtualScheduler} whose timers can fire before {@link #schedule} returns, as a real timer's thread does
 * when its clock passes a short delay while the thread that armed the timer is still between {@code schedule} and
 * keeping the handle it returns. That window once hid a race (a timeout's task read a field assigned only after
 * {@code schedule} returned, see {@code HeldReplyTest}); this makes it wide open, so that a test can drive any timer
 * user through it.
 *
 * <p>A timer chosen to rush moves this scheduler's clock ({@link #nanoTime}) by its delay, so its task finds its
 * deadline passed, and runs at once in one of two {@link Mode}s. Its handle is valid: its {@code cancel()} returns
 * false, since the task has started. Timers not chosen wait on the virtual clock as usual; they fire when a test
 * advances it, late on this scheduler's clock by the time rushed timers moved it, as a real timer may fire late.
 * What a rushed task throws is kept for {@link #failures} (on a real scheduler it would not reach the caller of
 * {@code schedule} either). Only delays up to {@link #MAX_RUSHED_DELAY} are rushed, so that the clock never nears
 * the end of {@code long} time.
 */
public final class RushingScheduler implements Scheduler {
  /** The longest delay a timer may have to be rushed. */
  public static final Duration MAX_RUSHED_DELAY = Duration.ofDays(1);
  private static final long BOUND_NANOS = Duration.ofSeconds(10).toNanos();

  /** Where a rushed task runs. */
  public enum Mode {
    /**
     * On the thread that calls {@code schedule}, under whatever locks it holds: a re-entrant lock lets the task in,
     * so this finds the code that a timer firing in the middle of it would confuse.
     */
    INLINE,
    /**
     * On a thread of its own, as a real timer's; {@code schedule} returns once the task has ended or waits for
     * something (a lock the caller holds, most often), and the task goes on when the caller lets go.
     */
    ANOTHER_THREAD
  }

  private final VirtualScheduler time;
  private final Mode mode;
  private final AtomicLong skew = new AtomicLong();
  private final AtomicInteger rushesLeft = new AtomicInteger();
  private final AtomicInteger rushed = new AtomicInteger();
  private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
  private volatile Predicate<Duration> which = delay -> false;

  /** Rushes no timer until {@link #rush} says which. */
  public RushingScheduler(VirtualScheduler time, Mode mode) {
    this.time = time;
    this.mode = mode;
  }

  /**
   * From now on, rushes the next {@code times} timers whose delay matches {@code which}. A timer that arms itself
   * again (a keep-alive's) needs a bound, or inline it would recurse for ever; for a share of the timers, give a
   * predicate over a seeded {@link java.util.Random}.
   */
  public void rush(int times, Predicate<Duration> which) {
    this.which = which;
    rushesLeft.set(times);
  }

  /** From now on, rushes every timer whose delay matches {@code which}. */
  public void rush(Predicate<Duration> which) {
    rush(Integer.MAX_VALUE, which);
  }

  /** From now on, rushes no timer. */
  public void rushNone() {
    rush(0, delay -> false);
  }

  /** How many timers have been rushed. */
  public int rushed() {
    return rushed.get();
  }

  /** What the rushed tasks threw. */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  /**
   * Waits for the rushed tasks that were still waiting on other threads when {@code schedule} returned, and for those
   * they rushed in turn.
   */
  public void awaitRushed() throws InterruptedException {
    for (Thread t = threads.poll(); t != null; t = threads.poll()) {
      t.join(BOUND_NANOS / 1_000_000);
      if (t.isAlive()) {
        throw new AssertionError("a rushed task still waits after 10 s (a deadlock?): " + t.getState());
      }
    }
  }

  /** The virtual clock, moved on by the delay of every timer rushed. */
  @Override
  public long nanoTime() {
    return time.nanoTime() + skew.get();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (delay.compareTo(MAX_RUSHED_DELAY) > 0 || !which.test(delay) || !takeRush()) {
      return time.schedule(delay, task);
    }
    rushed.incrementAndGet();
    skew.addAndGet(Math.max(0L, delay.toNanos()));
    Runnable guarded = () -> {
      try {
        task.run();
      } catch (Throwable e) {
        failures.add(e);
      }
    };
    if (mode == Mode.INLINE) {
      guarded.run();
    } else {
      runUntilItEndsOrWaits(guarded);
    }
    return () -> false;
  }

  private boolean takeRush() {
    return rushesLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0;
  }

  private void runUntilItEndsOrWaits(Runnable task) {
    Thread t = new Thread(task, "rushing-timer-" + rushed.get());
    t.setDaemon(true);
    threads.add(t);
    t.start();
    long start = System.nanoTime();
    try {
      while (t.isAlive()) {
        Thread.State s = t.getState();
        if (s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
          return;
        }
        if (System.nanoTime() - start > BOUND_NANOS) {
          throw new AssertionError("a rushed task still runs after 10 s");
        }
        t.join(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
