package io.sente4j.core;

/**
 * Gives the CSRF token a request must carry (PROTOCOL.md §6.2), typically the anti-forgery token of the request's
 * session. Called on the transport's request thread for every WebSocket upgrade and Ajax request, before anything
 * else of the application: keep it quick and non-blocking. If it throws, the request is answered {@code 500} and the
 * failure reported as {@link ServerError.Kind#HANDLER_FAILED}.
 */
@FunctionalInterface
public interface CsrfTokenFunction {

  /**
   * The token the request must carry.
   *
   * @return the token; {@code null} or blank rejects the request (a missing reference never means "no check")
   */
  String expectedToken(ServerRequest request);
}
