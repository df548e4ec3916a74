package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Stopping Jetty: open WebSockets are closed with server-stop, and while clients connect every connection is answered
 * or closed, none left open and silent.
 */
class StopTest {
  private static final ServerAnswer ACCEPT = new ServerAnswer.Upgrade(channel -> ChannelListener.ignoring());

  /** A server-side listener that records each close as "code reason". */
  private static ChannelListener closesTo(BlockingQueue<String> closes) {
    return new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {}

      @Override
      public void onClose(int code, String reason) {
        closes.add(code + " " + reason);
      }

      @Override
      public void onError(Throwable error) {}
    };
  }

  /**
   * Jetty stops its selectors without waiting for its acceptor: a connection accepted at that moment used to stay open
   * for good, unread (about one stop in six here, with clients connecting all along).
   */
  @Test
  @Timeout(300)
  void aConnectionAcceptedAsJettyStopsIsClosed() throws Exception {
    List<String> silent = new ArrayList<>();
    for (int round = 0; round < 30 && silent.isEmpty(); round++) {
      JettyChannelServer server = JettyChannelServer.builder(r -> ACCEPT).host("127.0.0.1").port(0).start();
      int port = server.port();
      List<Socket> sockets = new CopyOnWriteArrayList<>();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      CountDownLatch connecting = new CountDownLatch(8);
      for (int t = 0; t < 4; t++) {
        clients.execute(() -> {
          for (int k = 0; k < 200; k++) {
            try {
              Socket s = new Socket("127.0.0.1", port);
              sockets.add(s);
              s.getOutputStream().write(TestWebSockets.UPGRADE);
              connecting.countDown();
            } catch (IOException refusedOnceStopped) {
              return;
            }
          }
        });
      }
      assertThat(connecting.await(30, TimeUnit.SECONDS)).isTrue();
      server.close();
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
      for (Socket s : sockets) {
        if (!endsWithin(s, 10_000)) {
          silent.add("round " + round + ": " + s);
        }
      }
    }
    assertThat(silent).as("connections neither answered nor closed 10 s after the stop").isEmpty();
  }

  /** The watch for connections accepted while stopping forgets each connection as it closes: it holds no garbage. */
  @Test
  @Timeout(60)
  void closedConnectionsAreForgottenByTheStopWatch() throws Exception {
    JettyChannelServer server = JettyChannelServer.builder(r -> ACCEPT).host("127.0.0.1").port(0).start();
    try {
      AcceptedWhileStopping watch = server.jetty().getConnectors()[0].getBean(AcceptedWhileStopping.class);
      assertThat(watch).isNotNull();
      for (int i = 0; i < 20; i++) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
          s.getOutputStream().write(i % 2 == 0 ? TestWebSockets.UPGRADE
              : "GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          s.setSoTimeout(10_000);
          assertThat(s.getInputStream().read()).as("a response begins").isEqualTo('H');
        }
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (watch.following() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20); // polling a condition, not timing
      }
      assertThat(watch.following()).isZero();
    } finally {
      server.close();
    }
  }

  /**
   * Jetty stops its connectors, dropping their connections without a close frame, before its handlers: a client of a
   * server stopped without its channel socket used to see 1006 (an error) rather than server-stop.
   */
  @Test
  @Timeout(60)
  void openWebSocketsAreClosedWithServerStopWhenJettyStops() throws Exception {
    BlockingQueue<String> serverSide = new LinkedBlockingQueue<>();
    BlockingQueue<Channel> opened = new LinkedBlockingQueue<>();
    JettyChannelServer server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> {
      opened.add(channel);
      return closesTo(serverSide);
    })).host("127.0.0.1").port(0).start();
    TestWebSockets.RecordingClient client =
        new TestWebSockets.RecordingClient(URI.create(server.webSocketUri() + "?client-id=c1"));
    client.opened.get(10, TimeUnit.SECONDS);
    BlockingQueue<String> clientSide = client.ends;
    Channel channel = opened.poll(10, TimeUnit.SECONDS);
    assertThat(channel).isNotNull();

    server.close();

    assertThat(clientSide.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 server-stop");
    assertThat(serverSide.poll(10, TimeUnit.SECONDS)).as("a close").isNotNull();
    assertThat(channel.isOpen()).isFalse();
    assertThat(channel.send(Payload.text("late")))
        .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
    assertThat(serverSide.poll(500, TimeUnit.MILLISECONDS)).as("onClose once").isNull();
  }

  /**
   * A WebSocket whose opening (the core's onOpen) is still running when the stop begins: it is closed with server-stop
   * too, and its listener, once returned, hears that close once.
   */
  @Test
  @Timeout(60)
  void aWebSocketOpeningAsJettyStopsIsClosedWithServerStopAndItsListenerHearsIt() throws Exception {
    CountDownLatch inOnOpen = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    BlockingQueue<String> serverSide = new LinkedBlockingQueue<>();
    JettyChannelServer server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> {
      inOnOpen.countDown();
      awaitIgnoringInterrupts(release);
      return closesTo(serverSide);
    })).host("127.0.0.1").port(0).start();
    BlockingQueue<String> clientSide =
        new TestWebSockets.RecordingClient(URI.create(server.webSocketUri() + "?client-id=c1")).ends;
    assertThat(inOnOpen.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!server.jetty().isStopping() && !server.jetty().isStopped() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    release.countDown();
    stopped.get(30, TimeUnit.SECONDS);

    assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 server-stop");
    assertThat(clientSide.poll(10, TimeUnit.SECONDS)).isEqualTo("1001 server-stop");
    assertThat(serverSide.poll(500, TimeUnit.MILLISECONDS)).as("onClose once").isNull();
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        if (latch.await(30, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true; // Jetty's stop interrupts its threads; this one finishes the opening first
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads to the end of the stream; false if the connection is still open, silent, after the timeout. */
  private static boolean endsWithin(Socket s, int millis) throws IOException {
    try (s) {
      s.setSoTimeout(millis);
      InputStream in = s.getInputStream();
      byte[] buf = new byte[4096];
      while (in.read(buf) >= 0) {
        // a response, or frames: read on to the end
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
