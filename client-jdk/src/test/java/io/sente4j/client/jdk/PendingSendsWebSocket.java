package io.sente4j.client.jdk;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** A JDK WebSocket whose sends never finish writing, so that the next ones wait in the channel's queue. */
final class PendingSendsWebSocket implements WebSocket {
  @Override
  public CompletableFuture<WebSocket> sendText(CharSequence data, boolean last) {
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<WebSocket> sendBinary(ByteBuffer data, boolean last) {
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<WebSocket> sendPing(ByteBuffer message) {
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<WebSocket> sendPong(ByteBuffer message) {
    return new CompletableFuture<>();
  }

  @Override
  public CompletableFuture<WebSocket> sendClose(int statusCode, String reason) {
    return new CompletableFuture<>();
  }

  @Override
  public void request(long n) {}

  @Override
  public String getSubprotocol() {
    return "";
  }

  @Override
  public boolean isOutputClosed() {
    return false;
  }

  @Override
  public boolean isInputClosed() {
    return false;
  }

  @Override
  public void abort() {}
}
