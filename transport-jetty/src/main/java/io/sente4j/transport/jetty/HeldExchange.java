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

  HeldExchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  /**
   * Starts watching for the client going away. Jetty does not read a connection while its request is being handled,
   * so a client that closes its connection is noticed when a write fails or when the connection's idle timeout
   * passes: either fails the request, and the exchange is abandoned. The core answers every held exchange within
   * its own timeouts (the long-poll and Ajax reply timeouts), so the idle timeout must be longer than those.
   */
  void watch() {
    request.addFailureListener(failure -> {
      if (abandon()) {
        callback.failed(failure);
      }
    });
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
    }
    actions.forEach(HeldExchange::run);
    return true;
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("an onAbandoned action of a held HTTP response threw", e);
    }
  }
}
