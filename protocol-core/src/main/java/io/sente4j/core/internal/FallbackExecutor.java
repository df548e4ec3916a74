package io.sente4j.core.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes a client's futures: on the application's executor, or, with a task it refuses (it was shut down, or it is
 * a bounded pool that is full; whatever it throws without starting the task, see {@link Handoff}), on a thread of its
 * own, which runs such tasks one at a time, in order, and ends once it has had none for a second. Never on the
 * caller's thread: that is a transport thread, or one that holds the client's lock, and completing a future runs its
 * dependent stages, which are application code.
 */
public final class FallbackExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(FallbackExecutor.class);
  private static final long IDLE_SECONDS = 1;

  private final Executor primary;
  private final String threadName;
  private final ThreadPoolExecutor fallback;

  /**
   * An executor over {@code primary}.
   *
   * @param primary the application's executor
   * @param threadName the name of the thread that runs the tasks {@code primary} refuses
   */
  public FallbackExecutor(Executor primary, String threadName) {
    this.primary = Objects.requireNonNull(primary, "primary");
    this.threadName = Objects.requireNonNull(threadName, "threadName");
    // No core thread: one starts with the first refused task and ends when idle, so nothing needs shutting down.
    this.fallback = new ThreadPoolExecutor(0, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs {@code task} on the application's executor, or on the fallback thread when that executor refuses it. What an
   * inline executor throws out of the task that ran is the task's own failure, thrown on, not run again.
   */
  @Override
  public void execute(Runnable task) {
    Handoff.execute(primary, task, refusal -> {
      LOG.debug("The executor refused a completion{}; it runs on {} instead: {}", Handoff.describe(refusal),
          threadName, refusal.toString());
      fallback.execute(task);
    });
  }
}
