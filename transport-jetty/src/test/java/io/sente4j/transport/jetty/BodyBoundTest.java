package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The POST body bound where three times the frame limit plus 4 KiB passes the largest array: the bound the handler
 * reports is the one it reads to, and a body declared past it is refused before it is read.
 */
class BodyBoundTest {
  /** The largest frame limit whose body bound, three times it plus 4 KiB, still fits in an array. */
  private static final int LAST_UNCAPPED = (JettyChannelHandler.MAX_BODY_BYTES - 4096) / 3;

  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static long maxBodyBytes(int maxFrameBytes) {
    return JettyChannelHandler.builder(r -> new ServerAnswer.Respond(200, Payload.text("x")))
        .maxFrameBytes(maxFrameBytes).build().maxBodyBytes();
  }

  @Test
  void theBodyBoundIsThreeTimesTheFrameLimitPlus4KibUpToTheLargestArray() {
    assertThat(LAST_UNCAPPED).isEqualTo(715_826_514);
    assertThat(maxBodyBytes(LAST_UNCAPPED)).isEqualTo(3L * LAST_UNCAPPED + 4096)
        .isLessThanOrEqualTo(JettyChannelHandler.MAX_BODY_BYTES);
    assertThat(maxBodyBytes(LAST_UNCAPPED + 1)).isEqualTo(JettyChannelHandler.MAX_BODY_BYTES);
    assertThat(maxBodyBytes(Integer.MAX_VALUE)).isEqualTo(JettyChannelHandler.MAX_BODY_BYTES);
  }

  /**
   * The handler compared a declared length with three times the frame limit plus 4 KiB while its reader stopped at
   * the largest array: a body declared between the two was read, and refused only once the array was full.
   */
  @Test
  @Timeout(30)
  void aBodyDeclaredOneBytePastTheLargestArrayIs413UnreadUnderAHugeFrameLimit() throws Exception {
    server = JettyChannelServer.builder(r -> new ServerAnswer.Respond(200, Payload.text("read")))
        .host("127.0.0.1").port(0).handler(h -> h.maxFrameBytes(LAST_UNCAPPED + 1)).start();
    String response = postDeclaring(server.port(), JettyChannelHandler.MAX_BODY_BYTES + 1L);
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("over " + JettyChannelHandler.MAX_BODY_BYTES + " bytes (2147483640 bytes)");
  }

  /** Sends the head of a POST declaring {@code length} bytes and none of its body; returns the response. */
  private static String postDeclaring(int port, long length) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000); // a body the handler waits for never comes: the read fails instead of hanging
      OutputStream out = s.getOutputStream();
      out.write(("POST /chsk?client-id=c HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      int n;
      while ((n = in.read(buf)) >= 0) {
        got.write(buf, 0, n);
      }
      return got.toString(StandardCharsets.UTF_8);
    }
  }
}
