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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The HTTP requests one Ajax connection has in flight. Each waits at most the Ajax timeout, measured on the client's
 * scheduler; one that gets no response in time fails with a {@link TimeoutException} and its transport future is
 * cancelled. Once the connection has ended, no request is sent, and the answers of those in flight are dropped; a
 * POST among them fails with {@link ReplyClosedException}. Thread-safe.
 */
final class AjaxExchanges {
  private final ClientTransport transport;
  private final Scheduler scheduler;
  private final Duration timeout;
  private final Consumer<Runnable> mdc;
  private final Set<Exchange> inFlight = new LinkedHashSet<>();
  private CloseReason ended;

  /**
   * Creates the set for one connection.
   *
   * @param transport makes the requests
   * @param scheduler runs the timeouts
   * @param timeout the Ajax timeout
   * @param mdc runs the answers' handling with the client's ids in the MDC
   */
  AjaxExchanges(ClientTransport transport, Scheduler scheduler, Duration timeout, Consumer<Runnable> mdc) {
    this.transport = transport;
    this.scheduler = scheduler;
    this.timeout = timeout;
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
   * the Ajax timeout) on the transport's or the timer's thread, unless the connection ends first.
   *
   * @param call the request
   * @param what names the request in the timeout's message
   * @param sent a POST's future, failed with {@link ReplyClosedException} if the connection ends first; or {@code
   *     null}
   * @param then what to do with the answer
   */
  void send(HttpCall call, String what, CompletableFuture<Void> sent, BiConsumer<HttpReply, Throwable> then) {
    Exchange x = new Exchange(sent);
    CloseReason endedAlready;
    synchronized (this) {
      endedAlready = ended;
      if (endedAlready == null) {
        inFlight.add(x);
      }
    }
    if (endedAlready != null) {
      abort(List.of(x), endedAlready);
      return;
    }
    CompletableFuture<HttpReply> request;
    try {
      x.timer = scheduler.schedule(timeout, () -> x.result.completeExceptionally(
          new TimeoutException("no response to the Ajax " + what + " within " + timeout)));
      if (x.result.isCancelled()) {
        // The connection ended (and aborted this) while the timer was being armed, before it could be cancelled:
        // send nothing, since the request would reach the server for a connection the client has given up.
        x.timer.cancel();
        return;
      }
      request = transport.request(call);
    } catch (RuntimeException e) { // a scheduler or transport that has been shut down
      if (x.timer == null) {
        x.timer = () -> false;
      }
      request = CompletableFuture.failedFuture(e);
    }
    x.request = request;
    if (x.result.isCancelled()) {
      request.cancel(false); // aborted before the request existed: the abort could not cancel it
    }
    request.whenComplete((r, e) -> {
      if (e != null) {
        x.result.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      } else {
        x.result.complete(r);
      }
    });
    x.result.whenComplete((r, e) -> {
      synchronized (this) {
        if (!inFlight.remove(x)) {
          return; // aborted: the connection ended
        }
      }
      x.timer.cancel();
      x.request.cancel(false); // a no-op unless the timeout won
      mdc.accept(() -> then.accept(r, e));
    });
  }

  /**
   * Ends the connection: later requests are not sent.
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
    }
    return () -> abort(all, reason);
  }

  /** Whether {@code error} is a request's timeout: this set's own, or the transport's. */
  static boolean timedOut(Throwable error) {
    return error instanceof TimeoutException || error instanceof HttpTimeoutException;
  }

  private static void abort(List<Exchange> ended, CloseReason reason) {
    for (Exchange x : ended) {
      x.result.cancel(false);
      Scheduler.Cancellable timer = x.timer;
      if (timer != null) {
        timer.cancel();
      }
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

  /** One request in flight; {@link #result} is completed by the response, the timeout or the end. */
  private static final class Exchange {
    final CompletableFuture<HttpReply> result = new CompletableFuture<>();
    final CompletableFuture<Void> sent;
    volatile Scheduler.Cancellable timer;
    volatile CompletableFuture<HttpReply> request;

    Exchange(CompletableFuture<Void> sent) {
      this.sent = sent;
    }
  }
}
