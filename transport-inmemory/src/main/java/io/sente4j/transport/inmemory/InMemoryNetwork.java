package io.sente4j.transport.inmemory;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.Direction;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerEndpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A network inside one JVM: server endpoints bound at URIs, a {@link ClientTransport} that reaches them with
 * WebSocket-like connections and Ajax-like HTTP exchanges, and faults a test can inject (latency, dropped frames,
 * refused upgrades, cut, paused and half-silent connections). No sockets, no ports.
 *
 * <pre>{@code
 * try (InMemoryNetwork net = InMemoryNetwork.create()) {
 *   URI uri = net.bind(URI.create("ws://app.test/chsk"), server);
 *   ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport())...build();
 * }
 * }</pre>
 *
 * <p>Threading: the network owns a small pool of daemon I/O threads named {@code sente4j-inmemory-io-N}, which is
 * also its timer. Endpoints are called there, and every channel end delivers its listener's callbacks there, in
 * order, one at a time, never on the thread that sent. Sends are asynchronous and complete at once (the frame is on
 * the network), or fail if the channel is closed. {@link #close()} cuts every connection and ends the threads.
 *
 * <p>Thread-safe; the faults can change at any time and apply to what is sent from then on.
 */
public final class InMemoryNetwork implements AutoCloseable {
  /** How many I/O threads {@link #create()} starts. */
  public static final int DEFAULT_IO_THREADS = 4;

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  private final IoPool io;
  private final Faults faults = new Faults();
  private final ClientTransport transport;
  private final Map<String, ServerEndpoint> endpoints = new ConcurrentHashMap<>();
  private final AtomicInteger ports = new AtomicInteger(49152);
  private final Object lock = new Object();
  private final Set<InMemoryConnection> connections = new LinkedHashSet<>();
  private final Set<CompletableFuture<?>> pending = new LinkedHashSet<>();
  private final Set<HeldExchange> held = new LinkedHashSet<>();
  private boolean closed;
  private volatile int maxMessageBytes = Integer.MAX_VALUE;

  private InMemoryNetwork(int ioThreads) {
    this.io = new IoPool(ioThreads);
    this.transport = new InMemoryClientTransport(this);
  }

  /** A new network with {@value #DEFAULT_IO_THREADS} I/O threads and no faults. */
  public static InMemoryNetwork create() {
    return create(DEFAULT_IO_THREADS);
  }

  /** A new network with {@code ioThreads} I/O threads (at least 1) and no faults. */
  public static InMemoryNetwork create(int ioThreads) {
    if (ioThreads < 1) {
      throw new IllegalArgumentException("ioThreads must be at least 1: " + ioThreads);
    }
    return new InMemoryNetwork(ioThreads);
  }

  /**
   * Serves {@code endpoint} at {@code uri}, replacing whatever was bound there (open connections stay). Host, port
   * and path select the endpoint, so {@code ws://h/p} and {@code http://h/p} reach the same one, as on a real server
   * (the scheme only gives the default port: 80 for ws and http, 443 for wss and https); the query is ignored.
   *
   * @return {@code uri}, for chaining
   * @throws IllegalArgumentException if the scheme is not ws, wss, http or https, or there is no host
   */
  public URI bind(URI uri, ServerEndpoint endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    String key = Requests.endpointKey(uri);
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("in-memory network is closed");
      }
      endpoints.put(key, endpoint);
    }
    return uri;
  }

  /** Stops serving at {@code uri}: new requests there are refused; open connections stay. False if nothing was bound. */
  public boolean unbind(URI uri) {
    return endpoints.remove(Requests.endpointKey(uri)) != null;
  }

  /**
   * The client side: opens connections to, and makes HTTP requests of, the endpoints bound here. An
   * {@link io.sente4j.core.HttpCall}'s timeout of zero or less means it waits as long as it takes.
   */
  public ClientTransport clientTransport() {
    return transport;
  }

  /**
   * Delays each delivery by {@code latency}, each way (a frame, an upgrade request, an HTTP request and its
   * response), in real time. Order per channel end is kept even when the latency shrinks. Zero by default.
   */
  public void setLatency(Duration latency) {
    faults.latency(latency);
  }

  /** The current latency. */
  public Duration latency() {
    return Duration.ofNanos(faults.latencyNanos());
  }

  /**
   * Drops the WebSocket frames (either way) {@code filter} accepts: they vanish, the sender's future still succeeds,
   * and {@link #droppedFrames()} counts them. {@code payload -> false} stops dropping.
   */
  public void setDropFilter(Predicate<Payload> filter) {
    faults.dropFilter(null, filter);
  }

  /** As {@link #setDropFilter(Predicate)}, for the frames one peer sends only. */
  public void setDropFilter(Direction sentBy, Predicate<Payload> filter) {
    faults.dropFilter(Objects.requireNonNull(sentBy, "sentBy"), filter);
  }

  /**
   * Drops each WebSocket frame (either way) with probability {@code p}, drawn from a random sequence seeded with
   * {@code seed}, so that the same sends drop the same frames. Zero stops it. Applies on top of the drop filter.
   */
  public void dropProbability(double p, long seed) {
    faults.dropProbability(p, seed);
  }

  /** How many frames were dropped so far: by the drop filter, the drop probability, or a silenced client. */
  public long droppedFrames() {
    return faults.droppedFrames();
  }

  /**
   * Answers every WebSocket upgrade from now on with {@code status} and {@code body}, without asking the endpoint:
   * the client's open fails with {@link io.sente4j.core.UpgradeRefusedException}. HTTP requests still pass.
   */
  public void refuseUpgrades(int status, String body) {
    faults.refuse(new Faults.Refusal(status, Objects.requireNonNull(body, "body")));
  }

  /**
   * The largest WebSocket message (in bytes: a text message's UTF-8 length) either end accepts, as a real transport's
   * message size limit: a larger one is not delivered, and the receiving end's listener gets {@link
   * ChannelListener#onError} with a {@link io.sente4j.core.MessageTooLargeException} instead (its core then closes
   * with {@code too-large}). Applies to messages delivered from now on; {@link Integer#MAX_VALUE} (the default) leaves
   * the limit to the cores.
   */
  public void setMaxMessageBytes(int maxMessageBytes) {
    if (maxMessageBytes < 1) {
      throw new IllegalArgumentException("maxMessageBytes must be at least 1: " + maxMessageBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
  }

  /** The largest WebSocket message either end accepts; {@link Integer#MAX_VALUE} by default. */
  public int maxMessageBytes() {
    return maxMessageBytes;
  }

  /** Lets WebSocket upgrades reach the endpoints again. */
  public void acceptUpgrades() {
    faults.refuse(null);
  }

  /** The open WebSocket connections, oldest first. */
  public List<InMemoryConnection> connections() {
    List<InMemoryConnection> open = new ArrayList<>();
    synchronized (lock) {
      for (InMemoryConnection c : connections) {
        if (c.isOpen()) {
          open.add(c);
        }
      }
    }
    return List.copyOf(open);
  }

  /** The open WebSocket connections of one client id, oldest first. */
  public List<InMemoryConnection> connections(String clientId) {
    Objects.requireNonNull(clientId, "clientId");
    return connections().stream().filter(c -> c.clientId().equals(clientId)).toList();
  }

  /**
   * Closes the network: cuts every connection (both ends see 1006), fails the opens and requests under way,
   * abandons held responses, unbinds everything, and ends the I/O threads once the last close has been delivered
   * (waiting up to 5 s, except when called on one of them). Idempotent.
   */
  @Override
  public void close() {
    List<InMemoryConnection> cut;
    List<CompletableFuture<?>> failing;
    List<HeldExchange> abandoning;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      cut = List.copyOf(connections);
      failing = List.copyOf(pending);
      abandoning = List.copyOf(held);
      endpoints.clear();
    }
    cut.forEach(InMemoryConnection::cut);
    failing.forEach(f -> f.completeExceptionally(closedError()));
    abandoning.forEach(HeldExchange::abandon);
    io.shutdown(CLOSE_WAIT);
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  @Override
  public String toString() {
    return "InMemoryNetwork[" + endpoints.size() + " endpoints, " + connections().size() + " connections"
        + (isClosed() ? ", closed" : "") + "]";
  }

  // ---- for the transport's own classes

  IoPool io() {
    return io;
  }

  Faults faults() {
    return faults;
  }

  ServerEndpoint endpoint(URI uri) {
    return endpoints.get(Requests.endpointKey(uri));
  }

  int nextPort() {
    return ports.getAndUpdate(p -> p == 65535 ? 49152 : p + 1);
  }

  boolean register(InMemoryConnection c) {
    synchronized (lock) {
      return !closed && connections.add(c);
    }
  }

  void forget(InMemoryConnection c) {
    synchronized (lock) {
      connections.remove(c);
    }
  }

  boolean track(CompletableFuture<?> f) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      pending.add(f);
    }
    f.whenComplete((r, e) -> {
      synchronized (lock) {
        pending.remove(f);
      }
    });
    return true;
  }

  boolean hold(HeldExchange h) {
    synchronized (lock) {
      return !closed && held.add(h);
    }
  }

  void release(HeldExchange h) {
    synchronized (lock) {
      held.remove(h);
    }
  }

  boolean isTerminated() {
    return io.isTerminated();
  }

  static IOException closedError() {
    return new ConnectException("in-memory network is closed");
  }

  static ConnectException refused(URI uri) {
    return new ConnectException("Connection refused: nothing is bound at " + uri + " on the in-memory network");
  }
}
