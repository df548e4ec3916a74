package io.sente4j.transport.inmemory;

import io.sente4j.core.Channel;
import io.sente4j.core.ServerAnswer;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** One open connection for a test: both channels, both recorders, and the network's view of it. */
final class Wired {
  private static final AtomicInteger PATHS = new AtomicInteger();

  final Recorder client;
  final Recorder server;
  final Channel clientChannel;
  final Channel serverChannel;
  final InMemoryConnection connection;

  private Wired(Recorder client, Recorder server, Channel clientChannel, Channel serverChannel,
      InMemoryConnection connection) {
    this.client = client;
    this.server = server;
    this.clientChannel = clientChannel;
    this.serverChannel = serverChannel;
    this.connection = connection;
  }

  /** Binds a fresh path that upgrades every request and opens one connection to it as {@code clientId}. */
  static Wired open(InMemoryNetwork net, String clientId) {
    return open(net, clientId, new Recorder(), new Recorder());
  }

  static Wired open(InMemoryNetwork net, String clientId, Recorder client, Recorder server) {
    CompletableFuture<Channel> serverChannel = new CompletableFuture<>();
    URI uri = net.bind(URI.create("ws://wired.test/chsk" + PATHS.incrementAndGet()),
        request -> new ServerAnswer.Upgrade(ch -> {
          serverChannel.complete(ch);
          return server;
        }));
    Channel clientChannel = Await.result(
        net.clientTransport().openWebSocket(URI.create(uri + "?client-id=" + clientId), Map.of(), client));
    Channel s = Await.result(serverChannel);
    List<InMemoryConnection> mine = net.connections().stream()
        .filter(c -> c.uri().getPath().equals(uri.getPath())).toList();
    return new Wired(client, server, clientChannel, s, mine.get(0));
  }
}
