package io.sente4j.core.internal;

import io.sente4j.core.ClientTransport;
import io.sente4j.core.CloseReason;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.Scheduler;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The HTTP requests one Ajax connection has in flight. Each waits at most the Ajax timeout, measured on the client's
 * scheduler; one that gets no response in time fails with a {@link TimeoutException} and its transport future is
 * cancelled. Once the connection has ended, no request is sent, and the answers of those in flight are dropped; a
 * POST among them fails with {@link ReplyClosedException}. Thread-safe.
 *
 * <p>The timeouts share one timer per connection, a lazy sweep: each request records its deadline, and the timer is
 * armed only when none is, for the earliest deadline in flight. A request that ends cancels nothing (with a timer per
 * request, every request was a timer armed and cancelled, each a wake-up of the scheduler's thread); the timer, when
 * it fires, fails the requests whose deadline has passed and is armed again for the earliest left, if any. So each
 * request times out at its own deadline, to the nanosecond of the scheduler's clock, and an Ajax connection's steady
 * traffic costs about one timer per Ajax timeout. The end of the connection cancels the timer.
 */
final class AjaxExchanges {
  private final ClientTransport transport;
  private final int maxFrameBytes;
  private final Scheduler scheduler;
  private final Duration timeout;
  private final long timeoutNanos;
  private final Consumer<Runnable> mdc;
  /** In the order they were sent (the sweep does not count on their deadlines following that order). */
  private final Set<Exchange> inFlight = new LinkedHashSet<>();
  private CloseReason ended;
  /** The sweep's timer, or {@code null} when none is armed. */
  private Scheduler.Cancellable timer;
  /** Numbers the timers: one that fires after the end cancelled it (it was already running) does nothing. */
  private long timerGeneration;

  /**
   * Creates the set for one connection.
   *
   * @param transport makes the requests
   * @param maxFrameBytes the client's frame limit, which the transport may size its response bound from
   * @param scheduler runs the timeouts
   * @param timeout the Ajax timeout
   * @param mdc runs the answers' handling with the client's ids in the MDC
   */
  AjaxExchanges(ClientTransport transport, int maxFrameBytes, Scheduler scheduler, Duration timeout,
      Consumer<Runnable> mdc) {
    this.transport = transport;
    this.maxFrameBytes = maxFrameBytes;
    this.scheduler = scheduler;
    this.timeout = timeout;
    this.timeoutNanos = TimeUnit.NANOSECONDS.convert(timeout); // saturated: past ~292 years means never
    this.mdc = mdc;
  }

  /** The Ajax timeout. */
  Duration timeout() {
    return timeout;
  }

  /** Why the connection ended, or {@code null} while it has not. */
  synchronized CloseReason ended() {
    return ended;
  }

  /**
   * Sends one request; {@code then} gets the response or the failure (unwrapped; a {@link TimeoutException} after
   * the Ajax timeout) on the transport's or the timer's thread, unless the connection ends first. When the scheduler
   * refuses the timer this request would arm, the request is not sent and {@code then} gets the scheduler's exception.
   *
   * @param call the request
   * @param what names the request in the timeout's message
   * @param sent a POST's future, failed with {@link ReplyClosedException} if the connection ends first; or {@code
   *     null}
   * @param then what to do with the answer
   */
  void send(HttpCall call, String what, CompletableFuture<Void> sent, BiConsumer<HttpReply, Throwable> then) {
    Exchange x = new Exchange(what, sent);
    CloseReason endedAlready;
    RuntimeException refused = null;
    synchronized (this) {
      long now = scheduler.nanoTime();
      endedAlready = ended;
      if (endedAlready == null) {
        x.deadline = now + timeoutNanos; // compared by difference, so wrapping past Long.MAX_VALUE is fine
        inFlight.add(x);
        if (timer == null) {
          try {
            arm(now, x.deadline);
          } catch (RuntimeException e) { // a scheduler that has been shut down
            refused = e;
          }
        }
      }
    }
    if (endedAlready != null) {
      abort(List.of(x), endedAlready);
      return;
    }
    x.result.whenComplete((r, e) -> {
      synchronized (this) {
        if (!inFlight.remove(x)) {
          return; // aborted: the connection ended
        }
      }
      CompletableFuture<HttpReply> request = x.request;
      if (request != null) {
        request.cancel(false); // a no-op unless the timeout won
      }
      mdc.accept(() -> then.accept(r, e));
    });
    if (refused != null) {
      x.result.completeExceptionally(refused); // nothing would bound its wait: not sent
      return;
    }
    if (x.result.isDone()) {
      // The connection ended (and aborted this) since it was registered: send nothing, since the request would
      // reach the server for a connection the client has given up.
      return;
    }
    CompletableFuture<HttpReply> request;
    try {
      request = transport.request(call, maxFrameBytes);
    } catch (RuntimeException e) { // a transport that has been shut down
      request = CompletableFuture.failedFuture(e);
    }
    x.request = request;
    if (x.result.isDone()) {
      request.cancel(false); // aborted or timed out before the request existed: neither could cancel it
    }
    request.whenComplete((r, e) -> {
      if (e != null) {
        x.result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      } else {
        x.result.complete(r);
      }
    });
  }

  /**
   * Ends the connection: later requests are not sent, and the timer is cancelled.
   *
   * @return what aborts the requests in flight, to run once the session has heard of the end; {@code null} if the
   *     connection had already ended
   */
  Runnable end(CloseReason reason) {
    List<Exchange> all;
    synchronized (this) {
      if (ended != null) {
        return null;
      }
      ended = reason;
      all = new ArrayList<>(inFlight);
      inFlight.clear();
      cancelTimer();
    }
    return () -> abort(all, reason);
  }

  /** Whether {@code error} is a request's timeout: this set's own, or the transport's. */
  static boolean timedOut(Throwable error) {
    return error instanceof TimeoutException || error instanceof HttpTimeoutException;
  }

  /**
   * Arms the timer for {@code at}. Under this object's lock; when the scheduler throws, so does this, and no timer
   * is armed.
   */
  private void arm(long now, long at) {
    long generation = ++timerGeneration;
    Scheduler.Cancellable next = scheduler.schedule(Duration.ofNanos(Math.max(0L, at - now)),
        () -> sweep(generation));
    if (generation != timerGeneration) {
      next.cancel(); // a scheduler that ran the end or a sweep (each spends the generation) as it armed
      return;
    }
    timer = next;
  }

  private void cancelTimer() {
    timerGeneration++;
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /**
   * The timer fired: fails the requests whose deadline has passed and arms the timer for the earliest one left. When
   * the scheduler refuses that timer, the requests left fail with its exception, since nothing would bound their wait
   * (POSTs first, so that each POST's future carries the refusal rather than the close its failed poll causes).
   */
  private void sweep(long generation) {
    List<Exchange> expired = new ArrayList<>();
    List<Exchange> untimed = new ArrayList<>();
    RuntimeException refused = null;
    synchronized (this) {
      if (generation != timerGeneration || ended != null) {
        return;
      }
      timer = null;
      timerGeneration++; // spent: an arm() this fired inside of keeps no handle to it, or no request would arm again
      long now = scheduler.nanoTime();
      Exchange next = null;
      for (Exchange x : inFlight) {
        if (x.deadline - now <= 0L) {
          expired.add(x);
        } else {
          untimed.add(x);
          if (next == null || x.deadline - next.deadline < 0L) {
            next = x;
          }
        }
      }
      try {
        if (next != null) {
          arm(now, next.deadline);
        }
        untimed.clear(); // timed after all
      } catch (RuntimeException e) {
        refused = e;
        untimed.sort(Comparator.comparing(x -> x.sent == null)); // POSTs first, in the order sent (a stable sort)
      }
    }
    for (Exchange x : expired) {
      x.result.completeExceptionally(new TimeoutException("no response to the Ajax " + x.what + " within "
          + timeout));
    }
    for (Exchange x : untimed) {
      x.result.completeExceptionally(refused);
    }
  }

  private static void abort(List<Exchange> ended, CloseReason reason) {
    for (Exchange x : ended) {
      x.result.cancel(false);
      CompletableFuture<HttpReply> request = x.request;
      if (request != null) {
        request.cancel(false);
      }
      if (x.sent != null) {
        x.sent.completeExceptionally(new ReplyClosedException("the Ajax connection closed (" + reason.text()
            + ") before the server answered the POST"));
      }
    }
  }

  /**
   * One request in flight; {@link #result} is completed by the response, the timeout or the end. Its deadline is set
   * under the set's lock before anyone else sees it.
   */
  private static final class Exchange {
    final CompletableFuture<HttpReply> result = new CompletableFuture<>();
    final String what;
    final CompletableFuture<Void> sent;
    long deadline;
    volatile CompletableFuture<HttpReply> request;

    Exchange(String what, CompletableFuture<Void> sent) {
      this.what = what;
      this.sent = sent;
    }
  }
}
