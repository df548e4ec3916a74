package io.sente4j.core.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands a task to an application's executor and tells the executor's refusal from the task's own failure. A refusal
 * is whatever the executor throws without having started the task: {@link RejectedExecutionException} as the {@link
 * Executor} contract says, or anything else a real executor throws (a bounded one throwing {@code
 * IllegalStateException}, a pool that cannot start a thread). What an inline executor throws out of a task that ran
 * is that task's own failure, not a refusal: taken for one, the task's resources would be given back twice.
 *
 * <p>Exactly one of the task and the refusal runs, once: an executor that throws having queued the task anyway never
 * runs it after the refusal was handled.
 */
public final class Handoff {
  private Handoff() {}

  /**
   * Runs {@code task} on {@code executor}, or {@code refused} on the calling thread when the executor throws without
   * starting it. A {@link VirtualMachineError} the executor throws is thrown on after {@code refused} ran.
   *
   * @param refused given what the executor threw
   * @throws RuntimeException or {@link Error}: what the executor threw once the task had started (an inline
   *     executor's, the task's own failure), as calling the task directly would
   */
  public static void execute(Executor executor, Runnable task, Consumer<Throwable> refused) {
    Objects.requireNonNull(task, "task");
    AtomicBoolean claimed = new AtomicBoolean();
    try {
      executor.execute(() -> {
        if (claimed.compareAndSet(false, true)) {
          task.run();
        }
      });
    } catch (Throwable t) {
      if (!claimed.compareAndSet(false, true)) {
        throw t; // the task started: its own failure, or the executor's after it; not a refusal
      }
      refused.accept(t);
      if (t instanceof VirtualMachineError fatal) {
        throw fatal;
      }
    }
  }

  /**
   * The cause to report with a refusal: none for a {@link RejectedExecutionException}, how executors refuse (a full
   * pool under load refuses often, and a stack trace each time says nothing new); otherwise what the executor threw.
   */
  public static Throwable reportedCause(Throwable refusal) {
    return refusal instanceof RejectedExecutionException ? null : refusal;
  }

  /**
   * How a refusal reads in a report: nothing more for a {@link RejectedExecutionException}, which is how an executor
   * refuses; otherwise what it threw instead, so that the application can find the executor that breaks the contract.
   */
  public static String describe(Throwable refusal) {
    return refusal instanceof RejectedExecutionException ? ""
        : " (it threw " + refusal + " instead of RejectedExecutionException)";
  }
}
