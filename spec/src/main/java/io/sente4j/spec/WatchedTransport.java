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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A client transport that passes everything through to the transport under test and counts, per client id, the
 * WebSocket messages the client received, the sockets it opened and the Ajax requests it made. The kit uses the
 * counts to see frames (a batch is one message) and polls, and keeps the newest channel of each client to send it raw
 * bytes.
 *
 * <p>It can also stall a client's Ajax requests: while stalled, a request the client makes is held here, before it
 * reaches the transport, as on a link that has stopped moving; the client sees it in flight. The server sees nothing
 * until {@link #stallAjax} releases the held requests, in order (those the client gave up on meanwhile are not
 * sent). Being on the client's side of the transport, the stall works over every transport alike.
 */
final class WatchedTransport implements ClientTransport {
  private final ClientTransport inner;
  private final Map<String, AtomicInteger> messages = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> opens = new ConcurrentHashMap<>();
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> getsEnded = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
  private final Map<String, List<Runnable>> stalled = new HashMap<>();

  WatchedTransport(ClientTransport inner) {
    this.inner = inner;
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    return watched(uri, listener, counting -> inner.openWebSocket(uri, headers, counting));
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener, int maxFrameBytes) {
    return watched(uri, listener, counting -> inner.openWebSocket(uri, headers, counting, maxFrameBytes));
  }

  private CompletableFuture<Channel> watched(URI uri, ChannelListener listener,
      Function<ChannelListener, CompletableFuture<Channel>> open) {
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
    return open.apply(counting).thenApply(channel -> {
      opens.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
      channels.put(clientId, channel);
      return channel;
    });
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return watched(call, () -> inner.request(call));
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call, int maxFrameBytes) {
    return watched(call, () -> inner.request(call, maxFrameBytes));
  }

  private CompletableFuture<HttpReply> watched(HttpCall call, Supplier<CompletableFuture<HttpReply>> request) {
    String clientId = clientId(call.uri());
    boolean get = call.method().equals("GET");
    CompletableFuture<HttpReply> result = new CompletableFuture<>();
    // A GET counts as ended before the client hears its answer, so that a count of one in flight is the next poll.
    AtomicBoolean over = new AtomicBoolean();
    Runnable end = () -> {
      if (get && over.compareAndSet(false, true)) {
        getsEnded.computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
      }
    };
    result.whenComplete((reply, error) -> end.run());
    Runnable send = () -> {
      if (result.isDone()) {
        return; // the client gave up on it while it was stalled
      }
      CompletableFuture<HttpReply> sent = request.get();
      sent.whenComplete((reply, error) -> {
        end.run();
        if (error != null) {
          result.completeExceptionally(error);
        } else {
          result.complete(reply);
        }
      });
      result.whenComplete((reply, error) -> {
        if (result.isCancelled()) {
          sent.cancel(false); // the client stopped waiting: the transport abandons the request
        }
      });
    };
    synchronized (stalled) {
      // Counted under the lock that decides the stall: a test that sees the request counted and then stalls the
      // client knows this request was already let through (or already held).
      (get ? gets : posts).computeIfAbsent(clientId, k -> new AtomicInteger()).incrementAndGet();
      List<Runnable> held = stalled.get(clientId);
      if (held != null) {
        held.add(send);
        return result;
      }
    }
    send.run();
    return result;
  }

  /**
   * Stalls this client's Ajax requests from now on ({@code true}), or sends the stalled ones on, in order, and stops
   * stalling ({@code false}).
   */
  void stallAjax(String clientId, boolean stall) {
    List<Runnable> release;
    synchronized (stalled) {
      if (stall) {
        stalled.putIfAbsent(clientId, new ArrayList<>());
        return;
      }
      release = stalled.remove(clientId);
    }
    if (release != null) {
      release.forEach(Runnable::run);
    }
  }

  /** How many of this client's Ajax requests are stalled now. */
  int stalledRequests(String clientId) {
    synchronized (stalled) {
      List<Runnable> held = stalled.get(clientId);
      return held == null ? 0 : held.size();
    }
  }

  /** Ajax GETs (handshakes and long-polls) this client has made, stalled ones included. */
  int ajaxGets(String clientId) {
    AtomicInteger n = gets.get(clientId);
    return n == null ? 0 : n.get();
  }

  /**
   * This client's Ajax GETs that have not ended (answered, failed or given up on), stalled ones included: over Ajax
   * the client keeps one poll in flight, so this is 1 while it waits for its next answer and 0 just after one.
   */
  int ajaxGetsInFlight(String clientId) {
    AtomicInteger ended = getsEnded.get(clientId);
    return ajaxGets(clientId) - (ended == null ? 0 : ended.get());
  }

  /** Ajax POSTs this client has made, stalled ones included. */
  int ajaxPosts(String clientId) {
    AtomicInteger n = posts.get(clientId);
    return n == null ? 0 : n.get();
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
