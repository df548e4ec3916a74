package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A held exchange notices its client closing the connection at once, not at the idle timeout (set to ten minutes
 * here, so only the watch can notice); and a held exchange answered normally leaves its connection reusable.
 *
 * <p>An exchange abandoned because its client is gone ends without an error response: there is no one to read it,
 * and Jetty writing one on a connection being torn down is what made it log a NullPointerException ("stream is
 * null") when the write and the teardown raced. Jetty's error handler and request log are recorded to see that.
 */
class PeerCloseWatchTest {
  private final BlockingQueue<HeldResponse> held = new LinkedBlockingQueue<>();
  private final CountDownLatch abandoned = new CountDownLatch(1);
  private final List<String> errorResponses = new CopyOnWriteArrayList<>();
  private final CountDownLatch exchangeEnded = new CountDownLatch(1);
  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private int start() {
    server = JettyChannelServer.builder(r -> new ServerAnswer.Hold(h -> {
      h.onAbandoned(abandoned::countDown);
      held.add(h);
    })).host("127.0.0.1").port(0).httpIdleTimeout(Duration.ofMinutes(10)).start();
    server.jetty().setErrorHandler(new ErrorHandler() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        errorResponses.add(String.valueOf(request.getAttribute(ERROR_EXCEPTION)));
        return super.handle(request, response, callback);
      }
    });
    server.jetty().setRequestLog((request, response) -> exchangeEnded.countDown()); // Jetty ends the exchange
    return server.port();
  }

  /** Waits for Jetty to end the abandoned exchange, and checks it wrote no error response. */
  private void assertEndedWithoutAnErrorResponse() throws InterruptedException {
    assertThat(exchangeEnded.await(10, TimeUnit.SECONDS)).as("the exchange ended").isTrue();
    assertThat(errorResponses).as("error responses Jetty began").isEmpty();
  }

  private static void get(OutputStream out) throws IOException {
    out.write("GET /chsk?client-id=c1 HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Test
  @Timeout(30)
  void aClientClosingItsConnectionAbandonsTheHeldExchange() throws Exception {
    int port = start();
    HeldResponse h;
    try (Socket s = new Socket("127.0.0.1", port)) {
      get(s.getOutputStream());
      h = held.poll(10, TimeUnit.SECONDS);
      assertThat(h).isNotNull();
      assertThat(h.isOpen()).isTrue();
    }
    assertThat(abandoned.await(10, TimeUnit.SECONDS)).as("abandoned well before the idle timeout").isTrue();
    assertThat(h.isOpen()).isFalse();
    assertThat(h.complete(200, Payload.text("late"))).isFalse();
    assertEndedWithoutAnErrorResponse();
  }

  @Test
  @Timeout(30)
  void aClientHalfClosingItsConnectionAbandonsTheHeldExchange() throws Exception {
    int port = start();
    try (Socket s = new Socket("127.0.0.1", port)) {
      get(s.getOutputStream());
      assertThat(held.poll(10, TimeUnit.SECONDS)).isNotNull();
      s.shutdownOutput(); // FIN only: the server reads the end of the stream
      assertThat(abandoned.await(10, TimeUnit.SECONDS)).isTrue();
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read()).as("closed without a response").isEqualTo(-1);
    }
    assertEndedWithoutAnErrorResponse();
  }

  /**
   * No client of this protocol pipelines, so bytes arriving while a request is held are a protocol error: the
   * exchange is abandoned and the connection closed, and the pipelined request is never handled.
   */
  @Test
  @Timeout(30)
  void aRequestPipelinedBehindAHeldOneAbandonsItAndClosesTheConnection() throws Exception {
    int port = start();
    try (Socket s = new Socket("127.0.0.1", port)) {
      get(s.getOutputStream());
      HeldResponse h = held.poll(10, TimeUnit.SECONDS);
      assertThat(h).isNotNull();
      get(s.getOutputStream()); // the second request, on the same connection, before the first is answered
      assertThat(abandoned.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(h.isOpen()).isFalse();
      assertThat(h.complete(200, Payload.text("late"))).isFalse();
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read()).as("closed without a response").isEqualTo(-1);
    }
    assertThat(held.poll(200, TimeUnit.MILLISECONDS)).as("the pipelined request is not handled").isNull();
    assertEndedWithoutAnErrorResponse();
  }

  @Test
  @Timeout(30)
  void anAnsweredExchangeLeavesTheConnectionReadyForTheNextRequest() throws Exception {
    int port = start();
    try (Socket s = new Socket("127.0.0.1", port)) {
      InputStream in = s.getInputStream();
      for (int i = 0; i < 3; i++) {
        get(s.getOutputStream());
        HeldResponse h = held.poll(10, TimeUnit.SECONDS);
        assertThat(h).as("request %d held", i).isNotNull();
        assertThat(h.complete(200, Payload.text("answer " + i))).isTrue();
        assertThat(readResponse(in)).startsWith("HTTP/1.1 200").endsWith("answer " + i);
      }
    }
    assertThat(abandoned.getCount()).isEqualTo(1);
  }

  /** One response with a Content-Length body, as text. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the connection closed mid-response: " + head);
      }
      head.write(b);
    }
    String headers = head.toString(StandardCharsets.US_ASCII);
    int length = 0;
    for (String line : headers.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    byte[] body = in.readNBytes(length);
    return headers + new String(body, StandardCharsets.UTF_8);
  }
}
