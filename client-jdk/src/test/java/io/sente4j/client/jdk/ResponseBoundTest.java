package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.internal.BodyBound;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bound on an Ajax response body: three times the frame limit plus 4 KiB, and never past the largest array,
 * which holds the body. A body declared past it is refused unread; one that streams past it is refused as it does.
 */
class ResponseBoundTest {
  /** The largest frame limit whose bound, three times it plus 4 KiB, still fits in an array. */
  private static final int LAST_UNCAPPED = (BodyBound.MAX_BYTES - 4096) / 3;

  private final List<JdkClientTransport> transports = new ArrayList<>();
  private OneResponseServer server;

  @AfterEach
  void stop() throws IOException {
    transports.forEach(JdkClientTransport::close);
    if (server != null) {
      server.close();
    }
  }

  /**
   * The outcome of a GET whose response is {@code head}, then {@code body} bytes and the end of the connection (or,
   * for a negative {@code body}, nothing until the client leaves).
   */
  private CompletableFuture<HttpReply> get(int maxFrameBytes, String head, int body) throws IOException {
    server = new OneResponseServer(head, body);
    JdkClientTransport transport = JdkClientTransport.builder().maxFrameBytes(maxFrameBytes).build();
    transports.add(transport);
    return transport.request(new HttpCall("GET", server.uri(), Map.of(), Payload.text(""), null,
        Duration.ofSeconds(20)));
  }

  private static String declaring(long length) {
    return "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n\r\n";
  }

  private static Throwable failure(CompletableFuture<HttpReply> reply) {
    assertThatThrownBy(() -> reply.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
    return reply.handle((r, e) -> e).join();
  }

  /**
   * The bound was three times the frame limit plus 4 KiB, uncapped: past the largest array a body declared larger
   * than the array was read, into a buffer that cannot hold it.
   */
  @Test
  @Timeout(60)
  void aBodyDeclaredPastTheLargestArrayIsRefusedUnreadUnderAHugeFrameLimit() throws Exception {
    Throwable refused = failure(get(LAST_UNCAPPED + 1, declaring(BodyBound.MAX_BYTES + 1L), -1));
    assertThat(refused).isInstanceOf(Sente4jException.class).hasMessage("the response to GET /chsk is over the "
        + "limit of 2147483639 bytes (three times the frame limit of 715826515 bytes plus 4 KiB, capped at the "
        + "largest array): it declares 2147483640 bytes");
    server.left.get(10, TimeUnit.SECONDS); // the client closed the connection without waiting for the body
  }

  @Test
  @Timeout(60)
  void aBodyDeclaredAtTheLargestArrayIsReadUnderAHugeFrameLimit() throws Exception {
    // Read, not refused: the server ends the connection after 10 bytes, which the client finds reading.
    Throwable cut = failure(get(LAST_UNCAPPED + 1, declaring(BodyBound.MAX_BYTES), 10));
    assertThat(cut).isNotInstanceOf(Sente4jException.class).isInstanceOf(IOException.class);
  }

  @Test
  @Timeout(60)
  void belowTheCapABodyDeclaredAtTheBoundIsReadAndOneByteOverIsRefused() throws Exception {
    Throwable cut = failure(get(LAST_UNCAPPED, declaring(3L * LAST_UNCAPPED + 4096), 10));
    assertThat(cut).isNotInstanceOf(Sente4jException.class).isInstanceOf(IOException.class);
    server.close();
    Throwable refused = failure(get(LAST_UNCAPPED, declaring(3L * LAST_UNCAPPED + 4097), -1));
    assertThat(refused).isInstanceOf(Sente4jException.class).hasMessage("the response to GET /chsk is over the "
        + "limit of 2147483638 bytes (three times the frame limit of 715826514 bytes plus 4 KiB): it declares "
        + "2147483639 bytes");
  }

  @Test
  @Timeout(60)
  void aBodyOfUndeclaredLengthIsReadUpToTheBoundAndRefusedOneByteOver() throws Exception {
    String undeclared = "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
    HttpReply atBound = get(1, undeclared, 4099).get(30, TimeUnit.SECONDS);
    assertThat(atBound.body().asBytes().length()).isEqualTo(4099);
    server.close();
    Throwable refused = failure(get(1, undeclared, 4100));
    assertThat(refused).isInstanceOf(Sente4jException.class)
        .hasMessageStartingWith("the response to GET /chsk is over the limit of 4099 bytes (three times the frame "
            + "limit of 1 bytes plus 4 KiB): it has at least ");
  }
}
