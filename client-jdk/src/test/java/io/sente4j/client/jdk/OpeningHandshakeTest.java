package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A WebSocket upgrade the server refuses with a body it never finishes. The JDK's connect timeout ends with the
 * response's head, and it reads a refusal's body whole before it reports the refusal: the opening hung for ever, and
 * its connection stayed open after the client had given up on it.
 */
class OpeningHandshakeTest {
  private static final String STALLED_REFUSAL =
      "HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nForbid";

  private OneResponseServer server;
  private JdkClientTransport transport;

  @AfterEach
  void stop() throws IOException {
    if (transport != null) {
      transport.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private CompletableFuture<Channel> open(Duration connectTimeout) throws IOException {
    server = new OneResponseServer(STALLED_REFUSAL, -1);
    transport = JdkClientTransport.builder().connectTimeout(connectTimeout).build();
    URI uri = URI.create("ws" + server.uri().toString().substring(4) + "?client-id=c&csrf-token=secret");
    return transport.openWebSocket(uri, Map.of(), ChannelListener.ignoring());
  }

  @Test
  @Timeout(30)
  void anUpgradeWhoseRefusalStallsFailsAtTheConnectTimeoutAndItsConnectionIsClosed() throws Exception {
    CompletableFuture<Channel> opening = open(Duration.ofMillis(300));
    assertThatThrownBy(() -> opening.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(HttpTimeoutException.class)
        .hasMessage("the WebSocket opening handshake with ws://127.0.0.1:" + server.uri().getPort() + "/chsk did "
            + "not complete within PT0.3S");
    server.left.get(10, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(30)
  void anOpeningsTimeoutRunsOnTheTransportsOwnThreadNotTheJvmsSharedDelayThread() throws Exception {
    // Regression: the timeout ran on the one thread behind CompletableFuture.delayedExecutor, the JVM's, and with it
    // what the opening's failure sets off (the client's handling, under its lock): while that waited, so did every
    // orTimeout and completeOnTimeout of the application.
    CompletableFuture<Channel> opening = open(Duration.ofMillis(300));
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> thread = new CompletableFuture<>();
    opening.whenComplete((channel, error) -> {
      thread.complete(Thread.currentThread().getName());
      try {
        release.await(20, TimeUnit.SECONDS); // a slow handler of the failure
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    TransportTimerAssertions.assertTimedOnTheTransportsTimer(thread, release);
    assertThat(opening).isCompletedExceptionally();
  }

  @Test
  @Timeout(30)
  void cancellingAnOpeningClosesItsConnection() throws Exception {
    CompletableFuture<Channel> opening = open(Duration.ofMinutes(1));
    server.answered.get(10, TimeUnit.SECONDS);
    opening.cancel(true);
    server.left.get(10, TimeUnit.SECONDS);
    assertThat(opening).isCancelled();
  }
}
