package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Backoff;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PROTOCOL.md §7.6 over loopback with real clocks: against a server whose connections die right after their
 * handshake, the JDK client's attempts meet the growing backoff instead of following one another at once.
 */
class ReconnectBackoffLoopbackTest {
  /** The attempt the test waits for; with {@link #DOUBLING} the wait is about 0.6 s. */
  private static final int LAST_ATTEMPT = 5;
  /** Attempt 1 at once, then 40, 80, 160, 320 ms: fixed, so the gaps between attempts have a lower bound. */
  private static final Backoff DOUBLING =
      (attempt, random) -> attempt <= 1 ? Duration.ZERO : Duration.ofMillis(20L << (attempt - 1));

  private final Packer edn = PackerRegistry.load().get("edn");
  private final JdkClientTransport transport = JdkClientTransport.create();
  /** When the server saw each connection attempt (an upgrade, or an Ajax handshake), by {@link System#nanoTime}. */
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();
  private final List<ClientState> states = new CopyOnWriteArrayList<>();
  private final ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
      .userId((request, clientId) -> "alice").build();
  private JettyChannelServer jetty;
  private ChannelSocketClient client;

  @AfterEach
  void stopAll() {
    if (client != null) {
      client.close();
    }
    transport.close();
    server.stop();
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  @Timeout(30)
  void webSocketsClosedRightAfterTheirHandshakeAreRetriedAfterGrowingDelays() {
    serve(request -> {
      if (!request.isWebSocketUpgrade()) {
        return server.handle(request);
      }
      arrivals.add(System.nanoTime());
      ServerAnswer answer = server.handle(request);
      return answer instanceof ServerAnswer.Upgrade upgrade
          ? new ServerAnswer.Upgrade(channel -> upgrade.onOpen().apply(new ClosedOnceWritten(channel)))
          : answer;
    });
    connectAndAwaitAttempts(ClientType.WEBSOCKET);
    assertGrowingBackoff();
  }

  @Test
  @Timeout(30)
  void ajaxPollsRefusedRightAfterTheirHandshakeAreRetriedAfterGrowingDelays() {
    serve(request -> {
      if (request.method().equals("GET") && !request.isWebSocketUpgrade()) {
        if (request.queryParam("handshake?").isEmpty()) {
          return new ServerAnswer.Reject(503, "no polls here");
        }
        arrivals.add(System.nanoTime());
      }
      return server.handle(request);
    });
    connectAndAwaitAttempts(ClientType.AJAX);
    assertGrowingBackoff();
  }

  private void serve(ServerEndpoint endpoint) {
    jetty = JettyChannelServer.builder(endpoint).host("127.0.0.1").port(0).start();
  }

  /** Waits for the server to see the connection from connect() and attempts 1 to LAST_ATTEMPT after it. */
  private void connectAndAwaitAttempts(ClientType type) {
    client = ChannelSocketClient.builder(jetty.webSocketUri(), transport).packer(edn).type(type).backoff(DOUBLING)
        .stateListener(states::add).build();
    client.connect();
    LoopbackIntegrationTest.await("attempt " + LAST_ATTEMPT + " to reach the server",
        () -> arrivals.size() > LAST_ATTEMPT);
    LoopbackIntegrationTest.await("the client to publish attempt " + LAST_ATTEMPT,
        () -> connectingAttempts().size() > LAST_ATTEMPT);
  }

  private void assertGrowingBackoff() {
    // Every connection before the last attempt got its handshake: lost after it, not failed before it (a failed
    // attempt met the backoff before the fix too).
    List<ClientState.Status> statuses = states.stream().map(ClientState::status).toList();
    int lastConnecting = indexOfNth(statuses, ClientState.Status.CONNECTING, LAST_ATTEMPT + 1);
    assertThat(statuses.subList(0, lastConnecting)).filteredOn(s -> s == ClientState.Status.OPEN)
        .hasSize(LAST_ATTEMPT);
    // Each loss came within backoffResetAfter (5 s) of its handshake, so it counts on from the attempt that opened
    // the connection; with the count started over at each handshake, every attempt would be 1, made at once.
    assertThat(connectingAttempts()).startsWith(0, 1, 2, 3, 4, 5);
    for (int attempt = 2; attempt <= LAST_ATTEMPT; attempt++) {
      Duration gap = Duration.ofNanos(arrivals.get(attempt) - arrivals.get(attempt - 1));
      assertThat(gap).as("the gap before attempt %d", attempt)
          .isGreaterThanOrEqualTo(DOUBLING.delay(attempt, null));
    }
  }

  private static <T> int indexOfNth(List<T> list, T value, int nth) {
    int seen = 0;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == value && ++seen == nth) {
        return i;
      }
    }
    throw new AssertionError(value + " appears fewer than " + nth + " times in " + list);
  }

  private List<Integer> connectingAttempts() {
    return states.stream().filter(s -> s.status() == ClientState.Status.CONNECTING).map(ClientState::attempt)
        .toList();
  }

  /** The server's side of a WebSocket, closed as soon as its first frame (the handshake) is written. */
  private record ClosedOnceWritten(Channel channel) implements Channel {
    @Override
    public CompletableFuture<Void> send(Payload payload) {
      return channel.send(payload).whenComplete((sent, failed) -> channel.close(CloseReason.ERROR));
    }

    @Override
    public void close(int code, String reason) {
      channel.close(code, reason);
    }

    @Override
    public boolean isOpen() {
      return channel.isOpen();
    }
  }
}
