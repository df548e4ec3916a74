package io.sente4j.transport.inmemory;

import io.sente4j.core.Channel;
import io.sente4j.core.Direction;
import io.sente4j.core.Payload;
import java.util.concurrent.CompletableFuture;

/** One end of an in-memory connection: the client's or the server's {@link Channel}. */
final class ChannelEnd implements Channel {
  private final InMemoryConnection connection;
  private final Direction sends;

  ChannelEnd(InMemoryConnection connection, Direction sends) {
    this.connection = connection;
    this.sends = sends;
  }

  @Override
  public CompletableFuture<Void> send(Payload payload) {
    return connection.transmit(sends, payload);
  }

  @Override
  public void close(int code, String reason) {
    connection.close(sends, code, reason);
  }

  @Override
  public boolean isOpen() {
    return connection.isOpen();
  }

  @Override
  public String toString() {
    return (sends == Direction.FROM_CLIENT ? "client" : "server") + " end of " + connection;
  }
}
