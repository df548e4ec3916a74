package io.sente4j.transport.inmemory;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The client side of an {@link InMemoryNetwork}. */
final class InMemoryClientTransport implements ClientTransport {
  private final Upgrades upgrades;
  private final Exchanges exchanges;

  InMemoryClientTransport(InMemoryNetwork network) {
    this.upgrades = new Upgrades(network);
    this.exchanges = new Exchanges(network);
  }

  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> headers,
      ChannelListener listener) {
    return upgrades.open(uri, headers, listener);
  }

  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return exchanges.request(call);
  }
}
