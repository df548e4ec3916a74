package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Jetty's WebSocket idle timeout closes with ping-timeout (4000), the reason for no traffic within a timeout
 * (PROTOCOL.md §7.1, §10), on both sides: Jetty's own close, 1001 "Connection Idle Timeout", read as server-stop by
 * a client and as requested by the server core.
 */
class IdleTimeoutTest {
  private static final Duration IDLE = Duration.ofMillis(300);
  private static final String PING_TIMEOUT = CloseReason.PING_TIMEOUT.code() + " " + CloseReason.PING_TIMEOUT.text();

  private final BlockingQueue<String> serverSide = new LinkedBlockingQueue<>();
  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start() {
    server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {}

      @Override
      public void onClose(int code, String reason) {
        serverSide.add(code + " " + reason);
      }

      @Override
      public void onError(Throwable error) {}
    })).host("127.0.0.1").port(0).handler(h -> h.idleTimeout(IDLE)).start();
  }

  @Test
  @Timeout(30)
  void anIdleWebSocketIsClosedWithPingTimeoutAndBothSidesSeeIt() throws Exception {
    start();
    TestWebSockets.RecordingClient client =
        new TestWebSockets.RecordingClient(URI.create(server.webSocketUri() + "?client-id=c1"));
    client.opened.get(10, TimeUnit.SECONDS);
    BlockingQueue<String> clientSide = client.ends;

    assertThat(clientSide.poll(10, TimeUnit.SECONDS)).isEqualTo(PING_TIMEOUT);
    assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo(PING_TIMEOUT);
    assertThat(serverSide.poll(IDLE.toMillis() * 3, TimeUnit.MILLISECONDS)).as("onClose once").isNull();
  }

  @Test
  @Timeout(30)
  void anIdleCloseThePeerNeverAnswersEndsTheConnectionAndTheServerStillSeesPingTimeout() throws Exception {
    start();
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      client.getOutputStream().write(TestWebSockets.UPGRADE);
      DataInputStream in = new DataInputStream(client.getInputStream());
      assertThat(TestWebSockets.readHead(in)).startsWith("HTTP/1.1 101");

      // The server's close frame: FIN + close, an unmasked payload of the code and the reason; never answered.
      assertThat(in.readUnsignedByte()).isEqualTo(0x88);
      byte[] payload = new byte[in.readUnsignedByte()];
      in.readFully(payload);
      assertThat(((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF)).isEqualTo(CloseReason.PING_TIMEOUT.code());
      assertThat(new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8))
          .isEqualTo(CloseReason.PING_TIMEOUT.text());

      assertThat(serverSide.poll(10, TimeUnit.SECONDS)).isEqualTo(PING_TIMEOUT);
      assertThat(endsWithin(in)).as("the server let go of the connection").isTrue();
    }
  }


  private static boolean endsWithin(InputStream in) {
    try {
      while (in.read() >= 0) {
        // nothing more is expected; read on to the end
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException reset) {
      return true;
    }
  }
}
