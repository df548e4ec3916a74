package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket idle timeout against the server's ping interval: one not longer would close a healthy idle connection
 * before it is pinged, so building the handler refuses it, naming both.
 */
class IdleTimeoutCheckTest {
  private static final Duration PING = Duration.ofSeconds(25);

  private final ChannelSocketServer server = ChannelSocketServer.builder(PackerRegistry.load().get("edn"))
      .withoutCsrfCheck().pingInterval(PING).build();

  @AfterEach
  void stop() {
    server.stop();
  }

  private JettyChannelHandler build(ServerEndpoint endpoint, Duration idle) {
    return JettyChannelHandler.builder(endpoint).idleTimeout(idle).build();
  }

  @Test
  void anIdleTimeoutOneMillisecondLongerThanThePingIntervalIsAccepted() {
    assertThat(server.pingInterval()).hasValue(PING);
    assertThat(build(server, PING.plusMillis(1))).isNotNull();
  }

  @Test
  void anIdleTimeoutEqualToThePingIntervalIsRefusedNamingBoth() {
    assertThatThrownBy(() -> build(server, PING)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the WebSocket idleTimeout (PT25S) must be longer than the server's ping interval (PT25S): a "
            + "healthy idle connection would be closed before it is pinged (set a longer idleTimeout or a shorter "
            + "pingInterval)");
  }

  @Test
  void anIdleTimeoutOneMillisecondShorterThanThePingIntervalIsRefusedNamingBoth() {
    assertThatThrownBy(() -> build(server, PING.minusMillis(1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("idleTimeout (PT24.999S)").hasMessageContaining("ping interval (PT25S)");
  }

  @Test
  void theDefaultIdleTimeoutIsCheckedToo() {
    ChannelSocketServer slow = ChannelSocketServer.builder(PackerRegistry.load().get("edn")).withoutCsrfCheck()
        .pingInterval(JettyChannelHandler.Builder.DEFAULT_IDLE_TIMEOUT).build();
    try {
      assertThatThrownBy(() -> JettyChannelHandler.builder(slow).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ping interval (PT2M)");
    } finally {
      slow.stop();
    }
  }

  @Test
  void anEndpointThatDoesNotPingTakesAnyIdleTimeout() {
    ServerEndpoint silent = (ServerRequest r) -> new ServerAnswer.Reject(503, "none");
    assertThat(silent.pingInterval()).isEmpty();
    assertThat(build(silent, Duration.ofMillis(1))).isNotNull();
  }

  @Test
  void theEmbeddedServerRefusesItBeforeStarting() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    int chosen = port;
    assertThatThrownBy(() -> JettyChannelServer.builder(server).host("127.0.0.1").port(chosen)
        .handler(h -> h.idleTimeout(PING.minusMillis(1))).start())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ping interval (PT25S)");
    try (ServerSocket again = new ServerSocket(chosen)) {
      assertThat(again.getLocalPort()).as("nothing was left listening").isEqualTo(chosen);
    }
  }

  @Test
  void anEndpointOfferingAPingIntervalIsCheckedWhateverItIs() {
    ServerEndpoint pinging = new ServerEndpoint() {
      @Override
      public ServerAnswer handle(ServerRequest request) {
        return new ServerAnswer.Reject(503, "none");
      }

      @Override
      public Optional<Duration> pingInterval() {
        return Optional.of(Duration.ofSeconds(5));
      }
    };
    assertThatThrownBy(() -> build(pinging, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
    assertThat(build(pinging, Duration.ofSeconds(6))).isNotNull();
  }
}
