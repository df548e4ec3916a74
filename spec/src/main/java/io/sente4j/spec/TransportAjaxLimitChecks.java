package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.AjaxRefusedException;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.core.RejectionReason;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ServerError;
import io.sente4j.core.ServerRouter;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protective part of the Ajax checks of {@link TransportConformanceKit}, each test with a server of its own: the
 * security checks on the Ajax GET and the Ajax POST (PROTOCOL.md §5.7, §6), a POST over the frame limit (§5.6),
 * Ajax clients on two packers (§5.2), and the bound of the pushes held for a client between polls (§7.4).
 */
abstract class TransportAjaxLimitChecks extends TransportProtectionChecks {
  static final Keyword AJAX_ECHO = Keyword.of("kit", "echo");
  static final Keyword AJAX_NOTE = Keyword.of("kit", "note");
  static final Keyword AJAX_SEQ = Keyword.of("kit", "seq");
  private static final String TOKEN = "kit-csrf-token";
  private static final String ORIGIN = "https://kit.test";

  /** Client options: Ajax only. */
  static void ajax(ChannelSocketClient.Builder b) {
    b.type(ClientType.AJAX);
  }

  /** Echoes {@link #AJAX_ECHO}, takes {@link #AJAX_NOTE}. */
  static ServerRouter ajaxRouter() {
    return ServerRouter.builder().onRequest(AJAX_ECHO, EventMessage::data).on(AJAX_NOTE, m -> {}).build();
  }

  /**
   * Once the client has a poll in flight, stalls its Ajax requests and pushes {@code seq}: that poll takes the push,
   * and the client's next poll stalls.
   */
  static void stallAfterPush(KitHarness w, String id, List<Event> pushes, long seq) {
    int before = pushes.size();
    w.await("a poll in flight", () -> w.transport.ajaxGetsInFlight(id) == 1);
    w.transport.stallAjax(id, true);
    w.server().sendNow("alice", Event.of(AJAX_SEQ, seq));
    w.await("push " + seq + " and the stalled poll after it",
        () -> pushes.size() == before + 1 && w.transport.stalledRequests(id) == 1,
        () -> "pushes " + (pushes.size() - before) + ", stalled requests " + w.transport.stalledRequests(id)
            + ", GETs " + w.transport.ajaxGets(id) + ", in flight " + w.transport.ajaxGetsInFlight(id));
  }

