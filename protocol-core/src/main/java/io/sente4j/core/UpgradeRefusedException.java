package io.sente4j.core;

/** The server answered a WebSocket upgrade with an HTTP status instead of switching protocols. */
public class UpgradeRefusedException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String body;

  /**
   * Creates the exception.
   *
   * @param status the HTTP status the server answered with
   * @param body the start of the response body, for the message
   */
  public UpgradeRefusedException(int status, String body) {
    super("WebSocket upgrade refused with HTTP " + status + (body == null || body.isEmpty() ? "" : ": " + body));
    this.status = status;
    this.body = body == null ? "" : body;
  }

  /** The HTTP status the server answered with. */
  public int status() {
    return status;
  }

  /** The response body the server gave with it (for sente4j servers, what was wrong), or {@code ""}. */
  public String body() {
    return body;
  }
}
