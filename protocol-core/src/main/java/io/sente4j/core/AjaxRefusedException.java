package io.sente4j.core;

/**
 * The server answered one of a client's Ajax requests (the handshake, a long-poll or a POST) with an HTTP status
 * other than 2xx (PROTOCOL.md §5.6): for example 400 with {@code Missing client-id}, 401 {@code Unauthorized
 * request}, 403 {@code Bad CSRF token}.
 */
public class AjaxRefusedException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @param request which request was refused, for the message: {@code handshake}, {@code poll} or {@code POST}
   * @param status the HTTP status the server answered with
   * @param body the start of the response body, for the message
   */
  public AjaxRefusedException(String request, int status, String body) {
    super("Ajax " + request + " refused with HTTP " + status + (body == null || body.isEmpty() ? "" : ": " + body));
    this.status = status;
  }

  /** The HTTP status the server answered with. */
  public int status() {
    return status;
  }
}
