package io.sente4j.core;

import io.sente4j.core.internal.AjaxClient;
import io.sente4j.core.internal.Handoff;
import io.sente4j.core.internal.HeldReply;
import io.sente4j.core.internal.Mdc;
import io.sente4j.core.internal.SerialExecutor;
import io.sente4j.core.internal.ServerConnection;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call a server makes into application code: the user-id and handshake-data functions and the event handler
 * on each connection's serial queue, the error and presence listeners on one serial queue of their own; all on the
 * handler executor, with the uid and client id in the MDC. Also where errors are logged and reported.
 */
final class ServerDispatch {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketServer.class);

  private final ServerOptions options;
  private final SerialExecutor listeners;
  private final ServerCounters counters;

  ServerDispatch(ServerOptions options, Executor handlers, ServerCounters counters) {
    this.options = options;
    this.counters = counters;
    this.listeners = new SerialExecutor(handlers);
  }

  /**
   * On the connection's queue: computes the uid and handshake data and passes them on, or closes on failure (and
   * when the handler executor refuses the work, which would leave the connection waiting for its handshake).
   */
  void identify(ServerConnection conn, BiConsumer<Object, Object> then) {
    conn.serial().execute(new SerialExecutor.Refusable() {
      @Override
      public void run() {
        Mdc.run(null, conn.clientId(), () -> {
          Identity id = identify(conn.request(), conn.clientId(), true);
          if (id == null) {
            conn.close(CloseReason.ERROR);
            return;
          }
          then.accept(id.uid(), id.handshakeData());
        });
      }

      @Override
      public void refused(Throwable error) {
        report(refusedWork(null, conn.clientId(), "the handshake", error, "closing the connection"));
        conn.close(CloseReason.ERROR);
      }
    });
  }

  /**
   * A request's user id and handshake data.
   *
   * @param uid the user id, {@link Chsk#NIL_UID} when the function returned {@code null} or {@link
   *     Chsk#LEGACY_NIL_UID}
   * @param handshakeData the handshake data, or {@code null} (always, when not asked for)
   */
  record Identity(Object uid, Object handshakeData) {}

  /**
   * Runs the user-id function and, when {@code withHandshakeData}, the handshake-data function, on the calling
   * thread (a handler thread).
   *
   * @return the identity, or {@code null} after reporting that a function threw
   */
  Identity identify(ServerRequest request, String clientId, boolean withHandshakeData) {
    Object uid = null;
    try {
      uid = options.userId().userId(request, clientId);
      uid = uid == null || Chsk.LEGACY_NIL_UID.equals(uid) ? Chsk.NIL_UID : uid; // as Frame.Handshake reads it
      return new Identity(uid, withHandshakeData ? options.handshakeData().handshakeData(request, uid) : null);
    } catch (Throwable t) {
      report(new ServerError(ServerError.Kind.HANDLER_FAILED, uid, clientId,
          "the user-id or handshake-data function threw; " + (request.isWebSocketUpgrade()
              ? "closing the connection" : "answering 500"), t));
      rethrowFatal(t);
      return null;
    }
  }

  /**
   * Hands the event of an Ajax POST to the event handler, on the calling thread (a handler thread).
   *
   * @param reply the POST's held reply, or {@code null} when the client wants none
   */
  void ajaxEvent(Object uid, String clientId, ServerRequest request, Event event, HeldReply reply) {
    Predicate<Object> replies = reply == null ? null : value -> {
      if (reply.reply(value)) {
        counters.replySent(value);
        return true;
      }
      report(new ServerError(ServerError.Kind.REPLY_DROPPED, uid, clientId, "the Ajax reply to " + event.id()
          + " came after the reply timeout or after the client stopped waiting; reply dropped", null));
      return false;
    };
    counters.eventReceived();
    EventMessage msg = new EventMessage(event, uid, clientId, request, Via.AJAX_POST, replies);
    Mdc.run(uid, clientId, () -> handle(msg));
  }

  /**
   * Hands a client event to the event handler, on the connection's queue, if the receive queue has room for its
   * {@code bytes}. When it has not, the event is never silently lost (PROTOCOL.md §11.3): a request is answered
   * {@code :chsk/error}, and an event without a callback closes the connection with {@link CloseReason#OVERFLOW}.
   */
  void event(ServerConnection conn, Event event, String callbackId, int bytes) {
    counters.eventReceived();
    if (!conn.inbound().tryAdmit(bytes)) {
      refuse(conn, event, callbackId, "the handler's queue is full (" + conn.inbound() + ")", null);
      return;
    }
    Predicate<Object> replies = callbackId == null ? null : value -> reply(conn, event, callbackId, value);
    EventMessage msg = new EventMessage(event, conn.uid(), conn.clientId(), conn.request(), Via.WEBSOCKET, replies);
    conn.serial().execute(new SerialExecutor.Refusable() {
      @Override
      public void run() {
        try {
          HandledEvent.run(conn.inbound(), () -> Mdc.run(msg.uid(), msg.clientId(), () -> handle(msg)));
        } finally {
          conn.inbound().release(bytes);
        }
      }

      @Override
      public void refused(Throwable error) {
        conn.inbound().release(bytes);
        refuse(conn, event, callbackId, "the handler executor refused the event's work" + Handoff.describe(error),
            Handoff.reportedCause(error));
      }
    });
  }

  /** An event that cannot reach the handler: a request is answered {@code :chsk/error}, else the connection closes. */
  private void refuse(ServerConnection conn, Event event, String callbackId, String full, Throwable cause) {
    if (callbackId != null) {
      report(new ServerError(ServerError.Kind.OVERFLOW, conn.uid(), conn.clientId(),
          full + "; answered :chsk/error to " + event.id(), cause));
      if (conn.send(new Frame.Reply(Chsk.ERROR, callbackId))) {
        counters.replySent(Chsk.ERROR);
      }
    } else {
      report(new ServerError(ServerError.Kind.OVERFLOW, conn.uid(), conn.clientId(),
          full + "; " + event.id() + " wants no reply, so the connection closes", cause));
      conn.close(CloseReason.OVERFLOW);
    }
  }

  /**
   * The report of work the handler executor refused (a bounded pool that is full, an executor shut down): an
   * overflow, as a full receive queue is.
   *
   * @param work what the work was, such as {@code "the handshake"}
   * @param error what the executor threw
   * @param outcome what the server did instead
   */
  static ServerError refusedWork(Object uid, String clientId, String work, Throwable error, String outcome) {
    return new ServerError(ServerError.Kind.OVERFLOW, uid, clientId, "the handler executor refused the work of " + work
        + Handoff.describe(error) + "; " + outcome, Handoff.reportedCause(error));
  }

  /** Hands {@code [:chsk/uidport-open uid]} or {@code [:chsk/uidport-close uid]} to the event handler. */
  void presenceEvent(ServerConnection conn, Keyword id, Object uid) {
    deliver(conn, new EventMessage(Event.of(id, uid), uid, conn.clientId(), conn.request(), Via.WEBSOCKET, null));
  }

  /** Hands a presence event caused by an Ajax client to the event handler, on the client's queue. */
  void presenceEvent(AjaxClient client, Keyword id, Object uid) {
    EventMessage msg = new EventMessage(Event.of(id, uid), uid, client.clientId(), client.request(), Via.AJAX_POLL,
        null);
    client.serial().execute(() -> Mdc.run(msg.uid(), msg.clientId(), () -> handle(msg)));
  }

  /** Whether anyone listens to presence snapshots. */
  boolean wantsPresence() {
    return options.presenceListener() != null;
  }

  /** Queues a presence snapshot for the presence listener. */
  void presenceChanged(ConnectedUids now) {
    listeners.execute(() -> {
      try {
        options.presenceListener().presenceChanged(now);
      } catch (Throwable t) {
        LOG.error("The presence listener threw", t);
        rethrowFatal(t);
      }
    });
  }

  /** Logs an error and queues it for the error listener. */
  void report(ServerError error) {
    counters.error(error);
    log(error);
    ServerErrorListener listener = options.errorListener();
    if (listener == null) {
      return;
    }
    listeners.execute(() -> Mdc.run(error.uid(), error.clientId(), () -> {
      try {
        listener.onError(error);
      } catch (Throwable t) {
        LOG.error("The error listener threw", t);
        rethrowFatal(t);
      }
    }));
  }

  private boolean reply(ServerConnection conn, Event event, String callbackId, Object value) {
    if (conn.send(new Frame.Reply(value, callbackId))) {
      counters.replySent(value);
      return true;
    }
    report(new ServerError(ServerError.Kind.REPLY_DROPPED, conn.uid(), conn.clientId(),
        "the connection closed before the reply to " + event.id() + " was sent; reply dropped", null));
    return false;
  }

  /** On the connection's queue, as its events: a stop from the handler does not wait for those queued behind it. */
  private void deliver(ServerConnection conn, EventMessage msg) {
    conn.serial().execute(() -> HandledEvent.run(conn.inbound(),
        () -> Mdc.run(msg.uid(), msg.clientId(), () -> handle(msg))));
  }

  private void handle(EventMessage msg) {
    try {
      options.eventHandler().handle(msg);
    } catch (Throwable t) {
      report(new ServerError(ServerError.Kind.HANDLER_FAILED, msg.uid(), msg.clientId(),
          "the event handler threw on " + msg.id() + (msg.wantsReply() && !msg.hasReplied()
              ? "; replying :chsk/error" : ""), t));
      if (msg.wantsReply() && !msg.hasReplied()) {
        msg.reply(Chsk.ERROR);
      }
      rethrowFatal(t);
    }
  }

  private static void log(ServerError e) {
    Mdc.run(e.uid(), e.clientId(), () -> {
      switch (e.kind()) {
        case HANDLER_FAILED:
          LOG.warn("{} (uid {}, client {})", e.message(), e.uid(), e.clientId(), e.cause());
          break;
        case BAD_FRAME:
          LOG.warn("Bad frame dropped (uid {}, client {}): {}", e.uid(), e.clientId(), e.message());
          break;
        default:
          if (e.cause() == null && e.kind() == ServerError.Kind.SEND_FAILED) {
            LOG.debug("{} (uid {}, client {})", e.message(), e.uid(), e.clientId());
          } else {
            LOG.info("{} (uid {}, client {})", e.message(), e.uid(), e.clientId(), e.cause());
          }
      }
    });
  }

  private static void rethrowFatal(Throwable t) {
    if (t instanceof VirtualMachineError) {
      throw (VirtualMachineError) t;
    }
  }
}
