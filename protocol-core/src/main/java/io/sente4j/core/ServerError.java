package io.sente4j.core;

import java.util.Objects;

/**
 * Something that went wrong on a server and that the application should be able to see (PROTOCOL.md §11.3: nothing
 * is dropped silently). The server also logs it, with the uid and client id in the MDC.
 *
 * @param kind what went wrong
 * @param uid the user id concerned, or {@code null} when not known
 * @param clientId the client id concerned, or {@code null} when not known or not one connection
 * @param message what happened, in words
 * @param cause the exception, or {@code null}; a {@link FrameException} for {@link Kind#BAD_FRAME}
 */
public record ServerError(Kind kind, Object uid, String clientId, String message, Throwable cause) {

  /** What went wrong. */
  public enum Kind {
    /**
     * A client sent a frame the server could not read; it was dropped and the connection stays open, except for a
     * WebSocket message over the frame limit, which closes the connection with {@link CloseReason#TOO_LARGE}.
     */
    BAD_FRAME,
    /** An application function (event handler, user-id or handshake-data function) threw. */
    HANDLER_FAILED,
    /** A reply could not be sent because its connection had closed. */
    REPLY_DROPPED,
    /** A message could not be sent: the transport failed, it could not be packed, or the uid had no connection. */
    SEND_FAILED,
    /**
     * A queue was full: a client event the handler could not take (answered {@code :chsk/error}, or the connection
     * closed with {@link CloseReason#OVERFLOW}), or a connection's send queue (see {@link OverflowPolicy}).
     */
    OVERFLOW,
    /**
     * A request failed a security check (CSRF, Origin, the authorizer) or a connection limit and was refused; the
     * message names the reason and the remote address, never the token.
     */
    REJECTED,
    /**
     * Pushed events did not reach an Ajax client that had no parked poll (PROTOCOL.md §7.4): no poll came within
     * the push retry window, the held pushes exceeded their limit, or the connection was closed or the server
     * stopped first. The message begins with the number of events dropped.
     */
    PUSH_DROPPED,
    /**
     * The application's {@link Scheduler} threw instead of arming one of the server's timers (its executor was shut
     * down, say). Nothing is thrown to the caller or a transport; the message names the timer and what the server
     * did instead of waiting for it (see {@link ChannelSocketServer.Builder#scheduler}).
     */
    SCHEDULER_REFUSED
  }

  /** Checks the kind and message are present. */
  public ServerError {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }
}
