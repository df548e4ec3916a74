package io.sente4j.core.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were submitted, on a delegate executor. Many serial executors share
 * one delegate: each runs its own tasks in order, and different ones run in parallel. After a burst of tasks it
 * hands its thread back to the delegate, so one busy queue does not starve the others.
 */
public final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int BURST = 64;

  /** A task that must hear of it when the delegate refuses to run it, so that nothing waits on it for good. */
  public interface Refusable extends Runnable {
    /**
     * The task was dropped without running (the delegate refused the queue); called on the submitting thread.
     *
     * @param error what the delegate threw
     */
    void refused(Throwable error);
  }

  private final Executor delegate;
  private final int burst;
  private final boolean inline;
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean scheduled;

  /** A serial queue over {@code delegate}. */
  public SerialExecutor(Executor delegate) {
    this(delegate, BURST, false);
  }

  private SerialExecutor(Executor delegate, int burst, boolean inline) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.burst = burst;
    this.inline = inline;
  }

  /**
   * A serial queue that runs its tasks on the submitting thread: a task submitted while another runs is run by the
   * thread running that one, once it returns. It drains to the end without handing its thread back: over an inline
   * delegate a hand-back would be a nested drain, a stack frame deeper for every burst. A {@code
   * VirtualMachineError} a task throws is thrown out of {@code execute}, after the tasks queued behind it ran, without
   * being logged here: the caller has it in hand.
   */
  public static SerialExecutor inline() {
    return new SerialExecutor(Runnable::run, Integer.MAX_VALUE, true);
  }

  /**
   * Queues a task. If the delegate refuses to run the queue (it was shut down, or is full; whatever it throws), the
   * queued tasks are dropped and logged, and those that are {@link Refusable} are told.
   */
  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (this) {
      tasks.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    submit();
  }

  /** The number of tasks waiting to run (not counting one that is running). */
  public synchronized int pending() {
    return tasks.size();
  }

  /**
   * Hands the drain to the delegate. Whatever it throws without starting the drain is a refusal ({@link Handoff}), not
   * only a {@code RejectedExecutionException}: the queue would otherwise stay scheduled for good, its tasks never run.
   */
  private void submit() {
    Handoff.execute(delegate, this::drain, this::refused);
  }

  private void refused(Throwable e) {
    List<Runnable> dropped;
    synchronized (this) {
      dropped = new ArrayList<>(tasks);
      tasks.clear();
      scheduled = false;
    }
    LOG.warn("The executor refused to run {} queued task(s); they are dropped", dropped.size(), e);
    for (Runnable task : dropped) {
      if (task instanceof Refusable r) {
        try {
          r.refused(e);
        } catch (RuntimeException failed) {
          LOG.error("A refused task failed to handle its refusal", failed);
        }
      }
    }
  }

  private void drain() {
    for (int i = 0; i < burst; i++) {
      Runnable task;
      synchronized (this) {
        task = tasks.poll();
        if (task == null) {
          scheduled = false;
          return;
        }
      }
      try {
        task.run();
      } catch (Throwable t) {
        // An inline queue's caller gets a VirtualMachineError thrown at it, and reports it (SerialListener, the one
        // user, logged it before throwing it): logged here as well, one error would read as two.
        if (!(inline && t instanceof VirtualMachineError)) {
          LOG.error("A queued task failed", t);
        }
        if (t instanceof VirtualMachineError) {
          submit();
          throw (VirtualMachineError) t;
        }
      }
    }
    submit();
  }
}
