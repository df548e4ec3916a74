package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.HttpCall;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The JDK client transport against a bare Jetty handler: ordering, message assembly, limits, headers, cookies. */
class JdkClientTransportTest {
  private final List<ServerRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Payload> serverGot = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Channel> serverSide = new CompletableFuture<>();
  /** Completed with the server side's close, as "code reason". */
  private final java.util.concurrent.atomic.AtomicReference<CompletableFuture<String>> serverClose =
      new java.util.concurrent.atomic.AtomicReference<>(new CompletableFuture<>());
  private JettyChannelServer jetty;

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  /** A server whose every upgrade is accepted; what the client sends is recorded. */
  private URI serve(int maxFrameBytes) {
    ServerEndpoint endpoint = request -> {
      requests.add(request);
      if (!request.isWebSocketUpgrade()) {
        return new ServerAnswer.Respond(200, Payload.text("ok"));
      }
      return new ServerAnswer.Upgrade(channel -> {
        serverSide.complete(channel);
        return new ChannelListener() {
          @Override
          public void onMessage(Payload payload) {
            serverGot.add(payload);
          }

          @Override
          public void onClose(int code, String reason) {
            serverClose.get().complete(code + " " + reason);
          }

          @Override
          public void onError(Throwable error) {}
        };
      });
    };
    jetty = JettyChannelServer.builder(endpoint).host("127.0.0.1").port(0)
        .handler(h -> h.maxFrameBytes(maxFrameBytes)).start();
    return URI.create(jetty.webSocketUri() + "?client-id=c");
  }

  private record Recorder(List<Payload> got, CompletableFuture<Integer> closed) implements ChannelListener {
    @Override
    public void onMessage(Payload payload) {
      got.add(payload);
    }

    @Override
    public void onClose(int code, String reason) {
      closed.complete(code);
    }

    @Override
    public void onError(Throwable error) {}
  }

