package io.sente4j.core;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request a client makes: an Ajax handshake or poll (GET) or an event (POST).
 *
 * @param method {@code GET} or {@code POST}
 * @param uri the address, query included
 * @param headers the request headers
 * @param body the body, empty for a GET
 * @param contentType the body's content type, or {@code null} without a body
 * @param timeout how long to wait for the response
 */
public record HttpCall(String method, URI uri, Map<String, List<String>> headers, Payload body, String contentType,
    Duration timeout) {
  /** Checks the parts are present and copies the headers. */
  public HttpCall {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(timeout, "timeout");
  }
}
