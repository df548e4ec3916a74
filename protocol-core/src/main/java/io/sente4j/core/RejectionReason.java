package io.sente4j.core;

/** Why a server refused a request on the channel-socket path (PROTOCOL.md §5.6–§5.7); counted in {@link ServerMetrics}. */
public enum RejectionReason {
  /** Neither GET nor POST: {@code 405}. */
  METHOD_NOT_ALLOWED,
  /** No client id, or a blank one: {@code 400}. */
  MISSING_CLIENT_ID,
  /** The client asked for a packer the server does not have: {@code 400}. */
  UNKNOWN_PACKER,
  /** An Ajax POST whose packed frame is larger than the frame limit (PROTOCOL.md §11.1): {@code 413}. */
  FRAME_TOO_LARGE,
  /** The CSRF token was missing or wrong (PROTOCOL.md §6.2): {@code 403 Bad CSRF token}. */
  CSRF,
  /** The Origin (or Referer) is not an allowed origin (§6.3): {@code 403 Unauthorized origin}. */
  ORIGIN,
  /** The application's {@link Authorizer} refused (§6.5): {@code 401 Unauthorized request}. */
  UNAUTHORIZED,
  /** The remote address already has the most connections allowed: {@code 429 Too many connections}. */
  TOO_MANY_CONNECTIONS,
  /** The server holds its most Ajax requests ({@code maxPendingAjaxRequests}): {@code 503}. */
  TOO_MANY_PENDING_REQUESTS,
  /** The server is stopping or stopped: {@code 503}. */
  SERVER_STOPPED
}
