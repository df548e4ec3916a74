package io.sente4j.core;

import java.util.Objects;

/**
 * How a client's connection ended: the reason, the WebSocket close code and text as seen, and which side closed.
 * A connection attempt that failed before it opened (a refused upgrade, a network error) is recorded as {@link
 * CloseReason#ERROR} with code 1006, WebSocket's code for a connection that ended without a close frame. An Ajax
 * connection has no close frame: a failed request (no response, an HTTP error status) is recorded the same way, a
 * long-poll answered 401 as {@link CloseReason#UNAUTHORIZED} (PROTOCOL.md §10.2), and a request that got no response
 * within the client's Ajax timeout as {@link CloseReason#TIMEOUT}, closed by the client.
 *
 * @param reason the close reason the code stands for (PROTOCOL.md §10)
 * @param code the WebSocket close code
 * @param text the close reason text, or a description of the failure; never {@code null}
 * @param byClient whether this client closed the connection (a disconnect, a ping timeout, a protocol error)
 */
public record CloseInfo(CloseReason reason, int code, String text, boolean byClient) {
  /** Checks the reason is present and maps a {@code null} text to the empty string. */
  public CloseInfo {
    Objects.requireNonNull(reason, "reason");
    text = text == null ? "" : text;
  }

  /** A close this client made for {@code reason}, with the reason's code and text. */
  public static CloseInfo byClient(CloseReason reason) {
    return new CloseInfo(reason, reason.code(), reason.text(), true);
  }
}
