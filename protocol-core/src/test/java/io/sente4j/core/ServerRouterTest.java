package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ServerRouterTest {
  private static final Keyword PING = Keyword.of("app", "ping");
  private static final Keyword DOUBLE = Keyword.of("math", "double");
  private static final Keyword FETCH = Keyword.of("db", "fetch");

  private final List<Object> replies = Collections.synchronizedList(new ArrayList<>());

  private EventMessage request(Keyword id, Object data) {
    return new EventMessage(Event.of(id, data), "alice", "c1", null, Via.WEBSOCKET, replies::add);
  }

  private static EventMessage notice(Keyword id, Object data) {
    return new EventMessage(Event.of(id, data), "alice", "c1", null, Via.WEBSOCKET, null);
  }

  @Test
  void routesEachEventByItsId() {
    AtomicReference<Object> seen = new AtomicReference<>();
    ServerRouter router = ServerRouter.builder()
        .on(PING, msg -> seen.set(msg.data()))
        .on(Chsk.UIDPORT_OPEN, msg -> seen.set("open " + msg.data()))
        .build();
    router.handle(notice(PING, 1L));
    assertThat(seen).hasValue(1L);
    router.handle(notice(Chsk.UIDPORT_OPEN, "alice"));
    assertThat(seen).hasValue("open alice");
    assertThat(replies).isEmpty();
  }

  @Test
  void aRequestHandlersReturnValueIsTheReply() {
    ServerRouter router = ServerRouter.builder().onRequest(DOUBLE, msg -> 2 * (Long) msg.data()).build();
    router.handle(request(DOUBLE, 21L));
    assertThat(replies).containsExactly(42L);
  }

  @Test
  void aThrowingRequestHandlerRepliesChskErrorAndRethrows() {
    ServerRouter router = ServerRouter.builder().onRequest(DOUBLE, msg -> {
      throw new IllegalStateException("no");
    }).build();
    assertThatThrownBy(() -> router.handle(request(DOUBLE, 1L))).hasMessage("no");
    assertThat(replies).containsExactly(Chsk.ERROR);
  }

  @Test
  void anAsyncRequestRepliesWhenItsStageCompletes() {
    CompletableFuture<String> result = new CompletableFuture<>();
    ServerRouter router = ServerRouter.builder().onRequestAsync(FETCH, msg -> result).build();
    router.handle(request(FETCH, "k"));
    assertThat(replies).isEmpty();
    result.complete("v");
    assertThat(replies).containsExactly("v");
  }

  @Test
  void aFailedAsyncRequestRepliesChskErrorAndIsLogged() {
    CompletableFuture<String> result = new CompletableFuture<>();
    ServerRouter router = ServerRouter.builder().onRequestAsync(FETCH, msg -> result).build();
    router.handle(request(FETCH, "k"));
    result.completeExceptionally(new IllegalStateException("db down"));
    assertThat(replies).containsExactly(Chsk.ERROR);
    assertThat(TestLogging.lines()).anySatisfy(line -> {
      assertThat(line.level()).isEqualTo(Level.WARN);
      assertThat(line.message()).contains(":db/fetch", "failed");
      assertThat(line.error()).hasMessage("db down");
      assertThat(line.mdc()).containsEntry("sente4j.clientId", "c1");
    });
  }

  @Test
  void anAsyncRequestHandlerThatThrowsOrReturnsNoStageRepliesChskError() {
    ServerRouter router = ServerRouter.builder()
        .onRequestAsync(FETCH, msg -> {
          throw new IllegalStateException("sync");
        })
        .onRequestAsync(DOUBLE, msg -> null)
        .build();
    assertThatThrownBy(() -> router.handle(request(FETCH, "k"))).hasMessage("sync");
    assertThatThrownBy(() -> router.handle(request(DOUBLE, 1L))).isInstanceOf(NullPointerException.class);
    assertThat(replies).containsExactly(Chsk.ERROR, Chsk.ERROR);
  }

  @Test
  void unroutedEventsGoToTheFallback() {
    AtomicReference<EventMessage> fell = new AtomicReference<>();
    ServerRouter router = ServerRouter.builder().on(PING, msg -> {}).fallback(fell::set).build();
    EventMessage msg = request(DOUBLE, 1L);
    router.handle(msg);
    assertThat(fell).hasValue(msg);
  }

  @Test
  void theDefaultFallbackGivesNoReply() {
    ServerRouter router = ServerRouter.builder().build();
    EventMessage msg = request(DOUBLE, 1L);
    router.handle(msg);
    assertThat(msg.hasReplied()).isFalse();
    assertThat(replies).isEmpty();
  }

  @Test
  void aDuplicateRouteFailsAtBuildTime() {
    ServerRouter.Builder builder = ServerRouter.builder().on(PING, msg -> {}).onRequest(PING, msg -> 1L);
    assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining(":app/ping");
  }

  @Test
  void aRouterServesAServer() {
    try (ServerFixture f = new ServerFixture(b -> b.eventHandler(ServerRouter.builder()
        .onRequest(DOUBLE, msg -> 2 * (Long) msg.data())
        .onRequest(FETCH, msg -> {
          throw new IllegalStateException("no");
        })
        .build()))) {
      FakeChannel ch = f.connect("alice", "c1");
      ch.clientSends(new Frame.ClientEvent(Event.of(DOUBLE, 4L), "cb1"));
      assertThat(ch.next()).isEqualTo(new Frame.Reply(8L, "cb1"));
      ch.clientSends(new Frame.ClientEvent(Event.of(FETCH, "k"), "cb2"));
      assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb2"));
      assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
    }
  }
}
