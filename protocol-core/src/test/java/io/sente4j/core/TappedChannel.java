package io.sente4j.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A {@link Channel} for server tests that hands each frame the server sends, decoded, to the test's action on the
 * sending thread (to act at an exact point of the server's work), and completes the send. Always open; a close does
 * nothing.
 */
final class TappedChannel implements Channel {
  private final Consumer<Frame> onSend;

  TappedChannel(Consumer<Frame> onSend) {
    this.onSend = onSend;
  }

  @Override
  public CompletableFuture<Void> send(Payload payload) {
    onSend.accept(FakeChannel.CODEC.decode(payload, Direction.FROM_SERVER, Via.WEBSOCKET));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close(int code, String reason) {}

  @Override
  public boolean isOpen() {
    return true;
  }
}
