package io.sente4j.core.internal;

import io.sente4j.core.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executors a socket creates for itself when the application gives none, and shuts down when it stops. What the
 * application gives stays the application's to shut down.
 */
public final class OwnedExecutors {
  private final String name;
  private final List<ExecutorService> graceful = new ArrayList<>();
  private final List<ExecutorService> abrupt = new ArrayList<>();

  /**
   * Executors whose threads are named {@code sente4j-<name>-...}.
   *
   * @param name the owner's short name, such as {@code server}
   */
  public OwnedExecutors(String name) {
    this.name = name;
  }

  /**
   * The given executor, or a new daemon pool of {@code max(2, processors)} threads that {@link #shutdown} lets
   * finish its queued tasks.
   */
  public synchronized Executor handlerExecutor(Executor given) {
    if (given != null) {
      return given;
    }
    return gracefulPool("handler");
  }

  /**
   * Where a socket's timed push flushes run, beside the timers that start them: with a {@code given} scheduler, on
   * that scheduler's own thread (the application chose its threads; under a {@code VirtualScheduler} a flush then
   * happens as time is moved); otherwise on a new daemon pool of {@code max(2, processors)} threads that {@link
   * #shutdown} lets finish its queued tasks.
   */
  public synchronized Executor flushExecutor(Scheduler given) {
    if (given != null) {
      return Runnable::run;
    }
    return gracefulPool("flush");
  }

  /** The given scheduler, or a new one on one daemon thread and real time, whose timers {@link #shutdown} drops. */
  public synchronized Scheduler scheduler(Scheduler given) {
    if (given != null) {
      return given;
    }
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemon("sente4j-" + name + "-timer-"));
    timer.setRemoveOnCancelPolicy(true);
    abrupt.add(timer);
    return Scheduler.of(timer);
  }

  /** Shuts down what this created: handler pools after their queued tasks, timers at once. */
  public synchronized void shutdown() {
    abrupt.forEach(ExecutorService::shutdownNow);
    graceful.forEach(ExecutorService::shutdown);
  }

  /** A new daemon pool of {@code max(2, processors)} threads named for {@code kind}, shut down gracefully. */
  private ExecutorService gracefulPool(String kind) {
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemon("sente4j-" + name + "-" + kind + "-"));
    graceful.add(pool);
    return pool;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
