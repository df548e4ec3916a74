package io.sente4j.core;

/**
 * Why a connection closed, with the fixed WebSocket close code each reason travels as (PROTOCOL.md §10). Both
 * sides see the same reason: the code and the reason text go into the WebSocket close frame.
 */
public enum CloseReason {
  /** A peer asked to close (a client's {@code disconnect()}, a server closing a user's connections). */
  REQUESTED(1000, "requested"),
  /** The server is stopping. */
  SERVER_STOP(1001, "server-stop"),
  /** A frame was larger than the receiver's limit. */
  TOO_LARGE(1009, "too-large"),
  /** An error on the server or in the transport. */
  ERROR(1011, "error"),
  /**
   * Nothing arrived within the pong timeout after a ping, or nothing was sent or received within a server
   * transport's idle timeout (PROTOCOL.md §7.1).
   */
  PING_TIMEOUT(4000, "ping-timeout"),
  /** A request or handshake did not complete in time. */
  TIMEOUT(4001, "timeout"),
  /** A queue or buffer was full and the overflow policy is to disconnect. */
  OVERFLOW(4002, "overflow"),
  /** The connection is no longer authorized. */
  UNAUTHORIZED(4003, "unauthorized"),
  /** The connection ended without a close frame (a cut, a crash): WebSocket's reserved code 1006. */
  ABNORMAL(1006, "abnormal");

  private final int code;
  private final String text;

  CloseReason(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The WebSocket close code. */
  public int code() {
    return code;
  }

  /** The reason text sent in the close frame. */
  public String text() {
    return text;
  }

  /**
   * The reason a received close code stands for. Unknown codes read as {@link #ERROR}, except 1001 from a client
   * (a browser leaving the page), which the server reads as {@link #REQUESTED} through {@link #fromClientCode}.
   */
  public static CloseReason fromCode(int code) {
    for (CloseReason r : values()) {
      if (r.code == code) {
        return r;
      }
    }
    return code == 1005 ? ABNORMAL : ERROR;
  }

  /** As {@link #fromCode}, for a code a client sent: 1001 ("going away", a page unloading) means requested. */
  public static CloseReason fromClientCode(int code) {
    return code == 1001 ? REQUESTED : fromCode(code);
  }
}