  @Test
  @Timeout(60)
  void manySendsFromManyThreadsGoOutOneAtATimeInOrderPerThread() throws Exception {
    URI uri = serve(1 << 20);
    Channel ws = JdkClientTransport.create().openWebSocket(uri, Map.of(),
        new Recorder(new ArrayList<>(), new CompletableFuture<>())).get(10, TimeUnit.SECONDS);
    int threads = 4;
    int each = 500;
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      senders.add(new Thread(() -> {
        for (int i = 0; i < each; i++) {
          ws.send(id % 2 == 0 ? Payload.text(id + ":" + i) : Payload.binary(Bytes.wrap((id + ":" + i).getBytes())));
        }
      }));
    }
    senders.forEach(Thread::start);
    for (Thread t : senders) {
      t.join();
    }
    await("every message", () -> serverGot.size() == threads * each);
    for (int t = 0; t < threads; t++) {
      String prefix = t + ":";
      boolean text = t % 2 == 0;
      List<String> mine = serverGot.stream().filter(p -> p.isText() == text).map(Payload::asText)
          .filter(s -> s.startsWith(prefix)).toList();
      assertThat(mine).hasSize(each);
      for (int i = 0; i < each; i++) {
        assertThat(mine.get(i)).isEqualTo(prefix + i);
      }
    }
  }

  @Test
  @Timeout(60)
  void aLargeMessageArrivingInPartsIsJoinedUpToTheLimitAndOneByteOverCloses1009() throws Exception {
    int limit = 600_000;
    URI uri = serve(limit);
    List<Payload> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    JdkClientTransport client = JdkClientTransport.builder().maxFrameBytes(limit).build();
    client.openWebSocket(uri, Map.of(), new Recorder(got, closed)).get(10, TimeUnit.SECONDS);
    Channel server = serverSide.get(10, TimeUnit.SECONDS);
    char[] text = new char[limit / 2];
    Arrays.fill(text, 'é');
    byte[] bytes = new byte[limit];
    Arrays.fill(bytes, (byte) 7);
    server.send(Payload.text(new String(text))).get(10, TimeUnit.SECONDS);
    server.send(Payload.binary(Bytes.wrap(bytes))).get(10, TimeUnit.SECONDS);
    await("both messages whole", () -> got.size() == 2);
    assertThat(got.get(0).asText()).isEqualTo(new String(text));
    assertThat(got.get(1).asBytes().length()).isEqualTo(limit);
    server.send(Payload.binary(Bytes.wrap(new byte[limit + 1])));
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    assertThat(got).hasSize(2);
  }

  @Test
  @Timeout(60)
  void aCallersFrameLimitOfOneByteBoundsItsWebSocketAndLessIsRefused() throws Exception {
    URI uri = serve(1 << 20);
    List<Payload> got = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    Recorder recorder = new Recorder(got, closed);
    JdkClientTransport client = JdkClientTransport.create();
    HttpCall call = new HttpCall("GET", URI.create(uri.toString().replace("ws:", "http:")), Map.of(),
        Payload.text(""), null, Duration.ofSeconds(5));
    assertThatThrownBy(() -> client.openWebSocket(uri, Map.of(), recorder, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFrameBytes must be at least 1: 0");
    assertThatThrownBy(() -> client.request(call, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxFrameBytes must be at least 1: 0");
    client.openWebSocket(uri, Map.of(), recorder, 1).get(10, TimeUnit.SECONDS);
    Channel server = serverSide.get(10, TimeUnit.SECONDS);
    server.send(Payload.text("a")).get(10, TimeUnit.SECONDS);
    await("the one-byte message", () -> got.size() == 1);
    assertThat(got.get(0).asText()).isEqualTo("a");
    server.send(Payload.text("ab"));
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    assertThat(got).hasSize(1);
  }

  /**
   * The core answers the transport's {@code MessageTooLargeException} by closing the channel with too-large, as a
   * listener here does: the server must then see this side's one close frame (1011, the JDK cannot send 1009, with
   * the reason), not a connection cut by a second close that fails and aborts the socket.
   */
  @Test
  @Timeout(60)
  void aListenerClosingOnTheTooLargeErrorLeavesOneCloseFrameForTheServer() throws Exception {
    int limit = 1000;
    URI uri = serve(1 << 20);
    CompletableFuture<Integer> clientClosed = new CompletableFuture<>();
    CompletableFuture<Channel> mine = new CompletableFuture<>();
    JdkClientTransport client = JdkClientTransport.builder().maxFrameBytes(limit).build();
    Channel channel = client.openWebSocket(uri, Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {}

      @Override
      public void onClose(int code, String reason) {
        clientClosed.complete(code);
      }

      @Override
      public void onError(Throwable error) {
        mine.join().close(1009, "too-large"); // what the core does on a MessageTooLargeException
      }
    }).get(10, TimeUnit.SECONDS);
    mine.complete(channel);
    Channel server = serverSide.get(10, TimeUnit.SECONDS);
    CompletableFuture<String> serverClosed = serverClose.get();
    server.send(Payload.binary(Bytes.wrap(new byte[limit + 1])));
    assertThat(clientClosed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    assertThat(serverClosed.get(10, TimeUnit.SECONDS)).isEqualTo("1011 too-large");
  }

  @Test
  @Timeout(60)
  void extraHeadersAndCookiesGoOnUpgradesAndAjaxRequests() throws Exception {
    URI uri = serve(1 << 20);
    CookieManager cookies = new CookieManager();
    HttpCookie session = new HttpCookie("session", "s3cr3t");
    session.setPath("/");
    session.setVersion(0);
    cookies.getCookieStore().add(URI.create("http://127.0.0.1/"), session);
    JdkClientTransport client = JdkClientTransport.builder().header("Authorization", "Bearer t0k3n")
        .cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    client.openWebSocket(uri, Map.of("Origin", List.of("https://app.test")),
        new Recorder(new ArrayList<>(), new CompletableFuture<>())).get(10, TimeUnit.SECONDS);
    URI http = URI.create(uri.toString().replace("ws:", "http:"));
    assertThat(client.request(new HttpCall("GET", http, Map.of(), Payload.text(""), null, Duration.ofSeconds(5)))
        .get(10, TimeUnit.SECONDS).body().asText()).isEqualTo("ok");
    assertThat(requests).hasSize(2);
    for (ServerRequest r : requests) {
      assertThat(r.header("authorization")).hasValue("Bearer t0k3n");
      assertThat(r.cookies()).containsEntry("session", "s3cr3t");
    }
    assertThat(requests.get(0).header("origin")).hasValue("https://app.test");
  }

  /**
   * A request's own header (a fresh token from the client's headers supplier) replaces the transport's header of the
   * same name whatever the case of either name: HTTP names are case-insensitive, and sending both made a server that
   * reads the first value see the transport's stale one.
   */
  @Test
  @Timeout(60)
  void aRequestHeaderReplacesTheTransportsHeaderOfTheSameNameInAnyCase() throws Exception {
    URI uri = serve(1 << 20);
    JdkClientTransport client = JdkClientTransport.builder().header("Authorization", "Bearer old")
        .header("X-Kept", "yes").build();
    Map<String, List<String>> fresh = Map.of("authorization", List.of("Bearer new"));
    client.openWebSocket(uri, fresh, new Recorder(new ArrayList<>(), new CompletableFuture<>()))
        .get(10, TimeUnit.SECONDS);
    URI http = URI.create(uri.toString().replace("ws:", "http:"));
    client.request(new HttpCall("GET", http, fresh, Payload.text(""), null, Duration.ofSeconds(5)))
        .get(10, TimeUnit.SECONDS);
    assertThat(requests).hasSize(2);
    for (ServerRequest r : requests) {
      assertThat(r.headers().get("authorization")).containsExactly("Bearer new");
      assertThat(r.headers().get("x-kept")).containsExactly("yes");
    }
  }

  @Test
  @Timeout(60)
  void aClosedSocketFailsSendsAndClosesOnce() throws Exception {
    URI uri = serve(1 << 20);
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    Channel ws = JdkClientTransport.create().openWebSocket(uri, Map.of(),
        new Recorder(new ArrayList<>(), closed)).get(10, TimeUnit.SECONDS);
    serverSide.get(10, TimeUnit.SECONDS).close(4003, "unauthorized");
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(4003);
    assertThat(ws.isOpen()).isFalse();
    assertThat(ws.send(Payload.text("late"))).failsWithin(Duration.ofSeconds(5));
  }
}
