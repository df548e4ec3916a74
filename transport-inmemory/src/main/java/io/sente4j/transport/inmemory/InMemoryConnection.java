package io.sente4j.transport.inmemory;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Direction;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerRequest;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One live WebSocket-like connection of an {@link InMemoryNetwork}, as a test sees it: who opened it, and the
 * faults it can suffer (a cut, a partition, a silenced client). Get them from {@link InMemoryNetwork#connections()}.
 * Thread-safe.
 */
public final class InMemoryConnection {
  private final InMemoryNetwork network;
  private final URI uri;
  private final ServerRequest request;
  private final String clientId;
  private final ChannelEnd clientEnd = new ChannelEnd(this, Direction.FROM_CLIENT);
  private final ChannelEnd serverEnd = new ChannelEnd(this, Direction.FROM_SERVER);
  private final Inbox clientInbox;
  private final Inbox serverInbox;
  private final AtomicInteger closesPending = new AtomicInteger(2);
  private final Object lock = new Object();
  private boolean closed;
  private volatile boolean paused;
  private volatile boolean clientSilenced;

  InMemoryConnection(InMemoryNetwork network, IoPool io, URI uri, ServerRequest request) {
    this.network = network;
    this.uri = uri;
    this.request = request;
    this.clientId = request.queryParam("client-id").orElse("");
    Runnable closeDelivered = () -> {
      if (closesPending.decrementAndGet() == 0) {
        network.forget(this);
      }
    };
    this.clientInbox = new Inbox(io, () -> paused, network::maxMessageBytes, closeDelivered, "client", clientId);
    this.serverInbox = new Inbox(io, () -> paused, network::maxMessageBytes, closeDelivered, "server", clientId);
  }

  /** The {@code client-id} query parameter the client connected with; empty if it sent none. */
  public String clientId() {
    return clientId;
  }

  /** The address the client opened, query included. */
  public URI uri() {
    return uri;
  }

  /** The upgrade request the server endpoint saw. */
  public ServerRequest request() {
    return request;
  }

  /** Whether neither end has closed and the connection has not been cut. */
  public boolean isOpen() {
    synchronized (lock) {
      return !closed;
    }
  }

  /**
   * Cuts the connection without a close handshake, as a dropped network link would: frames still in flight are
   * lost, and both ends see {@code onClose(1006, "")} ({@link io.sente4j.core.CloseReason#ABNORMAL}'s code), each
   * exactly once. Does nothing to an end that has already seen its close.
   */
  public void cut() {
    synchronized (lock) {
      closed = true;
    }
    clientInbox.cut();
    serverInbox.cut();
  }

  /**
   * Partitions the connection: frames both ways (and close frames) are held, not lost, until {@link #resume()}.
   * Sends still succeed. An end that closes itself while paused sees its own close at once, losing what was held
   * for it.
   */
  public void pause() {
    paused = true;
  }

  /** Ends a partition: everything held is delivered, in order, then traffic flows again. */
  public void resume() {
    paused = false;
    clientInbox.kick();
    serverInbox.kick();
  }

  /** Whether the connection is paused. */
  public boolean isPaused() {
    return paused;
  }

  /**
   * Silences the client: its frames to the server vanish (counted in {@link InMemoryNetwork#droppedFrames()}) while
   * the server's frames still reach it, as on a half-dead link. Close frames still pass.
   */
  public void silenceClient() {
    clientSilenced = true;
  }

  /** Lets the client's frames through again (the ones dropped meanwhile stay lost). */
  public void unsilenceClient() {
    clientSilenced = false;
  }

  /** Whether the client is silenced. */
  public boolean isClientSilenced() {
    return clientSilenced;
  }

  Channel clientEnd() {
    return clientEnd;
  }

  Channel serverEnd() {
    return serverEnd;
  }

  void startClient(ChannelListener listener) {
    clientInbox.start(listener);
  }

  void startServer(ChannelListener listener) {
    serverInbox.start(listener);
  }

  CompletableFuture<Void> transmit(Direction from, Payload payload) {
    Objects.requireNonNull(payload, "payload");
    if (!isOpen()) {
      return CompletableFuture.failedFuture(closedError(from));
    }
    Faults faults = network.faults();
    try {
      if (from == Direction.FROM_CLIENT && clientSilenced) {
        faults.countDrop();
        return CompletableFuture.completedFuture(null);
      }
      if (faults.drop(from, payload)) {
        return CompletableFuture.completedFuture(null);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    Inbox to = from == Direction.FROM_CLIENT ? serverInbox : clientInbox;
    return to.offerMessage(payload, faults.latencyNanos())
        ? CompletableFuture.completedFuture(null)
        : CompletableFuture.failedFuture(closedError(from));
  }

  void close(Direction from, int code, String reason) {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    String text = reason == null ? "" : reason;
    Inbox own = from == Direction.FROM_CLIENT ? clientInbox : serverInbox;
    Inbox peer = from == Direction.FROM_CLIENT ? serverInbox : clientInbox;
    peer.offerPeerClose(code, text, network.faults().latencyNanos());
    own.offerLocalClose(code, text);
  }

  private IllegalStateException closedError(Direction from) {
    return new IllegalStateException("in-memory channel is closed; cannot send from the "
        + (from == Direction.FROM_CLIENT ? "client" : "server") + " (client id \"" + clientId + "\", " + uri + ")");
  }

  @Override
  public String toString() {
    return "InMemoryConnection[clientId=" + clientId + ", uri=" + uri + (isOpen() ? ", open" : ", closed")
        + (paused ? ", paused" : "") + (clientSilenced ? ", client silenced" : "") + "]";
  }
}
