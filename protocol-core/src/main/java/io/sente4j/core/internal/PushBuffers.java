package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
 * when its timer finds it empty; a thread that finds a retired buffer takes the new one, which can only exist once
 * the old one has been retired.
 *
 * <p>A buffer keeps at most one timer, and a flush on request does not cancel it: under a steady stream of flushed
 * batches, scheduling and cancelling a timer per batch would cost a wake-up of the timer thread each (a profile of
 * the push path showed it). A timer that fires before the deadline of the events buffered now (they came after the
 * flush its window was armed for) is set again for that deadline, so every event still waits at most one window.
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

  /** Told that the scheduler refused a buffer's window timer; called while the uid's lock is held, like a flusher. */
  @FunctionalInterface
  public interface Refused {
    /**
     * The window timer of the uid's buffer could not be armed: the buffer was flushed at once instead.
     *
     * @param uid the user id
     * @param error what the scheduler threw
     */
    void refused(Object uid, RuntimeException error);
  }

  private static final class Buffer {
    final List<Event> events = new ArrayList<>();
    /** When the buffered events' window ends, on the scheduler's clock; meaningful while events are buffered. */
    long deadline;
    /** The pending timer, or {@code null}; it may be due before {@link #deadline} (armed for an earlier window). */
    Scheduler.Cancellable timer;
    /** The deadline the pending timer was armed for. */
    long timerDeadline;
    boolean retired;
  }

  private final Scheduler scheduler;
  private final Executor timedFlushes;
  private final Duration window;
  private final int maxBatch;
  private final Flusher flusher;
  private final Flusher dropped;
  private final Refused refused;
  private final ConcurrentHashMap<Object, Buffer> buffers = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  /**
   * Buffers that flush through {@code flusher}.
   *
   * @param scheduler the timers
   * @param timedFlushes runs the flushes of buffers whose window ended; one that refuses work (shut down as the
   *     server stops) leaves them to the scheduler's thread
   * @param window how long a buffer waits after its first event before it is flushed
   * @param maxBatch the most events a buffer holds: the event that fills it flushes it at once
   * @param flusher delivers batches
   * @param dropped told of the events that {@link #stop} found buffered and of those sent once stopped, which are
   *     dropped; called while the uid's lock is held, like {@code flusher}
   * @param refused told when the scheduler refuses a window's timer: the buffer is flushed at once rather than left
   *     without a timer to flush it
   */
  public PushBuffers(Scheduler scheduler, Executor timedFlushes, Duration window, int maxBatch, Flusher flusher,
      Flusher dropped, Refused refused) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.timedFlushes = Objects.requireNonNull(timedFlushes, "timedFlushes");
    this.window = Objects.requireNonNull(window, "window");
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1, was " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.flusher = Objects.requireNonNull(flusher, "flusher");
    this.dropped = Objects.requireNonNull(dropped, "dropped");
    this.refused = Objects.requireNonNull(refused, "refused");
  }

  /**
   * Adds an event to the uid's buffer; the first event of a buffer starts its window, and the event that fills it
   * flushes it, so a burst makes full batches instead of an unbounded buffer.
   */
  public void add(Object uid, Event event) {
    Objects.requireNonNull(uid, "uid");
    while (true) { // withBuffer's loop, written out: this runs once per pushed event, so it allocates no lambda
      Buffer b = buffer(uid);
      synchronized (b) {
        if (b.retired) {
          continue;
        }
        if (stopped) {
          stoppedLocked(uid, b, event);
          return;
        }
        b.events.add(event);
        if (b.events.size() >= maxBatch) {
          flushLocked(uid, b);
        } else if (b.events.size() == 1) {
          startWindow(uid, b);
        }
        retireIfIdle(uid, b);
        return;
      }
    }
  }

  /** Adds an event to the uid's buffer and flushes the buffer at once, keeping the order of the earlier events. */
  public void addAndFlush(Object uid, Event event) {
    withBuffer(uid, event, b -> {
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
    return withBuffer(uid, null, b -> {
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

  /** Drops every buffered event, cancels the timers and drops later adds, telling {@code dropped} of them all. */
  public void stop() {
    stopped = true;
    for (Object uid : buffers.keySet()) {
      Buffer b = buffers.get(uid);
      if (b == null) {
        continue;
      }
      synchronized (b) {
        stoppedLocked(uid, b, null);
      }
    }
  }

  /** @param adding the event {@code action} would add, dropped (and told of) once stopped; or {@code null} */
  private <T> T withBuffer(Object uid, Event adding, Function<Buffer, T> action) {
    Objects.requireNonNull(uid, "uid");
    while (true) {
      Buffer b = buffer(uid);
      synchronized (b) {
        if (b.retired) {
          continue;
        }
        if (stopped) {
          stoppedLocked(uid, b, adding);
          return null;
        }
        try {
          return action.apply(b);
        } finally {
          retireIfIdle(uid, b);
        }
      }
    }
  }

  private Buffer buffer(Object uid) {
    Buffer b = buffers.get(uid);
    return b != null ? b : buffers.computeIfAbsent(uid, k -> new Buffer());
  }

  /**
   * Called holding {@code b}'s lock, once these buffers are stopped: drops what the buffer holds, and {@code adding}
   * when not {@code null}, telling {@link #dropped}.
   */
  private void stoppedLocked(Object uid, Buffer b, Event adding) {
    if (b.timer != null) {
      b.timer.cancel();
      b.timer = null;
    }
    if (adding != null) {
      b.events.add(adding);
    }
    List<Event> lost = List.copyOf(b.events);
    b.events.clear();
    retire(uid, b);
    if (!lost.isEmpty()) {
      try {
        dropped.flush(uid, lost);
      } catch (RuntimeException e) {
        LOG.error("Reporting {} event(s) for {} dropped failed", lost.size(), uid, e);
      }
    }
  }

  /**
   * Called holding {@code b}'s lock, once the first event has entered the empty buffer: its window starts now. The
   * timer is set only when none is pending; a pending one is due no later than this deadline and sets itself again.
   */
  private void startWindow(Object uid, Buffer b) {
    b.deadline = scheduler.nanoTime() + window.toNanos();
    if (b.timer == null) {
      arm(uid, b, window);
    }
  }

  /**
   * Called holding {@code b}'s lock: sets the buffer's timer for the window of the events buffered now, or, when the
   * scheduler refuses it, flushes them at once (leaving no timer), since nothing else would.
   */
  private void arm(Object uid, Buffer b, Duration delay) {
    b.timerDeadline = b.deadline;
    try {
      b.timer = scheduler.schedule(delay, () -> windowEnded(uid, b));
    } catch (RuntimeException e) {
      b.timer = null;
      try {
        refused.refused(uid, e);
      } catch (RuntimeException reporting) {
        LOG.error("Reporting a refused window timer for {} failed", uid, reporting);
      }
      flushLocked(uid, b);
    }
  }

  /** On the scheduler's thread: hands the buffer's timed flush to {@link #timedFlushes}. */
  private void windowEnded(Object uid, Buffer b) {
    try {
      timedFlushes.execute(() -> onTimer(uid, b));
    } catch (RejectedExecutionException e) {
      onTimer(uid, b);
    }
  }

  private void onTimer(Object uid, Buffer b) {
    synchronized (b) {
      if (b.retired) {
        return;
      }
      b.timer = null;
      if (!b.events.isEmpty()) {
        long left = b.deadline - scheduler.nanoTime();
        // Armed for an earlier window (flushed on request since): wait for this one's end. Set again at most once
        // per window, so a scheduler whose timers run early on its own clock cannot keep the events waiting.
        if (left > 0 && b.timerDeadline != b.deadline) {
          arm(uid, b, Duration.ofNanos(left));
          if (b.timer != null) {
            return;
          }
        }
        flushLocked(uid, b);
      }
      retire(uid, b);
    }
  }

  /** Called holding {@code b}'s lock: retires the buffer once it holds no event and has no timer pending. */
  private void retireIfIdle(Object uid, Buffer b) {
    if (b.events.isEmpty() && b.timer == null) {
      retire(uid, b);
    }
  }

  /** Called holding {@code b}'s lock. */
  private void flushLocked(Object uid, Buffer b) {
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
