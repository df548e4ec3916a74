package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A close the server never answers: the JDK half-closes the TCP connection after sending its close frame and then
 * waits for the server's close frame without a deadline, so a hung server (or one that ignores the close) kept the
 * socket, and the channel never reported its close. The channel aborts the socket after the close timeout.
 */
class CloseTimeoutTest {
  private SilentServer server;
  private JettyChannelServer jetty;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  /** Records the closes it hears: exactly one is expected. */
  private static final class Closes implements ChannelListener {
    final CompletableFuture<String> first = new CompletableFuture<>();
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void onMessage(Payload payload) {}

    @Override
    public void onClose(int code, String reason) {
      count.incrementAndGet();
      first.complete(code + " " + reason);
    }

    @Override
    public void onError(Throwable error) {}
  }

  @Test
  @Timeout(60)
  void aCloseTheServerNeverAnswersAbortsTheSocketAndReportsTheCloseOnce() throws Exception {
    server = new SilentServer();
    Closes closes = new Closes();
    Channel ws = JdkClientTransport.builder().closeTimeout(Duration.ofSeconds(1)).build()
        .openWebSocket(server.uri(), Map.of(), closes).get(10, TimeUnit.SECONDS);
    Socket accepted = server.accepted.get(10, TimeUnit.SECONDS);
    ws.close(1000, "bye");
    assertThat(server.firstFrameByte.get(10, TimeUnit.SECONDS)).isEqualTo(0x88); // the close frame went out
    assertThat(closes.first.get(30, TimeUnit.SECONDS)).isEqualTo("1006 the server did not answer the close within PT1S");
    assertThat(ws.isOpen()).isFalse();
    // The client let go of the connection: what the server writes now is refused (a reset) instead of read.
    OutputStream out = accepted.getOutputStream();
    await("the server's writes to fail", () -> {
      try {
        out.write(new byte[] {(byte) 0x82, 1, 0});
        out.flush();
        return false;
      } catch (IOException e) {
        return true;
      }
    });
    assertThat(closes.count.get()).isEqualTo(1);
  }

  @Test
  @Timeout(60)
  void anUnansweredClosesTimeoutRunsOnTheTransportsOwnThreadNotTheJvmsSharedDelayThread() throws Exception {
    // Regression: it ran on the one thread behind CompletableFuture.delayedExecutor, the JVM's, and with it the report
    // of the close (the client's handling, under its lock): while that waited, so did every orTimeout and
    // completeOnTimeout of the application.
    server = new SilentServer();
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> thread = new CompletableFuture<>();
    ChannelListener slow = new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {}

      @Override
      public void onClose(int code, String reason) {
        thread.complete(Thread.currentThread().getName());
        try {
          release.await(30, TimeUnit.SECONDS); // a slow handler of the close
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onError(Throwable error) {}
    };
    Channel ws = JdkClientTransport.builder().closeTimeout(Duration.ofMillis(300)).build()
        .openWebSocket(server.uri(), Map.of(), slow).get(10, TimeUnit.SECONDS);
    server.accepted.get(10, TimeUnit.SECONDS);
    ws.close(1000, "bye");
    TransportTimerAssertions.assertTimedOnTheTransportsTimer(thread, release);
  }

  @Test
  @Timeout(60)
  void aCloseTheServerAnswersReportsTheServersCodeOnce() throws Exception {
    jetty = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> new Closes())).host("127.0.0.1")
        .port(0).start();
    Closes closes = new Closes();
    Channel ws = JdkClientTransport.builder().closeTimeout(Duration.ofSeconds(10)).build()
        .openWebSocket(URI.create(jetty.webSocketUri() + "?client-id=c"), Map.of(), closes)
        .get(10, TimeUnit.SECONDS);
    ws.close(4001, "done");
    assertThat(closes.first.get(30, TimeUnit.SECONDS)).isEqualTo("4001 done");
    assertThat(closes.count.get()).isEqualTo(1);
  }

  @Test
  void theCloseTimeoutMustBePositive() {
    assertThatThrownBy(() -> JdkClientTransport.builder().closeTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("closeTimeout");
    assertThatThrownBy(() -> JdkClientTransport.builder().closeTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Accepts one WebSocket upgrade, then reads and drops whatever the client sends and never answers. */
  static final class SilentServer implements AutoCloseable {
    final CompletableFuture<Integer> firstFrameByte = new CompletableFuture<>();
    private final RawWebSocketServer raw = new RawWebSocketServer(0, s -> {
      InputStream in = s.getInputStream();
      firstFrameByte.complete(in.read());
      while (in.read() >= 0) {
        // dropped
      }
    });
    final CompletableFuture<Socket> accepted = raw.accepted;

    SilentServer() throws IOException {
      accepted.whenComplete((s, e) -> {
        if (e != null) {
          firstFrameByte.completeExceptionally(e);
        }
      });
    }

    URI uri() {
      return raw.uri();
    }

    @Override
    public void close() throws IOException {
      raw.close();
    }
  }
}
