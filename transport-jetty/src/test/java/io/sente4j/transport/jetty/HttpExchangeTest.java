package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The handler's HTTP side over loopback: what reaches the endpoint, and how its answers are written. */
class HttpExchangeTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<ServerRequest> seen = new CopyOnWriteArrayList<>();
  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI start(io.sente4j.core.ServerEndpoint endpoint, int maxFrameBytes) {
    return start(endpoint, maxFrameBytes, Duration.ofMinutes(2));
  }

  private URI start(io.sente4j.core.ServerEndpoint endpoint, int maxFrameBytes, Duration idle) {
    server = JettyChannelServer.builder(r -> {
      seen.add(r);
      return endpoint.handle(r);
    }).host("127.0.0.1").port(0).httpIdleTimeout(idle).handler(h -> h.maxFrameBytes(maxFrameBytes)).start();
    return server.httpUri();
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Timeout(30)
  void respondIsWrittenAsTextWithNoStore() throws Exception {
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("[:chsk/handshake [\"u\" nil]]")), 1024);
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c1&handshake%3F=1&a=x+y"))
        .header("X-CSRF-Token", "t").header("Cookie", "session=abc; theme=dark"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(r.body()).isEqualTo("[:chsk/handshake [\"u\" nil]]");
    ServerRequest req = seen.get(0);
    assertThat(req.method()).isEqualTo("GET");
    assertThat(req.path()).isEqualTo("/chsk");
    assertThat(req.isWebSocketUpgrade()).isFalse();
    assertThat(req.queryParam("client-id")).hasValue("c1");
    assertThat(req.queryParam("handshake?")).hasValue("1");
    assertThat(req.queryParam("a")).hasValue("x y");
    assertThat(req.header("x-csrf-token")).hasValue("t");
    assertThat(req.cookies()).containsEntry("session", "abc").containsEntry("theme", "dark");
    assertThat(req.remoteAddress()).isPresent();
  }

  @Test
  @Timeout(30)
  void binaryRespondIsOctetStream() throws Exception {
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.binary(io.sente4j.core.Bytes.copyOf(new byte[] {1, 2}))),
        1024);
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c1")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.headers().firstValue("content-type")).hasValue("application/octet-stream");
    assertThat(r.body()).containsExactly(1, 2);
  }

  @Test
  @Timeout(30)
  void formPostReachesTheEndpointWithItsFields() throws Exception {
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("ok")), 1024);
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("udt=1&client-id=c2&ppstr=%5B%5B%3Akit%2Fx%5D+nil%5D")));
    assertThat(r.statusCode()).isEqualTo(200);
    ServerRequest req = seen.get(0);
    assertThat(req.method()).isEqualTo("POST");
    assertThat(req.formParam("ppstr")).hasValue("[[:kit/x] nil]");
    assertThat(req.param("client-id")).hasValue("c2");
  }

  /**
   * Each parameter costs far more memory than its bytes: a form body of 3 MiB (the bound for the default frame limit)
   * of {@code a&a&...} was decoded into over a million parameters, some 170 MiB allocated for one POST.
   */
  @Test
  @Timeout(30)
  void parametersUpToTheDefaultLimitAreDecodedAndOneMoreIs400Undecoded() throws Exception {
    URI uri = URI.create(start(r -> new ServerAnswer.Respond(200, Payload.text("ok")), 1 << 20) + "?client-id=c&&a=1");
    String form = "b=2&&" + "b&".repeat(997); // 2 in the query, 998 in the form (empty pairs do not count)
    HttpResponse<String> atLimit = send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(atLimit.statusCode()).isEqualTo(200);
    assertThat(seen.get(0).queryParams()).containsOnlyKeys("client-id", "a");
    assertThat(seen.get(0).formParams().get("b")).hasSize(998).startsWith("2", "");

    HttpResponse<String> formOver = send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form + "c")));
    assertThat(formOver.statusCode()).isEqualTo(400);
    assertThat(formOver.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(formOver.body()).isEqualTo("Too many parameters: over 1000 in the query string and form body");
    HttpResponse<String> queryOver = send(HttpRequest.newBuilder(URI.create(uri + "&" + "q&".repeat(999))));
    assertThat(queryOver.statusCode()).isEqualTo(400);
    assertThat(seen).hasSize(1);
  }

  @Test
  @Timeout(30)
  void maxParametersSetsTheLimit() throws Exception {
    server = JettyChannelServer.builder(r -> {
      seen.add(r);
      return new ServerAnswer.Respond(200, Payload.text("ok"));
    }).host("127.0.0.1").port(0).handler(h -> h.maxParameters(2)).start();
    assertThat(send(HttpRequest.newBuilder(URI.create(server.httpUri() + "?client-id=c&a"))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> over = send(HttpRequest.newBuilder(URI.create(server.httpUri() + "?client-id=c&a&b")));
    assertThat(over.statusCode()).isEqualTo(400);
    assertThat(over.body()).isEqualTo("Too many parameters: over 2 in the query string and form body");
    assertThat(seen).hasSize(1);
  }

  @Test
  void maxParametersDefaultsTo1000AndMustBePositive() {
    assertThat(JettyChannelHandler.Builder.DEFAULT_MAX_PARAMETERS).isEqualTo(1000);
    assertThatThrownBy(() -> JettyChannelHandler.builder(r -> null).maxParameters(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxParameters must be at least 1: 0");
  }

  @Test
  @Timeout(30)
  void aBodyUpToThreeTimesTheFrameLimitPlus4KibIsReadAndOneByteMoreIs413() throws Exception {
    int limit = 1000;
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("read " + r.body().byteLength())), limit);
    int max = 3 * limit + 4096;
    assertThat(server.jetty().getDescendant(JettyChannelHandler.class)).isNotNull();
    HttpResponse<String> atLimit = send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c&binary%3F=true"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[max])));
    assertThat(atLimit.statusCode()).isEqualTo(200);
    assertThat(atLimit.body()).isEqualTo("read " + max);
    HttpResponse<String> over = send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c&binary%3F=true"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[max + 1])));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(over.body()).contains(String.valueOf(max));
    assertThat(seen).hasSize(1);
  }

  @Test
  @Timeout(30)
  void aChunkedBodyUpToTheBoundIsReadWholeAndOneByteMoreIs413() throws Exception {
    int limit = 1000;
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("read " + r.body().byteLength())), limit);
    int max = 3 * limit + 4096;
    byte[] atLimit = new byte[max];
    for (int i = 0; i < max; i++) {
      atLimit[i] = (byte) (i * 31 + i / 256);
    }
    // A publisher of unknown length makes the JDK send the body chunked, without a Content-Length: the handler
    // cannot size the body up front and grows it as it arrives.
    HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c&binary%3F=true"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(atLimit))));
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).isEqualTo("read " + max);
    assertThat(seen.get(0).body().asBytes().toByteArray()).isEqualTo(atLimit);
    HttpResponse<String> over = send(HttpRequest.newBuilder(URI.create(uri + "?client-id=c&binary%3F=true"))
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(new byte[max + 1]))));
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).contains("over " + max + " bytes");
    assertThat(seen).hasSize(1);
  }

  @Test
  @Timeout(30)
  void anOverLargeChunkedBodyCompletesTheExchangeOnceAndNeverFailsTheRequest() throws Exception {
    // Failing the request after the 413 had completed the exchange reached a recycled request inside Jetty
    // (a NullPointerException logged by SerializedInvoker); failing it before would have aborted the 413.
    int limit = 100;
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    ExchangeRecorder recorder = new ExchangeRecorder(JettyChannelHandler.builder(r -> {
      seen.add(r);
      return new ServerAnswer.Respond(200, Payload.text("read"));
    }).maxFrameBytes(limit).build());
    jetty.setHandler(recorder);
    jetty.start();
    try {
      URI uri = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/chsk?client-id=c");
      byte[] big = new byte[3 * limit + 4096 + 1];
      HttpResponse<String> over = send(HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofByteArray(big))));
      assertThat(over.statusCode()).isEqualTo(413);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!recorder.settled() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(recorder.settled()).as("the handler let go of the exchange").isTrue();
      assertThat(recorder.events()).containsExactly("succeeded");
      assertThat(seen).isEmpty();
    } finally {
      jetty.stop();
    }
  }

  /**
   * A client that sends part of a POST body and then nothing was answered at the HTTP idle timeout by Jetty's own
   * 500 page, naming the TimeoutException: a server error, for what is the client's delay.
   */
  @Test
  @Timeout(30)
  void aPostBodyThatStallsIsAnswered408AtTheIdleTimeout() throws Exception {
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("read")), 1024, Duration.ofMillis(300));
    try (Socket s = new Socket("127.0.0.1", uri.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /chsk?client-id=c HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
          + "Content-Length: 100\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String head = TestWebSockets.readHead(in);
      assertThat(head).startsWith("HTTP/1.1 408 ").containsIgnoringCase("content-type: text/plain; charset=utf-8");
      String body = new String(in.readNBytes(contentLength(head)), StandardCharsets.UTF_8);
      assertThat(body).isEqualTo("Request Timeout: the request body stopped arriving (after 3 of 100 bytes)");
      assertThat(in.read()).as("the connection, with the rest of the body unread, is closed").isEqualTo(-1);
    }
    assertThat(seen).isEmpty();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    throw new AssertionError("no Content-Length in " + head);
  }

  @Test
  @Timeout(30)
  void method405CarriesAllow() throws Exception {
    URI uri = start(r -> new ServerAnswer.Reject(405, "Method not allowed; use GET or POST"), 1024);
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri).method("PUT", HttpRequest.BodyPublishers.noBody()));
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("allow")).hasValue("GET, POST");
    assertThat(r.body()).isEqualTo("Method not allowed; use GET or POST");
  }

  @Test
  @Timeout(30)
  void otherPathsAreNotServed() throws Exception {
    URI uri = start(r -> new ServerAnswer.Respond(200, Payload.text("x")), 1024);
    HttpResponse<String> r = send(HttpRequest.newBuilder(uri.resolve("/other")));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(seen).isEmpty();
  }

  @Test
  @Timeout(30)
  void aHeldResponseIsCompletedLaterFromAnotherThread() throws Exception {
    AtomicReference<HeldResponse> held = new AtomicReference<>();
    URI uri = start(r -> new ServerAnswer.Hold(held::set), 1024);
    var pending = http.sendAsync(HttpRequest.newBuilder(URI.create(uri + "?client-id=c")).build(),
        HttpResponse.BodyHandlers.ofString());
    while (held.get() == null) {
      Thread.sleep(5);
    }
    Thread.sleep(100);
    assertThat(pending).isNotDone();
    new Thread(() -> held.get().complete(200, Payload.text("[:chsk/timeout nil]"))).start();
    HttpResponse<String> r = pending.get(10, TimeUnit.SECONDS);
    assertThat(r.body()).isEqualTo("[:chsk/timeout nil]");
    assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
    assertThat(held.get().isOpen()).isFalse();
    assertThat(held.get().complete(200, Payload.text("again"))).isFalse();
  }

  @Test
  @Timeout(30)
  void aHeldResponseWhoseClientWentAwayIsAbandonedAtTheIdleTimeout() throws Exception {
    AtomicReference<HeldResponse> held = new AtomicReference<>();
    CountDownLatch abandoned = new CountDownLatch(1);
    URI uri = start(r -> new ServerAnswer.Hold(h -> {
      h.onAbandoned(abandoned::countDown);
      held.set(h);
    }), 1024, Duration.ofMillis(500));
    try (Socket s = new Socket("127.0.0.1", uri.getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("GET /chsk?client-id=c HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      while (held.get() == null) {
        Thread.sleep(5);
      }
    }
    assertThat(abandoned.await(10, TimeUnit.SECONDS)).as("the abandon action ran").isTrue();
    assertThat(held.get().isOpen()).isFalse();
    assertThat(held.get().complete(200, Payload.text("late"))).isFalse();
  }

  @Test
  @Timeout(30)
  void mountsBesideTheApplicationsOwnHandlers() throws Exception {
    org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server();
    org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(jetty);
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    org.eclipse.jetty.server.Handler app = new org.eclipse.jetty.server.Handler.Abstract() {
      @Override
      public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
          org.eclipse.jetty.util.Callback callback) {
        org.eclipse.jetty.io.Content.Sink.write(response, true, "app", callback);
        return true;
      }
    };
    jetty.setHandler(new org.eclipse.jetty.server.Handler.Sequence(
        JettyChannelHandler.builder(r -> new ServerAnswer.Respond(200, Payload.text("chsk"))).path("/ws").build(),
        app));
    jetty.start();
    try {
      String base = "http://127.0.0.1:" + connector.getLocalPort();
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/ws?client-id=c"))).body()).isEqualTo("chsk");
      assertThat(send(HttpRequest.newBuilder(URI.create(base + "/index.html"))).body()).isEqualTo("app");
    } finally {
      jetty.stop();
    }
  }

  static String read(InputStream in) throws java.io.IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }
}
