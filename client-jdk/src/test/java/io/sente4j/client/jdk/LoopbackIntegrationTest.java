package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Backoff;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.Via;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code ChannelSocketServer} on the embedded Jetty server and {@code ChannelSocketClient}s on the JDK transport,
 * over loopback with real clocks: each kind of client works, AUTO falls back when the upgrade is refused, and
 * clients come back after the server restarts.
 */
class LoopbackIntegrationTest {
  static final Keyword ECHO = Keyword.of("it", "echo");
  static final Keyword NEWS = Keyword.of("it", "news");

  private final Packer edn = PackerRegistry.load().get("edn");
  private final JdkClientTransport transport = JdkClientTransport.create();
  private final List<ChannelSocketClient> clients = new ArrayList<>();
  private final List<EventMessage> presence = new CopyOnWriteArrayList<>();
  private ChannelSocketServer server;
  private JettyChannelServer jetty;

  @AfterEach
  void stopAll() {
    clients.forEach(ChannelSocketClient::close);
    if (server != null) {
      server.stop();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  private URI start(int port, Consumer<ChannelSocketServer.Builder> options, java.util.function.UnaryOperator<
      ServerEndpoint> wrap) {
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .eventHandler(msg -> {
          if (msg.event().isReserved()) {
            presence.add(msg);
          } else {
            ServerRouter.builder().onRequest(ECHO, EventMessage::data).build().handle(msg);
          }
        });
    options.accept(b);
    server = b.build();
    jetty = JettyChannelServer.builder(wrap.apply(server)).host("127.0.0.1").port(port).start();
    return jetty.webSocketUri();
  }

  private ChannelSocketClient client(URI uri, String uid, ClientType type, List<Event> pushes) {
    ChannelSocketClient c = ChannelSocketClient.builder(uri, transport).packer(edn).type(type)
        .params(() -> Map.of("uid", uid)).pushHandler(pushes::add)
        .backoff(Backoff.exponentialFullJitter(Duration.ofMillis(50), Duration.ofMillis(200))).build();
    clients.add(c);
    return c;
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("waited 20 s for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private void roundTrip(ChannelSocketClient c, String uid, List<Event> pushes) throws Exception {
    assertThat(c.send(Event.of(ECHO, List.of("hello", 1L)), Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS))
        .isEqualTo(List.of("hello", 1L));
    int before = pushes.size();
    server.sendNow(uid, Event.of(NEWS, "for " + uid));
    await("the push to " + uid, () -> pushes.size() > before);
    assertThat(pushes.get(pushes.size() - 1)).isEqualTo(Event.of(NEWS, "for " + uid));
  }

  @Test
  @Timeout(60)
  void webSocketOnlyClientSendsRequestsAndGetsPushes() throws Exception {
    URI uri = start(0, b -> {}, e -> e);
    List<Event> pushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = client(uri, "alice", ClientType.WEBSOCKET, pushes);
    c.connect().get(15, TimeUnit.SECONDS);
    assertThat(c.state().via()).isEqualTo(Via.WEBSOCKET);
    roundTrip(c, "alice", pushes);
    assertThat(server.connectedUids().ws()).containsExactly("alice");
  }

  @Test
  @Timeout(60)
  void ajaxOnlyClientSendsRequestsAndGetsPushes() throws Exception {
    URI uri = start(0, b -> {}, e -> e);
    List<Event> pushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = client(uri, "bob", ClientType.AJAX, pushes);
    c.connect().get(15, TimeUnit.SECONDS);
    assertThat(c.state().via()).isEqualTo(Via.AJAX_POLL);
    roundTrip(c, "bob", pushes);
    assertThat(server.connectedUids().ajax()).containsExactly("bob");
    assertThat(server.connectedUids().ws()).isEmpty();
  }

  @Test
  @Timeout(60)
  void autoClientFallsBackToAjaxWhenTheServerRefusesTheUpgrade() throws Exception {
    URI uri = start(0, b -> {}, endpoint -> request -> request.isWebSocketUpgrade()
        ? new ServerAnswer.Reject(503, "no WebSockets here") : endpoint.handle(request));
    List<Event> pushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = client(uri, "carol", ClientType.AUTO, pushes);
    c.connect();
    await("the AUTO client to open over Ajax", () -> c.state().isOpen() && c.state().via() == Via.AJAX_POLL);
    roundTrip(c, "carol", pushes);
    assertThat(server.connectedUids().ajax()).containsExactly("carol");
  }

  @Test
  @Timeout(90)
  void clientsReconnectAfterTheServerStopsAndStartsAgainAndPresenceRecovers() throws Exception {
    URI uri = start(0, b -> {}, e -> e);
    int port = jetty.port();
    List<Event> wsPushes = new CopyOnWriteArrayList<>();
    List<Event> ajaxPushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient ws = client(uri, "dave", ClientType.WEBSOCKET, wsPushes);
    ChannelSocketClient ajax = client(uri, "erin", ClientType.AJAX, ajaxPushes);
    ws.connect().get(15, TimeUnit.SECONDS);
    ajax.connect().get(15, TimeUnit.SECONDS);

    server.stop();
    jetty.close();
    await("both clients to see the server go", () -> !ws.state().isOpen() && !ajax.state().isOpen());

    presence.clear();
    start(port, b -> {}, e -> e);
    await("both clients to reconnect", () -> ws.state().isOpen() && ajax.state().isOpen());
    await("presence to recover", () -> server.connectedUids().any().containsAll(List.of("dave", "erin")));
    assertThat(server.connectedUids().ws()).containsExactly("dave");
    assertThat(server.connectedUids().ajax()).containsExactly("erin");
    roundTrip(ws, "dave", wsPushes);
    roundTrip(ajax, "erin", ajaxPushes);
  }
}
