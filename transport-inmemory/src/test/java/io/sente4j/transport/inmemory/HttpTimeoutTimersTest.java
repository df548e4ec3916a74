package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An answered HTTP exchange leaves no timer behind: the timeout of each request used to stay queued for its whole
 * length, holding the request and its answer, so a stream of Ajax polls with the client's 60 s timeout kept a minute
 * of answers alive (found by the Ajax push benchmark, where it cost seconds of garbage collection per second).
 */
class HttpTimeoutTimersTest {
  private static final URI CHSK = URI.create("http://app.test/chsk");

  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  private CompletableFuture<HttpReply> get(Duration timeout) {
    return net.clientTransport().request(new HttpCall("GET", CHSK, Map.of(), Payload.binary(Bytes.EMPTY), null,
        timeout));
  }

  @Test
  void answeredRequestsCancelTheirTimeouts() {
    net.bind(CHSK, request -> new ServerAnswer.Respond(200, Payload.text("ok")));
    List<CompletableFuture<HttpReply>> replies = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      replies.add(get(Duration.ofSeconds(60)));
    }
    for (CompletableFuture<HttpReply> r : replies) {
      assertThat(Await.result(r).status()).isEqualTo(200);
    }
    Await.until(() -> net.io().queued() == 0, "no timer left in the I/O pool's queue");
  }

  @Test
  void anUnansweredRequestStillTimesOut() {
    net.bind(CHSK, request -> new ServerAnswer.Hold(held -> {}));
    assertThat(Await.failure(get(Duration.ofMillis(50)))).isInstanceOf(HttpTimeoutException.class);
  }
}
