package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Backoff;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.PackerRegistry;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty's WebSocket idle timeout, end to end: the client and the server core both see the close as ping-timeout
 * (PROTOCOL.md §10). Left to Jetty it was 1001, which the client read as server-stop (reconnecting with backoff)
 * and the server core as the client's requested.
 */
class IdleTimeoutCloseTest {
  private ChannelSocketServer server;
  private JettyChannelServer jetty;
  private ChannelSocketClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  @Timeout(60)
  void aWebSocketIdleForJettysTimeoutClosesWithPingTimeoutOnTheClientAndInTheServer() throws Exception {
    var edn = PackerRegistry.load().get("edn");
    server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> request.queryParam("uid").orElse(null)).build();
    // Jetty's idle timeout fires only where nothing is written, such as behind an endpoint that sends no pings:
    // wrapped, the server is one (its ping interval, 25 s, is not offered to the handler's check).
    jetty = JettyChannelServer.builder(request -> server.handle(request)).host("127.0.0.1").port(0)
        .handler(h -> h.idleTimeout(Duration.ofMillis(500))).start();
    List<CloseInfo> closes = new CopyOnWriteArrayList<>();
    client = ChannelSocketClient.builder(jetty.webSocketUri(), JdkClientTransport.create()).packer(edn)
        .type(ClientType.WEBSOCKET).params(() -> Map.of("uid", "alice"))
        .backoff(Backoff.exponentialFullJitter(Duration.ofSeconds(30), Duration.ofSeconds(30)))
        .stateListener(state -> state.lastClose().filter(c -> state.status() == ClientState.Status.CLOSED)
            .ifPresent(closes::add))
        .build();
    client.connect().get(15, TimeUnit.SECONDS);

    await("the idle close", () -> !closes.isEmpty());
    CloseInfo close = closes.get(0);
    assertThat(close.reason()).isEqualTo(CloseReason.PING_TIMEOUT);
    assertThat(close.code()).isEqualTo(4000);
    assertThat(close.byClient()).isFalse();
    await("the server to count the close", () -> server.metrics().connectionsClosed().values().stream()
        .mapToLong(Long::longValue).sum() >= 1);
    // The client reconnects at once after the first ping-timeout, and that connection idles out the same way (its
    // loss, within 5 s of its handshake, then waits out the 30 s backoff: PROTOCOL.md §7.6).
    assertThat(server.metrics().connectionsClosed().get(CloseReason.PING_TIMEOUT)).isGreaterThanOrEqualTo(1);
    assertThat(server.metrics().connectionsClosed()).containsEntry(CloseReason.REQUESTED, 0L)
        .containsEntry(CloseReason.SERVER_STOP, 0L).containsEntry(CloseReason.ERROR, 0L);
  }
}
