package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handler executor that refuses work (a bounded pool that is full, or one the application shut down): the
 * WebSocket work it refuses is answered as an overflow (PROTOCOL.md §11.3), never left pending.
 */
class ServerExecutorRefusalTest {
  private static final InetSocketAddress FROM = new InetSocketAddress("203.0.113.9", 40000);
  private final TrackingExecutor pool = new TrackingExecutor(2);
  private final AtomicBoolean refuse = new AtomicBoolean();
  /** What the executor throws while {@link #refuse} is set. */
  private volatile RuntimeException refusal =
      new RejectedExecutionException("the pool is full (expected in this test)");
  private final Executor refusing = task -> {
    if (refuse.get()) {
      throw refusal;
    }
    pool.execute(task);
  };
  private final ServerFixture f = new ServerFixture(b -> b.maxConnectionsPerAddress(1).handlerExecutor(refusing));

  @AfterEach
  void stop() {
    refuse.set(false);
    f.close();
    pool.close();
  }

  private static ServerRequest upgrade(String uid, String clientId) {
    return ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true).queryParam("client-id", clientId)
        .queryParam("uid", uid).remoteAddress(FROM).build();
  }

  @Test
  void anUpgradeWhoseHandshakeTheExecutorRefusesIsClosedNotLeftWaiting() {
    // Regression: the refused handshake work was dropped with a log line; the connection stayed new (no handshake,
    // no keep-alive, counted against its address) until the client gave up.
    refuse.set(true);
    FakeChannel ch = f.open(upgrade("alice", "c1"));
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.ERROR.code());
    assertThat(f.server.metrics().errors().get(ServerError.Kind.OVERFLOW)).isOne();

    refuse.set(false);
    FakeChannel again = f.open(upgrade("alice", "c1"));
    assertThat(again.next()).as("the refused connection gave its address its room back")
        .isInstanceOf(Frame.Handshake.class);
  }

  @Test
  void aPostWhoseWorkTheExecutorRefusesIsAnswered503AndLeavesNothingHeld() {
    // Regression: the refused POST was answered 503 past its held reply, which stayed among the replies the server
    // waits for, with its reply timeout set: held until the server stopped, which then tried to answer it again.
    refuse.set(true);
    FakeHeld response = new FakeHeld(f.time);
    ServerAnswer answer = f.server.handle(AjaxCalls.postRequest("alice", "c1",
        FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/add", 1L), true)).asText()));
    ((ServerAnswer.Hold) answer).onHeld().accept(response);
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.body().asText()).isEqualTo(AjaxPath.TOO_MANY_PENDING);
    refuse.set(false);
    f.advance(Duration.ofSeconds(30));
    assertThat(response.lateCompletions()).as("the reply timeout was cancelled").isZero();
    f.server.stop();
    assertThat(response.lateCompletions()).as("nothing left to answer when the server stops").isZero();
  }

  @Test
  void ajaxRequestsWhoseWorkTheExecutorRefusesAreAnswered503AndReportedAsOverflows() {
    // Regression: answered 503 "Server stopped" by a server that runs, and not reported, where the builder promises an
    // overflow reported as for a WebSocket's refused work.
    refuse.set(true);
    FakeHeld poll = AjaxCalls.call(f, AjaxCalls.getRequest("alice", "c1", false));
    FakeHeld ack = AjaxCalls.post(f, "alice", "c1", ev("chat/send", 1L), false);
    FakeHeld reply = AjaxCalls.post(f, "alice", "c1", ev("calc/add", 2L), true);
    refuse.set(false);
    for (FakeHeld refused : new FakeHeld[] {poll, ack, reply}) {
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().asText()).as("not \"Server stopped\": the server runs")
          .isEqualTo(AjaxPath.TOO_MANY_PENDING);
    }
    // Counted; the error listener runs on the refusing executor too, so it may not hear of them.
    assertThat(f.server.metrics().errors().get(ServerError.Kind.OVERFLOW)).isEqualTo(3);
  }

  @Test
  void anEventTheExecutorRefusesIsAnsweredAsAnOverflowAndGivesItsRoomBack() {
    // Regression: a refused event was dropped with a log line: a request was never answered, and the event's bytes
    // stayed counted in the receive queue for good.
    FakeChannel ch = f.open(upgrade("alice", "c1"));
    assertThat(ch.next()).isInstanceOf(Frame.Handshake.class);
    pool.awaitIdle();
    refuse.set(true);
    ch.clientSends(new Frame.ClientEvent(ev("calc/add", 1L), "cb1"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb1"));
    assertThat(f.server.metrics().errors().get(ServerError.Kind.OVERFLOW)).isOne();

    refuse.set(false);
    f.onEvent = msg -> msg.reply("ok");
    ch.clientSends(new Frame.ClientEvent(ev("calc/add", 2L), "cb2"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok", "cb2"));
    pool.awaitIdle();

    refuse.set(true);
    ch.clientSends(new Frame.ClientEvent(ev("chat/send", 3L), null));
    ch.awaitClosed();
    assertThat(ch.closeCode()).as("an event without a reply cannot be answered :chsk/error")
        .isEqualTo(CloseReason.OVERFLOW.code());
    refuse.set(false);
    pool.awaitIdle();
    assertThat(f.server.metrics().openWebSockets()).isZero();
  }

  @Test
  void ajaxWorkAnExecutorRefusesByThrowingAnotherExceptionIsAnswered503AndGivesItsRoomBack() {
    // Regression: only RejectedExecutionException was taken for a refusal. An executor throwing IllegalStateException
    // (a bounded one, against the Executor contract) threw it out of handle() to the transport, and the POST kept its
    // room in the client's receive queue and among the held Ajax requests for good: every later POST of the client
    // was answered :chsk/error, and every later Ajax request of anyone 503.
    try (ServerFixture g = new ServerFixture(b -> b.receiveQueue(QueueLimit.of(1, 1 << 20)).maxPendingAjaxRequests(1)
        .handlerExecutor(refusing))) {
      refusal = new IllegalStateException("the bounded queue is full (expected in this test)");
      refuse.set(true);
      FakeHeld ack = AjaxCalls.post(g, "alice", "c1", ev("chat/send", 1L), false);
      FakeHeld reply = AjaxCalls.post(g, "alice", "c1", ev("calc/add", 2L), true);
      FakeHeld poll = AjaxCalls.call(g, AjaxCalls.getRequest("alice", "c1", true));
      refuse.set(false);
      for (FakeHeld refused : new FakeHeld[] {ack, reply, poll}) {
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.body().asText()).isEqualTo(AjaxPath.TOO_MANY_PENDING);
      }
      assertThat(g.server.metrics().errors().get(ServerError.Kind.OVERFLOW)).isEqualTo(3);

      g.onEvent = msg -> msg.reply("ok");
      FakeHeld later = AjaxCalls.hold(g, AjaxCalls.postRequest("alice", "c1",
          FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/add", 3L), true)).asText()));
      pool.awaitIdle();
      assertThat(later.postFrame()).as("the refused POSTs gave their room back").isEqualTo(new Frame.AjaxReply("ok"));
    }
  }

  @Test
  void aRefusalByAnotherExceptionIsReportedWithWhatTheExecutorThrew() {
    IllegalStateException full = new IllegalStateException("the bounded queue is full (expected in this test)");
    AtomicBoolean refuseOnce = new AtomicBoolean(true); // the error listener runs on the executor too
    try (ServerFixture g = new ServerFixture(b -> b.handlerExecutor(task -> {
      if (refuseOnce.getAndSet(false)) {
        throw full;
      }
      pool.execute(task);
    }))) {
      FakeHeld ack = AjaxCalls.post(g, "alice", "c1", ev("chat/send", 1L), false);
      assertThat(ack.status()).isEqualTo(503);
      ServerError reported = g.nextError();
      assertThat(reported.kind()).isEqualTo(ServerError.Kind.OVERFLOW);
      assertThat(reported.message()).isEqualTo("the handler executor refused the work of an Ajax POST (it threw "
          + "java.lang.IllegalStateException: the bounded queue is full (expected in this test) instead of "
          + "RejectedExecutionException); answered 503");
      assertThat(reported.cause()).isSameAs(full);
    }
  }

  @Test
  void aWebSocketWhoseEventTheExecutorRefusedByThrowingAnotherExceptionGoesOnRunningItsEvents() {
    // Regression: the connection's serial queue took only RejectedExecutionException for a refusal; on any other it
    // stayed scheduled for good, so none of the connection's later events ever reached the handler, and the refused
    // event's room in the receive queue was never given back.
    FakeChannel ch = f.open(upgrade("alice", "c1"));
    assertThat(ch.next()).isInstanceOf(Frame.Handshake.class);
    pool.awaitIdle();
    refusal = new IllegalStateException("the bounded queue is full (expected in this test)");
    refuse.set(true);
    ch.clientSends(new Frame.ClientEvent(ev("calc/add", 1L), "cb1"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb1"));
    refuse.set(false);
    f.onEvent = msg -> msg.reply("ok");
    ch.clientSends(new Frame.ClientEvent(ev("calc/add", 2L), "cb2"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok", "cb2"));
  }
}
