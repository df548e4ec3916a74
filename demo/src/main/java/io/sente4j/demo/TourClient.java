package io.sente4j.demo;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Packer;
import io.sente4j.transport.inmemory.InMemoryNetwork;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One client of the {@link InMemoryTour} and what it saw: its pushes, its states and what went over the wire. */
final class TourClient {
  static final String CSRF_TOKEN = "demo-csrf-token";
  static final String ORIGIN = "https://demo.test";
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  final String name;
  final WireTap tap;
  final List<Event> pushes = new CopyOnWriteArrayList<>();
  final List<ClientState> states = new CopyOnWriteArrayList<>();
  final ChannelSocketClient client;

  TourClient(String name, String user, URI uri, InMemoryNetwork net, Packer packer, ClientType type) {
    this.name = name;
    this.tap = new WireTap(net.clientTransport());
    this.client = ChannelSocketClient.builder(uri, tap)
        .packer(packer)
        .type(type)
        .clientId(name)
        .params(() -> Map.of("user", user))
        .csrfToken(CSRF_TOKEN)
        .headers(() -> Map.of("Origin", List.of(ORIGIN)))
        .pushHandler(pushes::add)
        .stateListener(states::add)
        .build();
  }

  ClientState connect() {
    return client.connect().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
  }

  void close() {
    client.close();
  }
}