  @Test
  @Timeout(60)
  void csrfOriginAndAuthorizerRefusalsOnTheAjaxGetAndPostReachTheClient() throws Exception {
    AtomicBoolean postTokenChanged = new AtomicBoolean();
    AtomicBoolean refusePosts = new AtomicBoolean();
    AtomicBoolean refuseAlice = new AtomicBoolean();
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).eventHandler(ajaxRouter()).allowedOrigins(ORIGIN)
          .csrfToken(r -> r.method().equals("POST") && postTokenChanged.get() ? "changed" : TOKEN)
          .authorizer((r, clientId) -> {
            String uid = r.queryParam(KitHarness.UID_PARAM).orElse("");
            return !uid.equals("mallory") && !(uid.equals("alice") && refuseAlice.get())
                && !(r.method().equals("POST") && refusePosts.get());
          }));
      Consumer<ChannelSocketClient.Builder> good = b -> b.type(ClientType.AJAX).csrfToken(TOKEN)
          .headers(() -> Map.of("Origin", List.of(ORIGIN)));

      // The handshake GET.
      assertThat(refusal(w, "alice", b -> b.type(ClientType.AJAX).headers(() -> Map.of("Origin", List.of(ORIGIN)))))
          .hasMessage("Ajax handshake refused with HTTP 403: Bad CSRF token");
      assertThat(refusal(w, "alice", good.andThen(b -> b.headers(() -> Map.of("Origin", List.of("https://x.test"))))))
          .hasMessage("Ajax handshake refused with HTTP 403: Unauthorized origin");
      assertThat(refusal(w, "mallory", good)).hasMessage("Ajax handshake refused with HTTP 401: Unauthorized request");

      // The POST: each refusal fails the request with the status, and the connection goes on.
      ChannelSocketClient c = w.connected("alice", e -> {}, good);
      postTokenChanged.set(true);
      assertRefused(c.send(Event.of(AJAX_ECHO, "q"), Duration.ofSeconds(5)), 403, "Bad CSRF token");
      assertRefused(c.send(Event.of(AJAX_NOTE, "q")), 403, "Bad CSRF token");
      postTokenChanged.set(false);
      refusePosts.set(true);
      assertRefused(c.send(Event.of(AJAX_ECHO, "q"), Duration.ofSeconds(5)), 401, "Unauthorized request");
      refusePosts.set(false);
      String id = c.state().clientId();
      assertThat(rawPost(w, id, "https://x.test")).extracting(HttpReply::status).isEqualTo(403);
      assertThat(rawPost(w, id, "https://x.test").body().asText()).isEqualTo("Unauthorized origin");
      assertThat(rawPost(w, id, ORIGIN).status()).isEqualTo(200);
      assertThat(c.send(Event.of(AJAX_ECHO, "ok"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)).isEqualTo("ok");

      // A poll answered 401: the server withdrew the client's authorization; it stays closed.
      refuseAlice.set(true);
      assertThat(w.server().close("alice", CloseReason.UNAUTHORIZED)).isEqualTo(1);
      w.await("the 401 on the next poll", () -> c.state().lastClose().isPresent());
      assertThat(c.state().lastClose().get().reason()).isEqualTo(CloseReason.UNAUTHORIZED);
      int gets = w.transport.ajaxGets(id);
      w.advance(Duration.ofSeconds(60));
      w.quiesce();
      assertThat(c.state().isOpen()).isFalse();
      assertThat(w.transport.ajaxGets(id)).as("no reconnect after unauthorized").isEqualTo(gets);
      assertThat(w.errors).extracting(ServerError::kind).containsOnly(ServerError.Kind.REJECTED);
      assertThat(w.server().metrics().rejections().get(RejectionReason.CSRF)).isGreaterThanOrEqualTo(3);
      assertThat(w.server().metrics().rejections().get(RejectionReason.ORIGIN)).isGreaterThanOrEqualTo(3);
    }
  }

  /** Connects a client that the server refuses and returns what its error listener heard first. */
  private static AjaxRefusedException refusal(KitHarness w, String uid, Consumer<ChannelSocketClient.Builder> options) {
    List<Throwable> seen = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = w.client(uid, e -> {}, options.andThen(b -> b.errorListener(seen::add)));
    c.connect();
    w.await("the refusal of " + uid + "'s handshake", () -> !seen.isEmpty());
    c.disconnect();
    assertThat(c.state().everOpened()).isFalse();
    assertThat(seen.get(0)).isInstanceOf(AjaxRefusedException.class);
    return (AjaxRefusedException) seen.get(0);
  }

  private static void assertRefused(CompletableFuture<?> sent, int status, String body) {
    Throwable failure = assertThat(sent).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class).actual().getCause();
    assertThat(failure).isInstanceOf(ReplyErrorException.class).hasCauseInstanceOf(AjaxRefusedException.class);
    AjaxRefusedException refused = (AjaxRefusedException) failure.getCause();
    assertThat(refused.status()).isEqualTo(status);
    assertThat(refused).hasMessageContaining("HTTP " + status + ": " + body);
  }

  /** A POST of one event, made by hand with the right CSRF token and the given Origin. */
  private HttpReply rawPost(KitHarness w, String clientId, String origin) throws Exception {
    return rawPost(w, clientId, origin, Event.of(AJAX_NOTE, "by hand"), false);
  }

  /** A POST of {@code event}, made by hand with the right CSRF token and the given Origin, unchecked in size. */
  private HttpReply rawPost(KitHarness w, String clientId, String origin, Event event, boolean wantsReply)
      throws Exception {
    Payload frame = new FrameCodec(packer()).encode(new Frame.AjaxEvent(event, wantsReply));
    String query = "client-id=" + encode(clientId) + "&" + KitHarness.UID_PARAM + "=alice";
    URI ws = w.uri();
    String scheme = ws.getScheme().equals("wss") ? "https" : "http";
    Map<String, List<String>> headers = Map.of("Origin", List.of(origin), "X-CSRF-Token", List.of(TOKEN));
    HttpCall call;
    if (frame.isText()) {
      URI uri = new URI(scheme, ws.getRawAuthority(), ws.getPath(), query, null);
      call = new HttpCall("POST", uri, headers, Payload.text("ppstr=" + encode(frame.asText())),
          "application/x-www-form-urlencoded", Duration.ofSeconds(10));
    } else {
      URI uri = new URI(scheme, ws.getRawAuthority(), ws.getPath(), query + "&binary?=true", null);
      call = new HttpCall("POST", uri, headers, frame, "application/octet-stream", Duration.ofSeconds(10));
    }
    return w.transport.request(call).get(10, TimeUnit.SECONDS);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  @Timeout(60)
  void anAjaxPostOverTheFrameLimitIs413AndAClientNeverSendsOne() throws Exception {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).eventHandler(ajaxRouter()));
      ChannelSocketClient c = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      String big = "x".repeat(packer().limits().maxInputBytes());
      // The client checks its own frames (PROTOCOL.md §11.1): the send fails and nothing reaches the server.
      Throwable failure = assertThat(c.send(Event.of(AJAX_ECHO, big), Duration.ofSeconds(30)))
          .failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class).actual().getCause();
      assertThat(failure).isInstanceOf(ReplyErrorException.class).hasMessageContaining("over the frame limit");
      // A peer that does not check is answered 413, with or without a reply wanted.
      String id = c.state().clientId();
      for (boolean wantsReply : new boolean[] {true, false}) {
        HttpReply reply = rawPost(w, id, ORIGIN, Event.of(AJAX_ECHO, big), wantsReply);
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().asText()).startsWith("Frame too large");
      }
      w.await("both refusals reported", () -> w.errors.size() >= 2);
      assertThat(w.errors).hasSize(2).allSatisfy(e -> {
        assertThat(e.kind()).isEqualTo(ServerError.Kind.BAD_FRAME);
        assertThat(e.message()).contains("over the frame limit");
      });
      assertThat(w.server().metrics().rejections().get(RejectionReason.FRAME_TOO_LARGE)).isEqualTo(2);
      assertThat(c.state().isOpen()).isTrue();
      assertThat(c.send(Event.of(AJAX_ECHO, "still here"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS))
          .isEqualTo("still here");
    }
  }

  @Test
  @Timeout(60)
  void ajaxClientsOnTwoPackersAndAWebSocketGetTheSamePushes() throws Exception {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).eventHandler(ajaxRouter()).additionalPackers(otherPacker()));
      List<Event> mine = new CopyOnWriteArrayList<>();
      List<Event> other = new CopyOnWriteArrayList<>();
      List<Event> socket = new CopyOnWriteArrayList<>();
      ChannelSocketClient a = w.connected("alice", mine::add, TransportAjaxLimitChecks::ajax);
      ChannelSocketClient b = w.connected("alice", other::add, o -> o.type(ClientType.AJAX).packer(otherPacker()));
      w.connected("alice", socket::add, o -> o.type(ClientType.WEBSOCKET));
      assertThat(a.send(Event.of(AJAX_ECHO, "in " + packer().name()), Duration.ofSeconds(5))
          .get(10, TimeUnit.SECONDS)).isEqualTo("in " + packer().name());
      assertThat(b.send(Event.of(AJAX_ECHO, 42L), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)).isEqualTo(42L);
      w.server().sendNow("alice", Event.of("kit/news", List.of("all", 3L)));
      w.server().send("alice", Event.of("kit/news", "batched"));
      w.advance(Duration.ofMillis(100));
      w.await("both pushes on all three", () -> mine.size() == 2 && other.size() == 2 && socket.size() == 2);
      assertThat(mine).isEqualTo(other).isEqualTo(socket)
          .containsExactly(Event.of("kit/news", List.of("all", 3L)), Event.of("kit/news", "batched"));
      assertThat(w.server().connectedUids().ajax()).containsExactly("alice");
      assertThat(w.server().metrics().openAjaxClients()).isEqualTo(2);
    }
  }

  @Test
  @Timeout(60)
  void anAjaxHandshakeBeyondTheConnectionsOfAUidIs429() throws Exception {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).eventHandler(ajaxRouter()).maxConnectionsPerUid(2));
      w.connected("alice", e -> {}, o -> o.type(ClientType.WEBSOCKET));
      ChannelSocketClient a = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      assertThat(refusal(w, "alice", TransportAjaxLimitChecks::ajax))
          .hasMessage("Ajax handshake refused with HTTP 429: Too many connections");
      assertThat(w.server().metrics().rejections().get(RejectionReason.TOO_MANY_CONNECTIONS)).isPositive();
      a.reconnect(); // the same client again: it replaces itself, and does not count twice
      w.await("the reconnect", () -> a.state().isOpen());
      assertThat(a.send(Event.of(AJAX_ECHO, "ok"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS)).isEqualTo("ok");
      assertThat(w.server().metrics().openAjaxClients()).isEqualTo(1);
    }
  }

  @Test
  @Timeout(60)
  void pushesHeldOverTheLimitDropTheOldestAndEveryDropIsReported() {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).ajaxMaxHeldEvents(3).ajaxMaxHeldBytes(1000));
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      stallAfterPush(w, id, pushes, 0L);
      for (long i = 1; i <= 5; i++) {
        w.server().sendNow("alice", Event.of(AJAX_SEQ, i)); // each its own batch, held: 1 and 2 make room
      }
      w.server().sendNow("alice", Event.of(AJAX_SEQ, "y".repeat(1000))); // alone over the byte limit
      w.await("three drop reports", () -> w.errors.size() == 3);
      assertThat(w.errors).allSatisfy(e -> {
        assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
        assertThat(e.uid()).isEqualTo("alice");
        assertThat(e.clientId()).isEqualTo(id);
        assertThat(e.message()).contains("1 pushed event(s) dropped").contains("exceed the limit");
      });
      w.transport.stallAjax(id, false);
      w.await("the held pushes", () -> pushes.size() == 4);
      w.quiesce();
      assertThat(pushes).extracting(Event::data).containsExactly(0L, 3L, 4L, 5L);
      assertThat(pushes.size() + w.errors.size()).as("every push delivered or reported").isEqualTo(7);
      assertThat(w.server().metrics().errors().get(ServerError.Kind.PUSH_DROPPED)).isEqualTo(3);
    }
  }
}
