package io.sente4j.transport.jetty;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty exchange held open for the core ({@link io.sente4j.core.ServerAnswer.Hold}): no thread waits on it; the
 * core completes it from wherever it likes, which writes the response and completes Jetty's callback. When Jetty
 * fails the request first (the client closed the connection, an idle timeout), the abandon actions run instead.
 */
final class HeldExchange implements HeldResponse {
  private static final Logger LOG = LoggerFactory.getLogger(HeldExchange.class);

  private enum State { OPEN, COMPLETED, ABANDONED }

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final List<Runnable> abandonActions = new ArrayList<>();
  private State state = State.OPEN;
  private PeerCloseWatch peerWatch; // guarded by this

  HeldExchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  /**
   * Starts watching for the client going away. Over HTTP/1.x a {@link PeerCloseWatch} reads the connection while
   * the exchange is held, so a client closing it is noticed at once; over HTTP/2 a client resetting its stream fails
   * the request. A failed request (that, a failed write, the connection's idle timeout) abandons the exchange.
   */
  void watch() {
    request.addFailureListener(failure -> {
      if (abandon()) {
        callback.failed(failure);
      }
    });
    PeerCloseWatch w = PeerCloseWatch.start(request, this, this::peerGone);
    synchronized (this) {
      if (state == State.OPEN) {
        peerWatch = w;
        return;
      }
    }
    if (w != null) {
      synchronized (this) {
        w.stop();
      }
    }
  }

  /**
   * The watch saw the client go. Jetty's callback is failed with an {@link Request.Handler.AbortException}, which
   * tells Jetty to end the exchange and close the connection without an error response: failing it with the bare
   * cause made Jetty write an error page to a connection the watch had just closed, and that write raced Jetty's own
   * teardown of the stream (a NullPointerException in its log, "stream is null").
   */
  private boolean peerGone(Throwable cause) {
    if (!abandon()) {
      return false;
    }
    callback.failed(new Request.Handler.AbortException("the client of a held exchange went away", cause));
    return true;
  }

  @Override
  public boolean complete(int status, Payload body) {
    Objects.requireNonNull(body, "body");
    synchronized (this) {
      if (state != State.OPEN) {
        return false;
      }
      state = State.COMPLETED;
      abandonActions.clear();
      stopWatching();
    }
    Responses.write(response, callback, status, body);
    return true;
  }

  @Override
  public synchronized boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public void onAbandoned(Runnable action) {
    Objects.requireNonNull(action, "action");
    synchronized (this) {
      if (state == State.OPEN) {
        abandonActions.add(action);
        return;
      }
      if (state == State.COMPLETED) {
        return;
      }
    }
    run(action);
  }

  /**
   * The client went away: runs the abandon actions once, unless the response was completed first; true if this
   * call abandoned the exchange.
   */
  boolean abandon() {
    List<Runnable> actions;
    synchronized (this) {
      if (state != State.OPEN) {
        return false;
      }
      state = State.ABANDONED;
      actions = List.copyOf(abandonActions);
      abandonActions.clear();
      stopWatching();
    }
    actions.forEach(HeldExchange::run);
    return true;
  }

  /** Called holding this object's lock. */
  private void stopWatching() {
    if (peerWatch != null) {
      peerWatch.stop();
      peerWatch = null;
    }
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("an onAbandoned action of a held HTTP response threw", e);
    }
  }
}
