package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.Via;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Ajax path over HTTP/2 ({@code JettyChannelServer.Builder.http2(true)}), h2c on a plain connector and h2
 * through ALPN on a TLS one, driven by the JDK's HttpClient asking for HTTP/2: the handshake, a parked poll answered
 * by a push, and a POST answered with its reply (PROTOCOL.md §5).
 */
class Http2AjaxTest {
  private static final Keyword ECHO = Keyword.of("h2", "echo");
  private static final Keyword NOTE = Keyword.of("h2", "note");

  private final Packer edn = PackerRegistry.load().get("edn");
  private final FrameCodec codec = new FrameCodec(edn);

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  @Timeout(60)
  void handshakePollAndPostOverHttp2(boolean tls) throws Exception {
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> "alice")
        .eventHandler(ServerRouter.builder().onRequest(ECHO, EventMessage::data).build()).build();
    JettyChannelServer.Builder b = JettyChannelServer.builder(server).host("127.0.0.1").port(0).http2(true);
    if (tls) {
      b.tls(SelfSignedTls.server());
    }
    HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2);
    if (tls) {
      hb.sslContext(SelfSignedTls.context());
    }
    HttpClient http = hb.build();
    try (JettyChannelServer jetty = b.start()) {
      URI base = jetty.httpUri();
      assertThat(base.getScheme()).isEqualTo(tls ? "https" : "http");

      HttpResponse<String> hs = get(http, URI.create(base + "?client-id=c1&udt=1&handshake%3F=1")).join();
      assertThat(hs.statusCode()).isEqualTo(200);
      Frame handshake = codec.decode(Payload.text(hs.body()), Direction.FROM_SERVER, Via.AJAX_POLL);
      assertThat(handshake).isInstanceOfSatisfying(Frame.Handshake.class, h -> assertThat(h.uid()).isEqualTo("alice"));

      CompletableFuture<HttpResponse<String>> poll = get(http, URI.create(base + "?client-id=c1&udt=2"));
      server.sendNow("alice", Event.of(NOTE, "pushed over h2"));
      HttpResponse<String> pushed = poll.get(30, TimeUnit.SECONDS);
      assertThat(pushed.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(pushed.statusCode()).isEqualTo(200);
      assertThat(codec.decode(Payload.text(pushed.body()), Direction.FROM_SERVER, Via.AJAX_POLL))
          .isEqualTo(new Frame.Push(List.of(Event.of(NOTE, "pushed over h2"))));

      String frame = codec.encode(new Frame.AjaxEvent(Event.of(ECHO, "asked over h2"), true)).asText();
      String form = "udt=3&client-id=c1&ppstr=" + URLEncoder.encode(frame, StandardCharsets.UTF_8);
      HttpResponse<String> posted = http.sendAsync(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString())
          .get(30, TimeUnit.SECONDS);
      assertThat(posted.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(posted.statusCode()).isEqualTo(200);
      assertThat(codec.decode(Payload.text(posted.body()), Direction.FROM_SERVER, Via.AJAX_POST))
          .isEqualTo(new Frame.AjaxReply("asked over h2"));
    } finally {
      server.stop();
    }
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  @Timeout(60)
  void aPollWhoseStreamIsResetIsNoticedAtOnce(boolean tls) throws Exception {
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> "alice")
        // The grace also bounds the gap between the handshake and the first poll: a client that polls later is
        // forgotten and its poll answered with a new handshake, never parked. Short next to the 20 s the test waits.
        .ajaxDisconnectGrace(Duration.ofSeconds(2))
        .longPollTimeout(Duration.ofSeconds(55)).build(); // well past the 20 s the test waits
    JettyChannelServer.Builder b = JettyChannelServer.builder(server).host("127.0.0.1").port(0).http2(true);
    HttpClient.Builder hb = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2);
    if (tls) {
      b.tls(SelfSignedTls.server());
      hb.sslContext(SelfSignedTls.context());
    }
    HttpClient http = hb.build();
    try (JettyChannelServer jetty = b.start()) {
      URI base = jetty.httpUri();
      assertThat(get(http, URI.create(base + "?client-id=c1&udt=1&handshake%3F=1")).join().statusCode())
          .isEqualTo(200);
      CompletableFuture<HttpResponse<String>> poll = get(http, URI.create(base + "?client-id=c1&udt=2"));
      LoopbackIntegrationTest.await("the poll to park", () -> server.connectedUids().ajax().contains("alice"));
      poll.cancel(true); // the JDK resets the stream; the connection stays open for other streams
      LoopbackIntegrationTest.await("the server to see the poll go, long before its timeout",
          () -> server.connectedUids().ajax().isEmpty());
    } finally {
      server.stop();
    }
  }

  private static CompletableFuture<HttpResponse<String>> get(HttpClient http, URI uri) {
    return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
