package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket upgrade as a raw client sees it: refusals, the 101, and permessage-deflate on request only. */
class UpgradeTest {
  private final List<ServerRequest> seen = new CopyOnWriteArrayList<>();
  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int start(boolean deflate, ServerAnswer answer) {
    server = JettyChannelServer.builder(r -> {
      seen.add(r);
      return answer;
    }).host("127.0.0.1").port(0).handler(h -> h.permessageDeflate(deflate)).start();
    return server.port();
  }

  private static final ServerAnswer ACCEPT = new ServerAnswer.Upgrade(channel -> ChannelListener.ignoring());

  /** Sends an upgrade request offering permessage-deflate and returns the response head (and any body). */
  private static String upgrade(int port) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(("GET /chsk?client-id=c1&csrf-token=t HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
          + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      while (!got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
        int n = in.read(buf);
        if (n < 0) {
          break;
        }
        got.write(buf, 0, n);
      }
      // a rejection's body follows its head
      if (!got.toString(StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 101")) {
        s.setSoTimeout(500);
        try {
          int n;
          while ((n = in.read(buf)) > 0) {
            got.write(buf, 0, n);
          }
        } catch (java.net.SocketTimeoutException enough) {
          // the body has arrived
        }
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  @Timeout(30)
  void anAcceptedUpgradeIs101WithoutCompressionByDefault() throws Exception {
    String head = upgrade(start(false, ACCEPT));
    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase()).doesNotContain("permessage-deflate");
    assertThat(seen).hasSize(1);
    assertThat(seen.get(0).isWebSocketUpgrade()).isTrue();
    assertThat(seen.get(0).queryParam("csrf-token")).hasValue("t");
  }

  @Test
  @Timeout(30)
  void permessageDeflateIsNegotiatedWhenSwitchedOn() throws Exception {
    String head = upgrade(start(true, ACCEPT));
    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
  }

  @Test
  @Timeout(30)
  void aRefusedUpgradeIsItsStatusWithATextBody() throws Exception {
    String response = upgrade(start(false, new ServerAnswer.Reject(403, "Unauthorized origin")));
    assertThat(response).startsWith("HTTP/1.1 403");
    assertThat(response.toLowerCase()).contains("content-type: text/plain; charset=utf-8");
    assertThat(response).endsWith("Unauthorized origin");
  }
}
