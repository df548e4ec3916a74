package io.sente4j.core;

/**
 * Decides whether a request that passed the CSRF and Origin checks may proceed (PROTOCOL.md §6.5). Called on the
 * transport's request thread for every WebSocket upgrade and Ajax request: keep it quick and non-blocking (look at
 * the session or a token already on the request). If it throws, the request is answered {@code 500} and the failure
 * reported as {@link ServerError.Kind#HANDLER_FAILED}.
 */
@FunctionalInterface
public interface Authorizer {

  /**
   * Whether the request may proceed; a refusal is answered {@code 401 Unauthorized request}, or as set with
   * {@link ChannelSocketServer.Builder#respondTo(RejectionReason, int, String)}.
   *
   * @param request the request, with the application's attributes
   * @param clientId the client id the request names
   */
  boolean authorize(ServerRequest request, String clientId);
}
