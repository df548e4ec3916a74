package io.sente4j.core;

import java.util.Objects;

/**
 * The response to an {@link HttpCall}.
 *
 * @param status the HTTP status
 * @param body the body as received
 */
public record HttpReply(int status, Payload body) {
  /** Checks the body is present. */
  public HttpReply {
    Objects.requireNonNull(body, "body");
  }
}
