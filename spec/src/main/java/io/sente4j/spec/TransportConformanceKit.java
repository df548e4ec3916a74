package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Chsk;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.ServerError;
import io.sente4j.core.ServerRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every transport proves by extending this class in its own tests: a {@code ChannelSocketServer} and
 * {@code ChannelSocketClient}s talking over the transport do everything PROTOCOL.md asks of a WebSocket connection
 * and of Ajax long-polling (the Ajax checks come from {@code TransportAjaxChecks} and the classes it extends).
 *
 * <pre>{@code
 * class InMemoryTransportConformanceTest extends TransportConformanceKit {
 *   protected Packer packer() { return new EdnPackerProvider().create(); }
 *   protected TransportFixture createFixture() { return new InMemoryFixture(); }
 * }
 * }</pre>
 *
 * <p>Every timer of the server and the clients runs on one {@link io.sente4j.core.VirtualScheduler}: the kit moves
 * time by hand, then waits in real time (bounded by {@link TransportFixture#settleTimeout()}) for the transport to
 * carry what the timers sent. Nothing waits through a real 25 s window, and the same tests run over real sockets.
 *
 * <p>The values the tests exchange are strings, longs, booleans, lists and maps with string keys, which every
 * packer carries unchanged, so the kit runs with any packer.
 */
public abstract class TransportConformanceKit extends TransportAjaxChecks {
  static final Keyword ECHO = Keyword.of("kit", "echo");
  static final Keyword LATER = Keyword.of("kit", "later");
  static final Keyword SILENT = Keyword.of("kit", "silent");
  static final Keyword FAIL = Keyword.of("kit", "fail");
  static final Keyword NOTE = Keyword.of("kit", "note");
  static final Keyword SEQ = Keyword.of("kit", "seq");
  static final Duration WINDOW = Duration.ofMillis(30);
  static final Duration GRACE = Duration.ofMillis(2500);

  private final List<CompletableFuture<Object>> laterReplies = new CopyOnWriteArrayList<>();

  /** For subclasses. */
  protected TransportConformanceKit() {}

  @BeforeEach
  void startServer() {
    h = new KitHarness(createFixture(), packer(), Theories.seed());
    h.start(h.serverBuilder(router()).sendBufferWindow(WINDOW).disconnectGrace(GRACE));
  }

  @AfterEach
  void stopEverything() {
    h.close();
  }

  private ServerRouter router() {
    return ServerRouter.builder()
        .onRequest(ECHO, EventMessage::data)
        .onRequestAsync(LATER, m -> {
          CompletableFuture<Object> f = new CompletableFuture<>();
          laterReplies.add(f);
          return f;
        })
        .onRequest(FAIL, m -> Chsk.ERROR)
        .on(SILENT, m -> {})
        .on(NOTE, m -> {})
        .build();
  }

  private ChannelSocketClient connected(String uid, List<Event> pushes) {
    return h.connected(uid, pushes::add, b -> {});
  }

  private static Object await(CompletableFuture<Object> f) throws Exception {
    return f.get(10, TimeUnit.SECONDS);
  }

  // ---- handshake and events ------------------------------------------------------------------------------

  @Test
  @Timeout(60)
  void handshakeGivesTheClientItsUidAndHandshakeData() {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    assertThat(c.state().uid()).isEqualTo("alice");
    assertThat(c.state().handshakeData()).isEqualTo(Map.of("greeting", "hello alice"));
    assertThat(c.state().everOpened()).isTrue();
  }

  @Test
  @Timeout(60)
  void eventWithoutReplyReachesTheHandlerWithItsUidAndClientId() {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    c.send(Event.of(NOTE, List.of("a", 1L, true)));
    h.await("the server to get the event", () -> !h.received.isEmpty());
    EventMessage m = h.received.get(0);
    assertThat(m.id()).isEqualTo(NOTE);
    assertThat(m.data()).isEqualTo(List.of("a", 1L, true));
    assertThat(m.uid()).isEqualTo("alice");
    assertThat(m.clientId()).isEqualTo(c.state().clientId());
    assertThat(m.wantsReply()).isFalse();
  }

  @Test
  @Timeout(60)
  void eventWithReplyGetsTheServersValue() throws Exception {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    Object data = Map.of("text", "hi", "n", 42L, "tags", List.of("x", "y"));
    assertThat(await(c.send(Event.of(ECHO, data), Duration.ofSeconds(5)))).isEqualTo(data);
  }

  @Test
  @Timeout(60)
  void replyGivenLaterThroughACompletionStageArrives() throws Exception {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    CompletableFuture<Object> reply = c.send(Event.of(LATER, "q"), Duration.ofSeconds(5));
    h.await("the server to get the request", () -> laterReplies.size() == 1);
    assertThat(reply).isNotDone();
    laterReplies.get(0).complete("answered later");
    assertThat(await(reply)).isEqualTo("answered later");
  }

  @Test
  @Timeout(60)
  void replyThatNeverComesTimesOutOnTheClientsClock() {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    CompletableFuture<Object> reply = c.send(Event.of(SILENT, "q"), Duration.ofSeconds(5));
    h.await("the server to get the request", () -> h.received.size() == 1);
    h.advance(Duration.ofMillis(4999));
    h.quiesce();
    assertThat(reply).isNotDone();
    h.advance(Duration.ofMillis(1));
    h.await("the reply to time out", reply::isDone);
    assertThat(reply).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ReplyTimeoutException.class);
  }

  @Test
  @Timeout(60)
  void errorReplyReachesTheCallerAsTheErrorOutcome() {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    CompletableFuture<Object> reply = c.send(Event.of(FAIL, "q"), Duration.ofSeconds(5));
    h.await("the reply", reply::isDone);
    assertThat(reply).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ReplyErrorException.class);
  }

  @Test
  @Timeout(60)
  void pendingReplyEndsClosedWhenTheServerClosesTheConnection() {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    CompletableFuture<Object> reply = c.send(Event.of(SILENT, "q"), Duration.ofSeconds(30));
    h.await("the server to get the request", () -> h.received.size() == 1);
    assertThat(h.server().close("alice", CloseReason.REQUESTED)).isEqualTo(1);
    h.await("the reply to end", reply::isDone);
    assertThat(reply).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(ReplyClosedException.class);
  }

  // ---- pushes ----------------------------------------------------------------------------------------------

  @Test
  @Timeout(60)
  void pushToAUserReachesEachOfItsClientsAndNoOtherUser() {
    List<Event> tab1 = new CopyOnWriteArrayList<>();
    List<Event> tab2 = new CopyOnWriteArrayList<>();
    List<Event> other = new CopyOnWriteArrayList<>();
    connected("alice", tab1);
    connected("alice", tab2);
    connected("bob", other);
    h.server().send("alice", Event.of(NOTE, "for alice"));
    h.advance(WINDOW);
    h.await("both of alice's clients to get the push", () -> tab1.size() == 1 && tab2.size() == 1);
    h.quiesce();
    assertThat(tab1).containsExactly(Event.of(NOTE, "for alice"));
    assertThat(tab2).containsExactly(Event.of(NOTE, "for alice"));
    assertThat(other).isEmpty();
  }

  @Test
  @Timeout(60)
  void sendsInsideTheWindowArriveAsOneFrame() {
    List<Event> pushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = connected("alice", pushes);
    String id = c.state().clientId();
    int before = h.transport.messagesReceived(id);
    for (long i = 0; i < 5; i++) {
      h.server().send("alice", Event.of(SEQ, i));
    }
    h.advance(WINDOW.minusMillis(1));
    h.quiesce();
    assertThat(pushes).isEmpty();
    h.advance(Duration.ofMillis(1));
    h.await("the batch", () -> pushes.size() == 5);
    assertThat(h.transport.messagesReceived(id) - before).isEqualTo(1);
    assertThat(pushes).extracting(Event::data).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  @Timeout(60)
  void sendNowFlushesTheBufferInOrder() {
    List<Event> pushes = new CopyOnWriteArrayList<>();
    connected("alice", pushes);
    h.server().send("alice", Event.of(SEQ, 0L));
    h.server().sendNow("alice", Event.of(SEQ, 1L));
    h.await("the flushed batch", () -> pushes.size() == 2);
    assertThat(pushes).extracting(Event::data).containsExactly(0L, 1L);
  }

  @Test
  @Timeout(120)
  void tenThousandPushesArriveInOrder() {
    List<Event> pushes = Collections.synchronizedList(new ArrayList<>());
    connected("alice", pushes);
    int n = 10_000;
    for (long i = 0; i < n; i++) {
      Event e = Event.of(SEQ, i);
      if (i % 97 == 0) {
        h.server().sendNow("alice", e);
      } else {
        h.server().send("alice", e);
      }
      if (i % 1000 == 999) {
        h.advance(WINDOW);
      }
    }
    h.advance(WINDOW);
    h.await(n + " pushes", () -> pushes.size() == n);
    synchronized (pushes) {
      assertThat(pushes).extracting(Event::data).containsExactlyElementsOf(
          LongStream.range(0, n).boxed().map(Object.class::cast).toList());
    }
  }

  @Test
  @Timeout(60)
  void broadcastReachesEveryConnectedUser() {
    List<Event> a = new CopyOnWriteArrayList<>();
    List<Event> b = new CopyOnWriteArrayList<>();
    connected("alice", a);
    connected("bob", b);
    h.server().broadcast(Event.of(NOTE, "all"));
    h.advance(WINDOW);
    h.await("the broadcast", () -> a.size() == 1 && b.size() == 1);
  }

  // ---- presence --------------------------------------------------------------------------------------------

  @Test
  @Timeout(60)
  void presenceKeepsAUserThroughAReloadInsideTheGraceAndDropsItOnceAfterTheLastClose() {
    ChannelSocketClient tab = connected("alice", new ArrayList<>());
    h.await("uidport-open", () -> h.presenceCount(Chsk.UIDPORT_OPEN, "alice") == 1);
    assertThat(h.server().connectedUids().ws()).containsExactly("alice");
    assertThat(h.server().connectedUids().any()).containsExactly("alice");

    // A reload: the old tab goes, a new one (a new client id) comes within the grace.
    String oldId = tab.state().clientId();
    tab.close();
    h.await("the server to see the tab close", () -> !h.server().clientIds("alice").contains(oldId));
    h.advance(Duration.ofMillis(1000));
    ChannelSocketClient reloaded = connected("alice", new ArrayList<>());
    h.advance(GRACE.multipliedBy(2));
    h.quiesce();
    assertThat(h.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).isZero();
    assertThat(h.presenceCount(Chsk.UIDPORT_OPEN, "alice")).isEqualTo(1);

    // The last tab goes: counted until the grace has passed, then dropped, once.
    String lastId = reloaded.state().clientId();
    reloaded.disconnect();
    h.await("the server to see the last close", () -> !h.server().clientIds("alice").contains(lastId));
    h.advance(GRACE.minusMillis(1));
    h.quiesce();
    assertThat(h.server().connectedUids().any()).containsExactly("alice");
    h.advance(Duration.ofMillis(1));
    h.await("uidport-close", () -> h.presenceCount(Chsk.UIDPORT_CLOSE, "alice") == 1);
    assertThat(h.server().connectedUids().any()).isEmpty();
    h.advance(GRACE.multipliedBy(4));
    h.quiesce();
    assertThat(h.presenceCount(Chsk.UIDPORT_CLOSE, "alice")).isEqualTo(1);
    // The presence listener has a queue of its own, apart from the handler's that saw uidport-close: its last
    // snapshot may still be on its way.
    h.await("the presence listener to see alice go", () -> !h.presenceSnapshots.isEmpty()
        && h.presenceSnapshots.get(h.presenceSnapshots.size() - 1).any().isEmpty(),
        () -> "snapshots " + h.presenceSnapshots);
  }

  // ---- keep-alive, cuts, refusals, stop --------------------------------------------------------------------

  @Test
  @Timeout(60)
  void serverClosesASilentClientAfterThePingTimeoutAndTheClientComesBack() {
    ChannelSocketClient c = h.connected("alice", e -> {}, b -> b.pingInterval(Duration.ofHours(1)));
    String id = c.state().clientId();
    h.fixture.silence(id);
    int before = h.transport.messagesReceived(id);
    h.advance(Duration.ofSeconds(25));
    h.await("the server's ping", () -> h.transport.messagesReceived(id) > before);
    h.advance(Duration.ofSeconds(10).minusMillis(1));
    h.quiesce();
    assertThat(c.state().lastClose()).isEmpty();
    h.advance(Duration.ofMillis(1));
    h.await("the ping-timeout close", () -> c.state().lastClose().isPresent());
    assertThat(c.state().lastClose().get().reason()).isEqualTo(CloseReason.PING_TIMEOUT);
    h.await("the client to reconnect", () -> c.state().isOpen() && h.transport.socketsOpened(id) == 2);
  }

  @Test
  @Timeout(60)
  void clientReconnectsAfterACutAndTheNewConnectionWorks() throws Exception {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    String id = c.state().clientId();
    h.fixture.cut(id);
    h.await("the client to see the cut", () -> c.state().lastClose().isPresent());
    h.await("the client to reconnect", () -> c.state().isOpen() && h.transport.socketsOpened(id) == 2);
    assertThat(await(c.send(Event.of(ECHO, "after the cut"), Duration.ofSeconds(5)))).isEqualTo("after the cut");
  }

  @Test
  @Timeout(60)
  void refusedUpgradesAreRetriedWithBackoffUntilAccepted() {
    for (boolean atTransport : new boolean[] {true, false}) {
      if (atTransport) {
        h.fixture.refuseUpgrades(true);
      } else {
        h.refuseAtEndpoint = true;
      }
      int seenBefore = h.requestsSeen.get();
      // WebSocket only: an AUTO client whose first WebSocket is refused falls back to Ajax for good.
      ChannelSocketClient c = h.client("carol-" + atTransport, e -> {}, b -> b.type(ClientType.WEBSOCKET));
      c.connect();
      h.advanceUntil("three refused attempts", () -> c.state().attempt() >= 3, Duration.ofSeconds(1),
          Duration.ofSeconds(60));
      if (atTransport) {
        assertThat(h.requestsSeen.get()).as("upgrades refused by the transport reach no endpoint")
            .isEqualTo(seenBefore);
      } else {
        assertThat(h.requestsSeen.get() - seenBefore).isGreaterThanOrEqualTo(3);
      }
      assertThat(c.state().isOpen()).isFalse();
      assertThat(c.state().everOpened()).isFalse();
      h.fixture.refuseUpgrades(false);
      h.refuseAtEndpoint = false;
      h.advanceUntil("the client to connect once accepted", () -> c.state().isOpen(), Duration.ofSeconds(1),
          Duration.ofSeconds(40));
      c.disconnect();
    }
  }

  @Test
  @Timeout(60)
  void badFrameIsReportedAndTheConnectionGoesOn() throws Exception {
    ChannelSocketClient c = connected("alice", new ArrayList<>());
    String id = c.state().clientId();
    Payload garbage = h.packer.isBinary()
        ? Payload.binary(Bytes.copyOf(new byte[] {(byte) 0xc1, 0, (byte) 0xff}))
        : Payload.text("[[:kit/x \"unterminated");
    h.transport.channel(id).send(garbage);
    h.await("the bad frame report", () -> !h.errors.isEmpty());
    ServerError e = h.errors.get(0);
    assertThat(e.kind()).isEqualTo(ServerError.Kind.BAD_FRAME);
    assertThat(e.clientId()).isEqualTo(id);
    assertThat(await(c.send(Event.of(ECHO, "still here"), Duration.ofSeconds(5)))).isEqualTo("still here");
  }

  @Test
  @Timeout(60)
  void serverCloseOfAUserReachesEachClientWithItsReason() {
    ChannelSocketClient a = connected("alice", new ArrayList<>());
    ChannelSocketClient b = connected("alice", new ArrayList<>());
    assertThat(h.server().close("alice", CloseReason.UNAUTHORIZED)).isEqualTo(2);
    h.await("both closes", () -> a.state().lastClose().isPresent() && b.state().lastClose().isPresent());
    assertThat(a.state().lastClose().get().reason()).isEqualTo(CloseReason.UNAUTHORIZED);
    h.advance(Duration.ofSeconds(60));
    h.quiesce();
    assertThat(a.state().isOpen()).as("no reconnect after unauthorized").isFalse();
  }

  @Test
  @Timeout(60)
  void stopClosesEveryConnectionWithTheServerStopReason() {
    // The clients try to reconnect at once and fail (the server is stopped), which replaces their last close; the
    // state history keeps the close that stop() caused.
    List<ClientState> seenByA = new CopyOnWriteArrayList<>();
    List<ClientState> seenByB = new CopyOnWriteArrayList<>();
    h.connected("alice", e -> {}, o -> o.stateListener(seenByA::add));
    h.connected("bob", e -> {}, o -> o.stateListener(seenByB::add));
    h.server().stop();
    h.await("both closes", () -> firstClose(seenByA) != null && firstClose(seenByB) != null);
    assertThat(firstClose(seenByA).reason()).isEqualTo(CloseReason.SERVER_STOP);
    assertThat(firstClose(seenByB).code()).isEqualTo(1001);
  }

  private static CloseInfo firstClose(List<ClientState> states) {
    return states.stream().flatMap(s -> s.lastClose().stream()).findFirst().orElse(null);
  }
}
