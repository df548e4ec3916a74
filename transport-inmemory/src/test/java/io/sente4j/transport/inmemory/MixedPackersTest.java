package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.UpgradeRefusedException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One server, two clients on different packers (PROTOCOL.md §5.2): each is read and written in its own. */
class MixedPackersTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final PackerRegistry packers = PackerRegistry.load();
  private final Packer edn = packers.get("edn");
  private final Packer json = packers.get("json");
  private final ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
      .additionalPackers(json)
      .userId((request, clientId) -> request.param("user").orElse(null))
      .eventHandler(ServerRouter.builder().onRequest(Keyword.of("app", "echo"), m -> m.data()).build())
      .build();
  private final URI uri = net.bind(URI.create("ws://mixed.test/chsk"), server);
  private final List<ChannelSocketClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(ChannelSocketClient::close);
    server.stop();
    net.close();
  }

  private ChannelSocketClient client(Packer packer, String user, List<Event> pushes) {
    ChannelSocketClient c = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(packer).params(() -> Map.of("user", user)).pushHandler(pushes::add).build();
    clients.add(c);
    c.connect().orTimeout(10, TimeUnit.SECONDS).join();
    return c;
  }

  @Test
  void eachClientIsServedInItsOwnPacker() {
    List<Event> ednPushes = new CopyOnWriteArrayList<>();
    List<Event> jsonPushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient ednClient = client(edn, "alice", ednPushes);
    ChannelSocketClient jsonClient = client(json, "alice", jsonPushes);

    Map<Keyword, Object> data = Map.of(Keyword.of("room"), "lobby");
    assertThat(ednClient.send(Event.of("app/echo", data), Duration.ofSeconds(5)).join()).isEqualTo(data);
    // JSON carries no keywords: the map comes back with string keys.
    assertThat(jsonClient.send(Event.of("app/echo", data), Duration.ofSeconds(5)).join())
        .isEqualTo(Map.of("room", "lobby"));

    server.sendNow("alice", Event.of("app/news", data));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while ((ednPushes.isEmpty() || jsonPushes.isEmpty()) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(ednPushes).containsExactly(Event.of("app/news", data));
    assertThat(jsonPushes).containsExactly(Event.of("app/news", Map.of("room", "lobby")));
    assertThat(net.connections()).extracting(c -> c.request().queryParam("sente4j-packer").orElse("?"))
        .containsExactlyInAnyOrder("edn", "json");
  }

  @Test
  void aPackerTheServerDoesNotOfferIsRefusedWith400ListingTheOffered() throws Exception {
    URI yaml = URI.create(uri + "?client-id=c1&sente4j-packer=yaml");
    java.util.concurrent.CompletableFuture<?> open = net.clientTransport().openWebSocket(yaml, Map.of(),
        new io.sente4j.core.ChannelListener() {
          @Override
          public void onMessage(io.sente4j.core.Payload payload) {}

          @Override
          public void onClose(int code, String reason) {}

          @Override
          public void onError(Throwable error) {}
        });
    CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
        () -> open.orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(e.getCause()).isInstanceOf(UpgradeRefusedException.class);
    UpgradeRefusedException refused = (UpgradeRefusedException) e.getCause();
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused).hasMessageEndingWith(": no packer named \"yaml\"; available: edn, json");
  }
}
