package io.sente4j.core;

/**
 * What a server does when a connection's send queue is full (PROTOCOL.md §11.3). Either way the overflow is
 * reported to the {@link ServerErrorListener} as {@link ServerError.Kind#OVERFLOW}; nothing is dropped silently.
 *
 * <p>There is no "drop the oldest": a frame already handed to the transport cannot be taken back.
 */
public enum OverflowPolicy {
  /** Close the connection with {@link CloseReason#OVERFLOW}; the client reconnects and catches up. The default. */
  DISCONNECT,
  /** Keep the connection and drop the push that does not fit; replies and protocol frames are always sent. */
  DROP_NEWEST
}
