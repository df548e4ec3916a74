package io.sente4j.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The baseline client of {@link LoopbackBenchmark}: a bare {@code java.net.http} {@link WebSocket}, the technology
 * sente4j's JDK client is built on, with only what any user of it must add: whole messages joined from their parts
 * and handed to {@code onMessage}, and sends queued in order (the JDK refuses a send while one is outstanding), each
 * chained to the end of the previous one.
 */
final class RawWebSocketClient implements WebSocket.Listener {
  private final Consumer<CharSequence> onMessage;
  private final StringBuilder parts = new StringBuilder();
  private WebSocket socket;
  /** The end of the send queue: completes when the last queued send has been written. */
  private CompletableFuture<WebSocket> last;

  private RawWebSocketClient(Consumer<CharSequence> onMessage) {
    this.onMessage = onMessage;
  }

  /**
   * Opens a WebSocket to {@code uri}; {@code onMessage} gets each whole text message, on the JDK's thread, and must
   * not keep the sequence after it returns.
   */
  static RawWebSocketClient open(HttpClient http, URI uri, Consumer<CharSequence> onMessage) {
    RawWebSocketClient c = new RawWebSocketClient(onMessage);
    c.socket = http.newWebSocketBuilder().buildAsync(uri, c).orTimeout(10, TimeUnit.SECONDS).join();
    c.last = CompletableFuture.completedFuture(c.socket);
    return c;
  }

  /** Queues {@code text} as one message, sent when the ones queued before it have been. */
  synchronized void send(String text) {
    last = last.thenCompose(ws -> ws.sendText(text, true));
  }

  /** Closes normally (and waits, briefly, for the close to be written). */
  synchronized void close() {
    last.thenCompose(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "done")).orTimeout(5, TimeUnit.SECONDS).join();
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    webSocket.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
    if (lastPart && parts.length() == 0) {
      onMessage.accept(data);
    } else {
      parts.append(data);
      if (lastPart) {
        onMessage.accept(parts);
        parts.setLength(0);
      }
    }
    webSocket.request(1);
    return null;
  }
}
