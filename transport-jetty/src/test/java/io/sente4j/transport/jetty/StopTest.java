package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stopping Jetty while clients connect: every connection is answered or closed, none is left open and silent. */
class StopTest {
  private static final ServerAnswer ACCEPT = new ServerAnswer.Upgrade(channel -> new ChannelListener() {
    @Override
    public void onMessage(Payload payload) {}

    @Override
    public void onClose(int code, String reason) {}

    @Override
    public void onError(Throwable error) {}
  });

  private static final byte[] UPGRADE = ("GET /chsk?client-id=c1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

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
              s.getOutputStream().write(UPGRADE);
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
