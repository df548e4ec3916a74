package io.sente4j.core;

import java.util.concurrent.CompletableFuture;

/**
 * One open WebSocket connection, as a transport hands it to the core: on the server, an upgraded request; on the
 * client, a connected socket. Implementations are thread-safe; sends are asynchronous and keep their order.
 */
public interface Channel {

  /**
   * Sends one message: a text frame for a {@link Payload.Text}, a binary frame for a {@link Payload.Binary}.
   * Messages from one thread arrive in the order they were sent.
   *
   * @return completes when the transport has written the message, or exceptionally if it could not
   */
  CompletableFuture<Void> send(Payload payload);

  /** Closes the connection with a close code and reason text; does nothing if it is already closed. */
  void close(int code, String reason);

  /** Closes the connection with a protocol close reason. */
  default void close(CloseReason reason) {
    close(reason.code(), reason.text());
  }

  /** Whether the connection is open (no close sent or received, no failure seen). */
  boolean isOpen();
}
