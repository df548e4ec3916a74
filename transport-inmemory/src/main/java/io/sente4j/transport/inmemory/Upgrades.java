package io.sente4j.transport.inmemory;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import io.sente4j.core.UpgradeRefusedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Opens WebSocket-like connections: the upgrade request, the endpoint's answer, the connected pair of ends. */
final class Upgrades {
  private static final Logger LOG = LoggerFactory.getLogger(Upgrades.class);

  private final InMemoryNetwork network;

  Upgrades(InMemoryNetwork network) {
    this.network = network;
  }

  CompletableFuture<Channel> open(URI uri, Map<String, List<String>> headers, ChannelListener listener) {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(listener, "listener");
    CompletableFuture<Channel> result = new CompletableFuture<>();
    Map<String, List<String>> copy = Map.copyOf(headers);
    if (!network.track(result)
        || !network.io().schedule(() -> upgrade(uri, copy, listener, result), network.faults().latencyNanos())) {
      result.completeExceptionally(InMemoryNetwork.closedError());
    }
    return result;
  }

  private void upgrade(URI uri, Map<String, List<String>> headers, ChannelListener listener,
      CompletableFuture<Channel> result) {
    if (result.isDone()) {
      return;
    }
    ServerEndpoint endpoint;
    try {
      endpoint = network.endpoint(uri);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    if (endpoint == null) {
      result.completeExceptionally(InMemoryNetwork.refused(uri));
      return;
    }
    Faults.Refusal refusal = network.faults().refusal();
    if (refusal != null) {
      result.completeExceptionally(new UpgradeRefusedException(refusal.status(), refusal.body()));
      return;
    }
    ServerRequest request = Requests.upgrade(uri, headers, network.nextPort());
    ServerAnswer answer;
    try {
      answer = Objects.requireNonNull(endpoint.handle(request), "the endpoint returned no answer");
    } catch (RuntimeException e) {
      log(request, "the server endpoint threw on a WebSocket upgrade; answering 500", e);
      result.completeExceptionally(new UpgradeRefusedException(500, "Internal Server Error").initCause(e));
      return;
    }
    if (answer instanceof ServerAnswer.Reject r) {
      result.completeExceptionally(new UpgradeRefusedException(r.status(), r.body()));
    } else if (answer instanceof ServerAnswer.Upgrade u) {
      connect(uri, request, u, listener, result);
    } else if (answer instanceof ServerAnswer.Respond r) {
      result.completeExceptionally(new IllegalStateException("the server endpoint answered a WebSocket upgrade with "
          + "Respond(" + r.status() + ", ...); only Reject or Upgrade fit a WebSocket request (" + request + ")"));
    } else if (answer instanceof ServerAnswer.Hold h) {
      HeldExchange gone = new HeldExchange((status, body) -> { }, x -> { });
      gone.abandon();
      try {
        h.onHeld().accept(gone);
      } catch (RuntimeException e) {
        log(request, "onHeld threw", e);
      }
      result.completeExceptionally(new IllegalStateException("the server endpoint answered a WebSocket upgrade with "
          + "Hold; only Reject or Upgrade fit a WebSocket request (the held response was abandoned) (" + request + ")"));
    }
  }

  private void connect(URI uri, ServerRequest request, ServerAnswer.Upgrade upgrade, ChannelListener listener,
      CompletableFuture<Channel> result) {
    InMemoryConnection connection = new InMemoryConnection(network, network.io(), uri, request);
    if (!network.register(connection)) {
      result.completeExceptionally(InMemoryNetwork.closedError());
      return;
    }
    ChannelListener serverListener;
    try {
      serverListener = Objects.requireNonNull(upgrade.onOpen().apply(connection.serverEnd()),
          "onOpen returned no listener");
    } catch (RuntimeException e) {
      log(request, "the server's onOpen failed; closing the connection with 1011", e);
      serverListener = ChannelListener.ignoring();
      connection.serverEnd().close(CloseReason.ERROR);
    }
    connection.startServer(serverListener);
    if (result.complete(connection.clientEnd())) {
      connection.startClient(listener);
    } else {
      connection.startClient(ChannelListener.ignoring());
      connection.cut();
    }
  }

  private static void log(ServerRequest request, String message, Throwable e) {
    String clientId = request.queryParam("client-id").orElse("");
    try (MDC.MDCCloseable ignored = MDC.putCloseable("sente4j.clientId", clientId)) {
      LOG.warn("{} (client id \"{}\", {})", message, clientId, request, e);
    }
  }
}
