package io.sente4j.demo;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A client transport that passes everything through and keeps the text of every WebSocket message its client
 * received, and of every Ajax exchange it completed, so the demo can show what went over the wire (a batch of pushes
 * is one message, or one poll's answer).
 */
final class WireTap implements ClientTransport {
  private final ClientTransport inner;
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> exchanges = new CopyOnWriteArrayList<>();

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
    return inner.openWebSocket(uri, headers, tapped(listener));
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener, int maxFrameBytes) {
    return inner.openWebSocket(uri, headers, tapped(listener), maxFrameBytes);
  }

  private ChannelListener tapped(ChannelListener listener) {
    return new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        received.add(text(payload));
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
    };
  }

  /** The Ajax exchanges answered so far, in the order of their answers: the request, then the response. */
  List<String> exchanges() {
    return List.copyOf(exchanges);
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return tapped(call, inner.request(call));
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call, int maxFrameBytes) {
    return tapped(call, inner.request(call, maxFrameBytes));
  }

  private CompletableFuture<HttpReply> tapped(HttpCall call, CompletableFuture<HttpReply> reply) {
    String query = call.uri().getRawQuery() == null ? "" : call.uri().getRawQuery();
    String what = call.method().equals("POST") ? "POST " + ppstr(call)
        : query.contains("handshake%3F=") ? "GET (handshake)" : "GET (long-poll)";
    reply.thenAccept(r -> exchanges.add(what + " -> " + r.status() + " " + text(r.body())));
    return reply;
  }

  private static String ppstr(HttpCall call) {
    if (!call.body().isText()) {
      return call.body().toString();
    }
    for (String field : call.body().asText().split("&")) {
      if (field.startsWith("ppstr=")) {
        return URLDecoder.decode(field.substring("ppstr=".length()), StandardCharsets.UTF_8);
      }
    }
    return call.body().asText();
  }

  private static String text(Payload payload) {
    return payload.isText() ? payload.asText() : payload.toString();
  }
}
