package io.sente4j.core;

/**
 * The exchange a frame travels in. Decoding needs it: {@code [[[:a/b 1]] nil]} is a push batch in a WebSocket frame or
 * a long-poll response, but an ordinary reply value in the response to an Ajax POST.
 */
public enum Via {
  /** A WebSocket message, either direction. */
  WEBSOCKET,
  /** The response to an Ajax GET: a handshake, a push batch or a long-poll timeout. Clients send no frame here. */
  AJAX_POLL,
  /** An Ajax POST: the client's event in the request, the reply (or ack, or timeout) in the response. */
  AJAX_POST
}
