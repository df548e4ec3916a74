package io.sente4j.core;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler over another that counts its timers: how many were armed and cancelled, and how many are live (neither
 * cancelled nor run).
 */
public class LiveTimers implements Scheduler {
  private final Scheduler inner;
  private final Set<Object> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger armed = new AtomicInteger();
  private final AtomicInteger cancelled = new AtomicInteger();

  /** Counts the timers of {@code inner}. */
  public LiveTimers(Scheduler inner) {
    this.inner = inner;
  }

  /** The timers armed and neither cancelled nor run. */
  public int live() {
    return live.size();
  }

  /** The timers armed so far. */
  public int armed() {
    return armed.get();
  }

  /** The cancels of live timers so far. */
  public int cancelled() {
    return cancelled.get();
  }

  @Override
  public long nanoTime() {
    return inner.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    Object id = new Object();
    live.add(id);
    Cancellable c;
    try {
      c = inner.schedule(delay, () -> {
        live.remove(id);
        task.run();
      });
    } catch (RuntimeException refused) {
      live.remove(id);
      throw refused;
    }
    armed.incrementAndGet();
    return () -> {
      if (live.remove(id)) {
        cancelled.incrementAndGet();
      }
      return c.cancel();
    };
  }
}
