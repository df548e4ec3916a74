package io.sente4j.core;

/**
 * The server application's handler of client events. Called on the handler executor, never on a transport thread;
 * the events of one WebSocket connection one at a time, in arrival order, and different connections in parallel.
 * Over Ajax each event is its own POST, and a client may have several POSTs in flight on different HTTP connections,
 * which reach the server in no fixed order: their events may be handled in parallel, as Sente's are. It also
 * receives the server's own presence events {@code [:chsk/uidport-open uid]} and {@code [:chsk/uidport-close uid]}.
 *
 * <p>A handler that throws is reported as {@link ServerError.Kind#HANDLER_FAILED}; if the client wanted a reply and
 * none was given, it gets {@code :chsk/error}.
 */
@FunctionalInterface
public interface EventHandler {

  /** Handles one event; reply through {@link EventMessage#reply}, now or later, from any thread. */
  void handle(EventMessage message);
}
