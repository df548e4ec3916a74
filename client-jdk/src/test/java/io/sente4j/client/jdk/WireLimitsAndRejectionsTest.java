package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.EventMessage;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.UpgradeRefusedException;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Frames at the frame limit and one byte over, on both paths, and the security checks' refusals as HTTP statuses,
 * over loopback with hand-made requests (PROTOCOL.md §5.6, §6, §11.2).
 */
class WireLimitsAndRejectionsTest {
  private static final int LIMIT = 2000;
  private static final Keyword NOTE = Keyword.of("it", "note");

  private final Packer edn = PackerRegistry.load().get("edn", PackerLimits.builder().maxInputBytes(LIMIT).build());
  private final JdkClientTransport transport = JdkClientTransport.create();
  private final List<EventMessage> received = new CopyOnWriteArrayList<>();
  private ChannelSocketServer server;
  private JettyChannelServer jetty;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  private void start(java.util.function.Consumer<ChannelSocketServer.Builder> options) {
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(edn)
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .eventHandler(msg -> {
          if (!msg.event().isReserved()) {
            received.add(msg);
          }
        });
    options.accept(b);
    server = b.build();
    jetty = JettyChannelServer.builder(server).host("127.0.0.1").port(0).handler(h -> h.maxFrameBytes(LIMIT)).start();
  }

  /** An edn client event frame {@code [[:it/note "aaa…"] nil]} exactly {@code size} bytes long. */
  private static String frameOf(int size) {
    String head = "[[:it/note \"";
    String tail = "\"] nil]";
    return head + "a".repeat(size - head.length() - tail.length()) + tail;
  }

  /** Records what a raw WebSocket sees. */
  private static final class Seen implements ChannelListener {
    final List<Payload> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final CompletableFuture<String> closeReason = new CompletableFuture<>();

    @Override
    public void onMessage(Payload payload) {
      messages.add(payload);
    }

    @Override
    public void onClose(int code, String reason) {
      closed.complete(code);
      closeReason.complete(reason);
    }

    @Override
    public void onError(Throwable error) {}
  }

  /** A server without the CSRF check, and a raw WebSocket to it, open and past its handshake. */
  private Channel handshakenWebSocket(Seen seen) throws Exception {
    start(ChannelSocketServer.Builder::withoutCsrfCheck);
    URI uri = URI.create(jetty.webSocketUri() + "?uid=alice&client-id=c1");
    Channel ws = transport.openWebSocket(uri, Map.of(), seen).get(10, TimeUnit.SECONDS);
    await("the handshake", () -> !seen.messages.isEmpty());
    return ws;
  }

