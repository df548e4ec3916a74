package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push buffers of one transport (PROTOCOL.md §7.3): events sent to a uid wait in that uid's buffer, and the
 * buffer is flushed as one batch a window after its first event entered it, or at once on request.
 *
 * <p>Each uid's buffer is also the uid's send lock: a flush hands its batch to the {@link Flusher} while holding
 * it, so batches for one uid reach the transport one after the other, in send order. A buffer leaves the table
 * when it is flushed empty; a thread that finds a retired buffer takes the new one, which can only exist once the
 * old one's flush has finished.
 */
public final class PushBuffers {
  private static final Logger LOG = LoggerFactory.getLogger(PushBuffers.class);

  /** Delivers a flushed batch; called while the uid's lock is held, so it must not block. */
  @FunctionalInterface
  public interface Flusher {
    /**
     * Delivers one batch.
     *
     * @param uid the user id
     * @param batch the events, in send order; never empty
     */
    void flush(Object uid, List<Event> batch);
  }

  private static final class Buffer {
    final List<Event> events = new ArrayList<>();
    Scheduler.Cancellable timer;
    boolean retired;
  }

  private final Scheduler scheduler;
  private final Duration window;
  private final int maxBatch;
  private final Flusher flusher;
  private final ConcurrentHashMap<Object, Buffer> buffers = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /**
   * Buffers that flush through {@code flusher}.
   *
   * @param scheduler the timers
   * @param window how long a buffer waits after its first event before it is flushed
   * @param maxBatch the most events a buffer holds: the event that fills it flushes it at once
   * @param flusher delivers batches
   */
  public PushBuffers(Scheduler scheduler, Duration window, int maxBatch, Flusher flusher) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.window = Objects.requireNonNull(window, "window");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.flusher = Objects.requireNonNull(flusher, "flusher");
  }

  /**
   * Adds an event to the uid's buffer; the first event of a buffer starts its window, and the event that fills it
   * flushes it, so a burst makes full batches instead of an unbounded buffer.
   */
  public void add(Object uid, Event event) {
    withBuffer(uid, b -> {
      b.events.add(event);
      if (b.events.size() >= maxBatch) {
        flushLocked(uid, b);
      } else if (b.timer == null) {
        b.timer = scheduler.schedule(window, () -> onTimer(uid, b));
      }
      return null;
    });
  }

  /** Adds an event to the uid's buffer and flushes the buffer at once, keeping the order of the earlier events. */
  public void addAndFlush(Object uid, Event event) {
    withBuffer(uid, b -> {
      b.events.add(event);
      flushLocked(uid, b);
      return null;
    });
  }

  /**
   * Flushes the uid's buffer, then runs {@code action} while still holding the uid's lock, so nothing sent to the
   * uid meanwhile can overtake what {@code action} sends.
   *
   * @return what {@code action} returned, or {@code null} without running it once these buffers are stopped
   */
  public <T> T flushThen(Object uid, Supplier<T> action) {
    return withBuffer(uid, b -> {
      flushLocked(uid, b);
      return action.get();
    });
  }

  /** Flushes every buffer now. */
  public void flushAll() {
    for (Object uid : buffers.keySet()) {
      flushThen(uid, () -> null);
    }
  }

  /** Drops every buffered event, cancels the timers and ignores later adds. */
  public void stop() {
    stopped = true;
    for (Object uid : buffers.keySet()) {
      Buffer b = buffers.get(uid);
      if (b == null) {
        continue;
      }
      synchronized (b) {
        if (b.timer != null) {
          b.timer.cancel();
        }
        b.events.clear();
        retire(uid, b);
      }
    }
  }

  private <T> T withBuffer(Object uid, Function<Buffer, T> action) {
    Objects.requireNonNull(uid, "uid");
    while (true) {
      Buffer b = buffers.computeIfAbsent(uid, k -> new Buffer());
      synchronized (b) {
        if (b.retired) {
          continue;
        }
        if (stopped) {
          retire(uid, b);
          LOG.debug("Stopped; nothing is pushed to {}", uid);
          return null;
        }
        try {
          return action.apply(b);
        } finally {
          if (b.events.isEmpty()) {
            retire(uid, b);
          }
        }
      }
    }
  }

  private void onTimer(Object uid, Buffer b) {
    synchronized (b) {
      if (b.retired) {
        return;
      }
      b.timer = null;
      flushLocked(uid, b);
      retire(uid, b);
    }
  }

  /** Called holding {@code b}'s lock. */
  private void flushLocked(Object uid, Buffer b) {
    if (b.timer != null) {
      b.timer.cancel();
      b.timer = null;
    }
    if (b.events.isEmpty()) {
      return;
    }
    List<Event> batch = List.copyOf(b.events);
    b.events.clear();
    try {
      flusher.flush(uid, batch);
    } catch (RuntimeException e) {
      LOG.error("Flushing {} event(s) for {} failed", batch.size(), uid, e);
    }
  }

  /** Called holding {@code b}'s lock. */
  private void retire(Object uid, Buffer b) {
    b.retired = true;
    buffers.remove(uid, b);
  }
}
