package io.sente4j.core;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A handler executor for tests: a small real pool whose threads are named {@code test-handler-N}, which knows when
 * all the work given to it (including work that work submits) is done, so tests can wait for quiet with a bound
 * instead of sleeping.
 */
final class TrackingExecutor implements Executor, AutoCloseable {
  static final String PREFIX = "test-handler-";

  private final ExecutorService pool;
  private final Object lock = new Object();
  private int inFlight;

  TrackingExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, PREFIX + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void execute(Runnable task) {
    synchronized (lock) {
      inFlight++;
    }
    try {
      pool.execute(() -> {
        try {
          task.run();
        } finally {
          done();
        }
      });
    } catch (RejectedExecutionException e) {
      done();
      throw e;
    }
  }

  private void done() {
    synchronized (lock) {
      if (--inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  /** Waits up to 5 s until no task is queued or running. */
  void awaitIdle() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (lock) {
      while (inFlight > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("the handler executor is still busy after 5 s (" + inFlight + " task(s))");
        }
        try {
          lock.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  static boolean isHandlerThread() {
    return Thread.currentThread().getName().startsWith(PREFIX);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
