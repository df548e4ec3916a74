package io.sente4j.transport.inmemory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network's I/O threads: a small pool of daemon threads named {@code sente4j-inmemory-io-N}, which is also the
 * network's timer (latency, HTTP timeouts). Once shut down it quietly refuses new work.
 */
final class IoPool {
  private static final Logger LOG = LoggerFactory.getLogger(IoPool.class);

  private final ScheduledThreadPoolExecutor executor;

  IoPool(int threads) {
    AtomicInteger counter = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(threads, r -> {
      Thread t = new IoThread(this, r, "sente4j-inmemory-io-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** Runs {@code task} soon on an I/O thread; false if the pool is shut down. */
  boolean execute(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /** Runs {@code task} on an I/O thread after {@code delayNanos}; false if the pool is shut down. */
  boolean schedule(Runnable task, long delayNanos) {
    if (delayNanos <= 0) {
      return execute(task);
    }
    try {
      executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Runs {@code task} on an I/O thread after {@code delayNanos}, unless cancelled first: a cancelled task leaves the
   * queue at once (and with it whatever it holds).
   *
   * @return what cancels the task, or {@code null} if the pool is shut down
   */
  Runnable scheduleCancellable(Runnable task, long delayNanos) {
    try {
      ScheduledFuture<?> f = executor.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
      return () -> f.cancel(false);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** The tasks waiting in the queue, timers included. */
  int queued() {
    return executor.getQueue().size();
  }

  /** Whether the calling thread is one of this pool's. */
  boolean isIoThread() {
    return Thread.currentThread() instanceof IoThread t && t.pool == this;
  }

  /**
   * Stops taking work, lets the tasks already queued run, and waits up to {@code wait} for the threads to end
   * (not when called from one of them).
   */
  void shutdown(Duration wait) {
    executor.shutdown();
    if (isIoThread()) {
      return;
    }
    try {
      if (!executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        LOG.warn("in-memory network I/O threads still busy after {}; interrupting them", wait);
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Whether {@link #shutdown} has been called: new work is refused. */
  boolean isShutdown() {
    return executor.isShutdown();
  }

  /** Whether every thread has ended. */
  boolean isTerminated() {
    return executor.isTerminated();
  }

  private static final class IoThread extends Thread {
    final IoPool pool;

    IoThread(IoPool pool, Runnable r, String name) {
      super(r, name);
      this.pool = pool;
    }
  }
}
