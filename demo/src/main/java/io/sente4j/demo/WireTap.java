package io.sente4j.demo;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client transport that passes everything through and keeps the text of every WebSocket message its client
 * received, so the demo can show what went over the wire (a batch of pushes is one message).
 */
final class WireTap implements ClientTransport {
  private final ClientTransport inner;
  private final List<String> received = new CopyOnWriteArrayList<>();

  WireTap(ClientTransport inner) {
    this.inner = inner;
  }

  /** The messages received so far, oldest first. */
  List<String> received() {
    return List.copyOf(received);
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    return inner.openWebSocket(uri, headers, new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        received.add(payload.isText() ? payload.asText() : payload.toString());
        listener.onMessage(payload);
      }

      @Override
      public void onClose(int code, String reason) {
        listener.onClose(code, reason);
      }

      @Override
      public void onError(Throwable error) {
        listener.onError(error);
      }
    });
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return inner.request(call);
  }
}
