package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpExchangeTest {
  private static final URI CHSK = URI.create("http://app.test/chsk");
  private static final Duration LONG = Duration.ofSeconds(30);

  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final List<ServerRequest> requests = new CopyOnWriteArrayList<>();
  private final CompletableFuture<HeldResponse> held = new CompletableFuture<>();
  private final CompletableFuture<Void> abandoned = new CompletableFuture<>();

  @AfterEach
  void close() {
    net.close();
  }

  private void serve(ServerAnswer answer) {
    net.bind(CHSK, recording(answer));
  }

  private ServerEndpoint recording(ServerAnswer answer) {
    return request -> {
      requests.add(request);
      return answer;
    };
  }

  private void serveHolding() {
    serve(new ServerAnswer.Hold(h -> {
      h.onAbandoned(() -> abandoned.complete(null));
      held.complete(h);
    }));
  }

  private CompletableFuture<HttpReply> get(String query, Duration timeout) {
    return net.clientTransport().request(new HttpCall("GET", URI.create(CHSK + query), Map.of(),
        Payload.binary(Bytes.EMPTY), null, timeout));
  }

  @Test
  void aGetReachesTheEndpointAsAPlainRequestAndItsResponseComesBack() {
    serve(new ServerAnswer.Respond(200, Payload.text("[:chsk/handshake [\"u\"]]")));
    HttpReply reply = Await.result(net.clientTransport().request(new HttpCall("GET",
        URI.create(CHSK + "?client-id=c1&handshake%3F=true"), Map.of("Cookie", List.of("s=1")),
        Payload.binary(Bytes.EMPTY), null, LONG)));
    assertThat(reply).isEqualTo(new HttpReply(200, Payload.text("[:chsk/handshake [\"u\"]]")));
    ServerRequest r = requests.get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.isWebSocketUpgrade()).isFalse();
    assertThat(r.path()).isEqualTo("/chsk");
    assertThat(r.queryParam("handshake?")).hasValue("true");
    assertThat(r.cookies()).containsEntry("s", "1");
    assertThat(r.remoteAddress().orElseThrow().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
  }

  @Test
  void aFormPostHasItsParamsParsedAndItsBodyKept() {
    serve(new ServerAnswer.Respond(200, Payload.text("ok")));
    String form = "client-id=c1&ppstr=%2B%5B%3Achsk%2Fws-ping%5D&csrf-token=a+b";
    Await.result(net.clientTransport().request(new HttpCall("POST", CHSK, Map.of(), Payload.text(form),
        "application/x-www-form-urlencoded; charset=UTF-8", LONG)));
    ServerRequest r = requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.formParam("ppstr")).hasValue("+[:chsk/ws-ping]");
    assertThat(r.param("csrf-token")).hasValue("a b");
    assertThat(r.header("content-type")).hasValue("application/x-www-form-urlencoded; charset=UTF-8");
    assertThat(r.body().asText()).isEqualTo(form);
  }

  @Test
  void anotherBodyIsKeptAsIsWithoutFormParams() {
    serve(new ServerAnswer.Respond(200, Payload.text("ok")));
    Payload body = Payload.binary(Bytes.fromHex("0102"));
    Await.result(net.clientTransport().request(new HttpCall("POST", CHSK,
        Map.of("Content-Type", List.of("application/octet-stream")), body, null, LONG)));
    assertThat(requests.get(0).formParams()).isEmpty();
    assertThat(requests.get(0).body()).isEqualTo(body);
    assertThat(requests.get(0).header("content-type")).hasValue("application/octet-stream");
  }

  @Test
  void aRejectIsAnHttpReplyWithTheStatusAndTextBody() {
    serve(new ServerAnswer.Reject(400, "Missing client-id"));
    assertThat(Await.result(get("", LONG))).isEqualTo(new HttpReply(400, Payload.text("Missing client-id")));
  }

  @Test
  void aHeldResponseCompletesTheReplyLaterOnce() {
    serveHolding();
    CompletableFuture<HttpReply> reply = get("?client-id=c1", LONG);
    HeldResponse h = Await.result(held);
    assertThat(h.isOpen()).isTrue();
    assertThat(reply).isNotDone();
    assertThat(h.complete(200, Payload.text("[[:chat/msg 1]]"))).isTrue();
    assertThat(h.complete(200, Payload.text("again"))).isFalse();
    assertThat(h.isOpen()).isFalse();
    assertThat(Await.result(reply)).isEqualTo(new HttpReply(200, Payload.text("[[:chat/msg 1]]")));
    assertThat(abandoned).isNotDone();
  }

  @Test
  void aHeldResponseIsAbandonedWhenTheCallTimesOut() {
    serveHolding();
    CompletableFuture<HttpReply> reply = get("?client-id=c1", Duration.ofMillis(300));
    HeldResponse h = Await.result(held);
    assertThat(Await.failure(reply)).isInstanceOf(HttpTimeoutException.class).hasMessageContaining("PT0.3S");
    Await.result(abandoned);
    assertThat(h.isOpen()).isFalse();
    assertThat(h.complete(200, Payload.text("too late"))).isFalse();
    CompletableFuture<Void> late = new CompletableFuture<>();
    h.onAbandoned(() -> late.complete(null));
    assertThat(late).isDone();
  }

  @Test
  void aHeldResponseIsAbandonedWhenTheClientCancels() {
    serveHolding();
    CompletableFuture<HttpReply> reply = get("", LONG);
    Await.result(held);
    reply.cancel(false);
    Await.result(abandoned);
    assertThat(Await.result(held).isOpen()).isFalse();
  }

  @Test
  void closingTheNetworkAbandonsHeldResponsesAndFailsTheirCalls() {
    serveHolding();
    CompletableFuture<HttpReply> reply = get("", LONG);
    Await.result(held);
    net.close();
    assertThat(Await.failure(reply)).isInstanceOf(ConnectException.class).hasMessageContaining("closed");
    Await.result(abandoned);
    assertThat(Await.failure(get("", LONG))).isInstanceOf(ConnectException.class);
  }

  @Test
  void anUnboundAddressIsRefused() {
    assertThat(Await.failure(get("", LONG))).isInstanceOf(ConnectException.class)
        .hasMessageContaining("http://app.test/chsk");
  }

  @Test
  void anUpgradeAnswerToAPlainRequestFailsClearly() {
    serve(new ServerAnswer.Upgrade(ch -> new Recorder()));
    assertThat(Await.failure(get("", LONG))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Upgrade");
  }

  @Test
  void anEndpointThatThrowsAnswers500() {
    net.bind(CHSK, request -> {
      throw new IllegalStateException("boom (expected in this test)");
    });
    assertThat(Await.result(get("", LONG)).status()).isEqualTo(500);
  }

  @Test
  void latencyDelaysTheRequestAndTheResponse() {
    serve(new ServerAnswer.Respond(204, Payload.text("")));
    net.setLatency(Duration.ofMillis(40));
    long start = System.nanoTime();
    Await.result(get("", LONG));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
  }
}
