package io.sente4j.core.internal;

import io.sente4j.core.Chsk;
import io.sente4j.core.Keyword;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The requests of one client that wait for a reply, by callback id (PROTOCOL.md §9.2). A request ends exactly once:
 * whichever of the reply, its timeout, a close or a cancel removes it from the table wins, and only the winner
 * delivers the outcome to the future ({@link ReplyFuture#deliver}). Guarded by the lock given to the constructor
 * (the client's lock).
 *
 * <p>A request is <i>held</i> from its registration until it is marked sent on a connection; a close ends only the
 * sent ones, since the held ones have not used any connection yet.
 *
 * <p>The timeouts share one timer, set for the earliest deadline of the table (not a timer per request: requests
 * with the same timeout would schedule and cancel one each, and each new earliest timer wakes the scheduler's
 * thread). When it fires it ends every request whose deadline has passed and sets itself for the next one; it stays
 * set when the table empties, so steady traffic schedules nothing.
 */
public final class PendingReplies {
  private static final Duration NEVER = Duration.ofDays(36_500);

  private final Object lock;
  private final Scheduler scheduler;
  private final Executor executor;
  private final Supplier<String> callbackIds;
  private final boolean keywordsAsStrings;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  /** The shared timeout timer, or {@code null}; set for {@link #timerAt}. */
  private Scheduler.Cancellable timer;
  private long timerAt;
  /** Counts the timers set and cancelled: a timer that fires after it was replaced (it was running) does nothing. */
  private long timerGeneration;
  /** The generation of a timer that fired inside the {@code schedule} call arming it, which then does its work. */
  private long firedWhileArming;

  /**
   * Creates an empty table.
   *
   * @param lock the lock that guards the table
   * @param scheduler runs the timeouts
   * @param executor completes the futures; one that refuses nothing ({@link FallbackExecutor}), since the table
   *     delivers under the lock
   * @param callbackIds fresh callback ids, unique for the client's life
   * @param keywordsAsStrings whether the packer reads keywords as strings, so that {@code "chsk/closed"} stands for
   *     {@code :chsk/closed} (PROTOCOL.md §4.7)
   */
  public PendingReplies(Object lock, Scheduler scheduler, Executor executor, Supplier<String> callbackIds,
      boolean keywordsAsStrings) {
    this.lock = lock;
    this.scheduler = scheduler;
    this.executor = executor;
    this.callbackIds = callbackIds;
    this.keywordsAsStrings = keywordsAsStrings;
  }

  /**
   * Registers a new request, held, with its timeout running; a cancel of its future forgets it. When the scheduler
   * refuses the timer its timeout needs (its executor was shut down), the request is not registered: its future
   * fails with a {@link ReplyErrorException} caused by the refusal, and {@link #contains} is false for it.
   */
  public Registered register(Keyword eventId, Duration timeout) {
    synchronized (lock) {
      String cb = callbackIds.get();
      ReplyFuture future = new ReplyFuture(() -> forget(cb));
      long now = scheduler.nanoTime();
      Entry e = new Entry(eventId, timeout, now + saturatedNanos(timeout), future);
      entries.put(cb, e);
      if (timer == null || e.deadline - timerAt < 0) {
        try {
          setTimer(now, e.deadline);
        } catch (RuntimeException refused) {
          entries.remove(cb); // the others keep the timer they had
          settle(e, null, timerRefused(e, refused));
        }
      }
      return new Registered(cb, future);
    }
  }

  /** Whether the request is still waiting; marks it sent. */
  public boolean markSent(String cb) {
    synchronized (lock) {
      Entry e = entries.get(cb);
      if (e == null) {
        return false;
      }
      e.sent = true;
      return true;
    }
  }

  /** Whether a request waits under {@code cb}. */
  public boolean contains(String cb) {
    synchronized (lock) {
      return entries.containsKey(cb);
    }
  }

  /** The number of requests waiting, held or sent. */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  /**
   * Ends the sent request {@code cb} with the reply {@code value}; a failure keyword ends it with the matching
   * exception.
   *
   * @return false if no sent request waits under {@code cb} (a late, duplicate or unknown reply)
   */
  public boolean reply(String cb, Object value) {
    synchronized (lock) {
      Entry e = entries.get(cb);
      if (e == null || !e.sent) {
        return false;
      }
      entries.remove(cb);
      Keyword failure = failureKeyword(value);
      if (failure == null) {
        settle(e, value, null);
      } else if (failure.equals(Chsk.CLOSED)) {
        settle(e, null, new ReplyClosedException("the server replied " + failure + " to " + e.eventId));
      } else if (failure.equals(Chsk.TIMEOUT)) {
        settle(e, null, new ReplyTimeoutException("the server replied " + failure + " to " + e.eventId));
      } else {
        settle(e, null, new ReplyErrorException("the server replied " + failure + " to " + e.eventId));
      }
      return true;
    }
  }

  /** Ends request {@code cb} with {@code error}, if it still waits. */
  public void fail(String cb, Throwable error) {
    synchronized (lock) {
      Entry e = entries.remove(cb);
      if (e != null) {
        settle(e, null, error);
      }
    }
  }

  /** Ends every sent request with {@link ReplyClosedException} (the connection closed); returns how many. */
  public int failSent(String why) {
    return failAll(why, true);
  }

  /** Ends every request, held or sent, with {@link ReplyClosedException}; returns how many. */
  public int failAll(String why) {
    return failAll(why, false);
  }

  private int failAll(String why, boolean sentOnly) {
    synchronized (lock) {
      List<Entry> ended = new ArrayList<>();
      for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.sent || !sentOnly) {
          it.remove();
          ended.add(e);
        }
      }
      for (Entry e : ended) {
        settle(e, null, new ReplyClosedException(why + " before the reply to " + e.eventId + " came"));
      }
      if (entries.isEmpty() && timer != null) {
        timer.cancel();
        timer = null;
        timerGeneration++;
      }
      return ended.size();
    }
  }

  /**
   * Sets the timer for {@code at}. The new one is armed before the old one is cancelled: when the scheduler throws
   * instead (and so does this), the old one still times the requests it was set for.
   */
  private void setTimer(long now, long at) {
    long generation = timerGeneration + 1;
    Scheduler.Cancellable next = scheduler.schedule(Duration.ofNanos(Math.max(0L, at - now)),
        () -> timerFired(generation));
    if (timer != null) {
      timer.cancel();
    }
    timer = next;
    timerAt = at;
    timerGeneration = generation;
    if (firedWhileArming == generation) { // a scheduler that ran it on this thread, inside schedule()
      firedWhileArming = 0L;
      timerFired(generation);
    }
  }

  /** Ends the requests whose deadline has passed, in the order they were made, and sets the timer for the next. */
  private void timerFired(long generation) {
    synchronized (lock) {
      if (generation != timerGeneration) {
        if (generation == timerGeneration + 1) { // the timer being armed: setTimer() runs this once it has kept it
          firedWhileArming = generation;
        }
        return;
      }
      timer = null;
      long now = scheduler.nanoTime();
      List<Entry> expired = new ArrayList<>();
      boolean more = false;
      long next = 0L;
      for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
        Entry e = it.next();
        if (e.deadline - now <= 0L) {
          it.remove();
          expired.add(e);
        } else if (!more || e.deadline - next < 0L) {
          more = true;
          next = e.deadline;
        }
      }
      for (Entry e : expired) {
        settle(e, null, new ReplyTimeoutException("no reply to " + e.eventId + " within " + e.timeout));
      }
      if (more) {
        try {
          setTimer(now, next);
        } catch (RuntimeException refused) {
          failUntimed(refused); // not to the timer's thread
        }
      }
    }
  }

  /** The scheduler refused the timer of every request still waiting: they end now, for nothing would time them. */
  private void failUntimed(RuntimeException refused) {
    List<Entry> ended = new ArrayList<>(entries.values());
    entries.clear();
    for (Entry e : ended) {
      settle(e, null, timerRefused(e, refused));
    }
  }

  private static ReplyErrorException timerRefused(Entry e, RuntimeException refused) {
    return new ReplyErrorException("could not time the reply to " + e.eventId + ": the scheduler refused its timer ("
        + refused + ")", refused);
  }

  private void forget(String cb) {
    synchronized (lock) {
      entries.remove(cb);
    }
  }

  private void settle(Entry e, Object value, Throwable error) {
    e.future.deliver(value, error, executor);
  }

  /** {@code timeout} in nanoseconds, at most a century (a deadline far enough to be never, without overflow). */
  private static long saturatedNanos(Duration timeout) {
    return timeout.compareTo(NEVER) >= 0 ? NEVER.toNanos() : Math.max(0L, timeout.toNanos());
  }

  /**
   * Completes {@code future} on {@code executor}, or here if the executor refuses (whatever it throws without starting
   * the completion, see {@link Handoff}): give one that refuses nothing
   * ({@link FallbackExecutor}) when {@code future} may have dependent stages and the caller holds the client's lock.
   */
  public static <T> void complete(Executor executor, CompletableFuture<T> future, T value, Throwable error) {
    Runnable task = () -> {
      if (error == null) {
        future.complete(value);
      } else {
        future.completeExceptionally(error);
      }
    };
    Handoff.execute(executor, task, refusal -> task.run());
  }

  private Keyword failureKeyword(Object value) {
    if (value instanceof Keyword) {
      Keyword k = (Keyword) value;
      return k.equals(Chsk.CLOSED) || k.equals(Chsk.TIMEOUT) || k.equals(Chsk.ERROR) ? k : null;
    }
    if (keywordsAsStrings && value instanceof String) {
      String s = (String) value;
      String name = s.startsWith(":") ? s.substring(1) : s;
      for (Keyword k : new Keyword[] {Chsk.CLOSED, Chsk.TIMEOUT, Chsk.ERROR}) {
        if (name.equals(k.qualifiedName())) {
          return k;
        }
      }
    }
    return null;
  }

  /**
   * A registered request.
   *
   * @param callbackId its callback id
   * @param future its future
   */
  public record Registered(String callbackId, ReplyFuture future) {}

  private static final class Entry {
    final Keyword eventId;
    final Duration timeout;
    /** The {@link Scheduler#nanoTime()} at which the request times out. */
    final long deadline;
    final ReplyFuture future;
    boolean sent;

    Entry(Keyword eventId, Duration timeout, long deadline, ReplyFuture future) {
      this.eventId = eventId;
      this.timeout = timeout;
      this.deadline = deadline;
      this.future = future;
    }
  }
}
