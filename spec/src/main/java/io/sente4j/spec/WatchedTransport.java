package io.sente4j.spec;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client transport that passes everything through to the transport under test and counts, per client id, the
 * WebSocket messages the client received and the sockets it opened. The kit uses the counts to see frames (a batch
 * is one message) and keeps the newest channel of each client to send it raw bytes.
 */
final class WatchedTransport implements ClientTransport {
  private final ClientTransport inner;
  private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();

  WatchedTransport(ClientTransport inner) {
    this.inner = inner;
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    String clientId = clientId(uri);
    AtomicInteger count = messages.computeIfAbsent(clientId, k -> new AtomicInteger());
    ChannelListener counting = new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        count.incrementAndGet();
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
    return inner.openWebSocket(uri, headers, counting).thenApply(channel -> {
      opens.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
      channels.put(clientId, channel);
      return channel;
    });
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return inner.request(call);
  }

  /** WebSocket messages this client has received, over all its connections. */
  int messagesReceived(String clientId) {
    AtomicInteger n = messages.get(clientId);
    return n == null ? 0 : n.get();
  }

  /** WebSockets this client has opened. */
  int socketsOpened(String clientId) {
    AtomicInteger n = opens.get(clientId);
    return n == null ? 0 : n.get();
  }

  /** The newest socket this client opened. */
  Channel channel(String clientId) {
    Channel c = channels.get(clientId);
    if (c == null) {
      throw new IllegalStateException("client " + clientId + " has opened no WebSocket");
    }
    return c;
  }

  private static String clientId(URI uri) {
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (name.equals("client-id") && eq >= 0) {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
    }
    return "";
  }
}