  private static void assertClosedTooLarge(Seen seen) throws Exception {
    assertThat(seen.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    assertThat(seen.closeReason.get(10, TimeUnit.SECONDS)).isEqualTo("too-large");
  }

  @Test
  @Timeout(60)
  void aWebSocketMessageAtTheLimitIsReadAndOneByteOverClosesWith1009() throws Exception {
    Seen seen = new Seen();
    Channel ws = handshakenWebSocket(seen);
    ws.send(Payload.text(frameOf(LIMIT))).get(10, TimeUnit.SECONDS);
    await("the event at the limit", () -> received.size() == 1);
    assertThat(received.get(0).id()).isEqualTo(NOTE);
    assertThat((String) received.get(0).data()).hasSize(LIMIT - "[[:it/note \"\"] nil]".length());
    assertThat(ws.isOpen()).isTrue();

    ws.send(Payload.text(frameOf(LIMIT + 1)));
    assertClosedTooLarge(seen);
    assertThat(received).hasSize(1);
    await("the bad frame counted", () -> server.metrics().badFrames()
        .getOrDefault(io.sente4j.core.FrameException.Reason.UNPACKABLE, 0L) == 1);
  }

  @Test
  @Timeout(60)
  void aMessageFarOverTheLimitIsRefusedAsItArrivesWith1009() throws Exception {
    Seen seen = new Seen();
    Channel ws = handshakenWebSocket(seen);
    ws.send(Payload.text(frameOf(LIMIT * 50)));
    assertClosedTooLarge(seen);
    assertThat(received).isEmpty();
  }

  @Test
  @Timeout(60)
  void aBinaryMessageOneByteOverTheLimitClosesWith1009() throws Exception {
    Seen seen = new Seen();
    Channel ws = handshakenWebSocket(seen);
    ws.send(Payload.binary(io.sente4j.core.Bytes.wrap(new byte[LIMIT + 1])));
    assertClosedTooLarge(seen);
    assertThat(received).isEmpty();
  }

  private HttpReply post(String frame) throws Exception {
    String form = "client-id=c2&udt=1&ppstr=" + URLEncoder.encode(frame, StandardCharsets.UTF_8);
    return transport.request(new HttpCall("POST", URI.create(jetty.httpUri() + "?uid=alice"), Map.of(),
        Payload.text(form), "application/x-www-form-urlencoded", Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(60)
  void anAjaxPostAtTheLimitIsReadAndOneByteOverIs413() throws Exception {
    start(ChannelSocketServer.Builder::withoutCsrfCheck);
    HttpReply atLimit = post(frameOf(LIMIT));
    assertThat(atLimit.status()).isEqualTo(200);
    assertThat(atLimit.body().asText()).isEqualTo("[:chsk/dummy-cb-200 nil]");
    await("the event at the limit", () -> received.size() == 1);
    HttpReply over = post(frameOf(LIMIT + 1));
    assertThat(over.status()).isEqualTo(413);
    // Percent-encoding can triple a frame: the transport still reads the body of a frame at the limit whose every
    // byte is encoded, and refuses one over three times the limit plus 4 KiB before reading it.
    String allEncoded = "[[:it/note \"" + "é".repeat((LIMIT - 19) / 2) + "\"] nil]";
    assertThat(post(allEncoded).status()).isEqualTo(200);
  }

  private HttpReply get(String query, Map<String, List<String>> headers) throws Exception {
    return transport.request(new HttpCall("GET", URI.create(jetty.httpUri() + "?" + query), headers,
        Payload.text(""), null, Duration.ofSeconds(10))).get(15, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(60)
  void csrfOriginAndAuthorizerRefusalsAreTheirHttpStatusesOnBothPaths() throws Exception {
    start(b -> b.csrfToken(r -> "tok").allowedOrigins("https://ok.test")
        .authorizer((r, clientId) -> !"mallory".equals(r.queryParam("uid").orElse(""))));
    Map<String, List<String>> good = Map.of("X-CSRF-Token", List.of("tok"), "Origin", List.of("https://ok.test"));
    String handshake = "handshake%3F=1&client-id=c3&uid=";

    HttpReply noToken = get(handshake + "alice", Map.of("Origin", List.of("https://ok.test")));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(noToken.body().asText()).isEqualTo("Bad CSRF token");
    HttpReply badOrigin = get(handshake + "alice", Map.of("X-CSRF-Token", List.of("tok"),
        "Origin", List.of("https://evil.test")));
    assertThat(badOrigin.status()).isEqualTo(403);
    assertThat(badOrigin.body().asText()).isEqualTo("Unauthorized origin");
    HttpReply refused = get(handshake + "mallory", good);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.body().asText()).isEqualTo("Unauthorized request");
    assertThat(get("handshake%3F=1&uid=alice", good).status()).isEqualTo(400);
    HttpReply ok = get(handshake + "alice", good);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body().asText()).startsWith("[[:chsk/handshake [\"alice\"");

    URI wsMallory = URI.create(jetty.webSocketUri() + "?uid=mallory&client-id=c4&csrf-token=tok");
    assertThat(refusal(wsMallory, Map.of("Origin", List.of("https://ok.test"))).status()).isEqualTo(401);
    URI wsAlice = URI.create(jetty.webSocketUri() + "?uid=alice&client-id=c4&csrf-token=bad");
    UpgradeRefusedException badToken = refusal(wsAlice, Map.of("Origin", List.of("https://ok.test")));
    assertThat(badToken.status()).isEqualTo(403);
    assertThat(badToken.body()).isEqualTo("Bad CSRF token");
  }

  private UpgradeRefusedException refusal(URI uri, Map<String, List<String>> headers) {
    try {
      Channel ch = transport.openWebSocket(uri, headers, new Seen()).get(10, TimeUnit.SECONDS);
      ch.close(1000, "unexpected");
      throw new AssertionError("the upgrade was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRefusedException.class);
      return (UpgradeRefusedException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
