package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelSocketClientReconnectTest {

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private void noNewOpenAfter(Duration wait) {
    f.time.advance(wait);
    f.settle();
    assertThat(f.transport.pollOpen()).isNull();
  }

  @Test
  void reconnectsWithBackoffAfterACutAndResetsTheAttemptOnceAConnectionStaysOpen() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    f.transport.refuseNext(503, "busy").failNext(new java.io.IOException("no route"));
    c.cut();
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose().get().reason())
        .isEqualTo(CloseReason.ABNORMAL);
    f.transport.nextOpen(); // attempt 1, at once, refused
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(1);
    assertThat(f.nextError()).isInstanceOf(UpgradeRefusedException.class);
    noNewOpenAfter(Duration.ofMillis(19_999));
    f.time.advance(Duration.ofMillis(1));
    f.transport.nextOpen(); // attempt 2 after 20 s, fails
    assertThat(f.nextError()).isInstanceOf(java.io.IOException.class);
    noNewOpenAfter(Duration.ofMillis(29_999));
    f.time.advance(Duration.ofMillis(1));
    FakeConnection third = f.transport.nextOpen(); // attempt 3 after 30 s, accepted
    third.handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).attempt()).isZero();
    f.time.advance(Duration.ofSeconds(5)); // the default backoffResetAfter: the connection stayed open
    f.settle();
    third.cut();
    FakeConnection fourth = f.transport.nextOpen();
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(1);
    fourth.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aConnectionLostRightAfterItsHandshakeCountsAsAFailedAttempt() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice"); // opened by connect(): attempt 0
    c.serverClose(CloseReason.SERVER_STOP);
    FakeConnection first = f.transport.nextOpen(); // attempt 1, at once
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(1);
    first.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    f.time.advance(Duration.ofMillis(4_999)); // just short of the default backoffResetAfter
    f.settle();
    first.serverClose(CloseReason.SERVER_STOP); // attempt 2 follows, after 20 s
    f.awaitState(s -> s.status() == Status.CLOSED); // before time moves
    noNewOpenAfter(Duration.ofMillis(19_999));
    f.time.advance(Duration.ofMillis(1));
    FakeConnection second = f.transport.nextOpen();
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(2);
    second.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    second.cut(); // again: attempt 3, after 30 s
    f.awaitState(s -> s.status() == Status.CLOSED);
    noNewOpenAfter(Duration.ofMillis(29_999));
    f.time.advance(Duration.ofMillis(1));
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).attempt()).isZero();
  }

  @Test
  void backoffResetAfterZeroStartsTheCountOverOnEveryHandshake() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO)
        .backoffResetAfter(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    for (int i = 0; i < 3; i++) {
      c.serverClose(CloseReason.SERVER_STOP);
      c = f.transport.nextOpen(); // attempt 1 each time, at once
      assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(1);
      c.handshake("alice", null);
      f.awaitState(ClientState::isOpen);
    }
  }

  @Test
  void aRefusedFirstConnectIsRetriedAndRecordedAsAnError() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    f.transport.refuseNext(401, "who are you");
    CompletableFuture<ClientState> connected = f.client.connect();
    f.transport.nextOpen();
    Throwable error = f.nextError();
    assertThat(error).isInstanceOf(UpgradeRefusedException.class)
        .hasMessage("WebSocket upgrade refused with HTTP 401: who are you");
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(new CloseInfo(CloseReason.ERROR, 1006, error.getMessage(), false));
    assertThat(closed.everOpened()).isFalse();
    FakeConnection retry = f.transport.nextOpen();
    retry.handshake("alice", null);
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
  }

  @Test
  void aServerRequestedCloseReconnects() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    c.serverClose(CloseReason.SERVER_STOP);
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(new CloseInfo(CloseReason.SERVER_STOP, 1001, "server-stop", false));
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void unauthorizedStaysClosedUntilTheApplicationConnects() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> pending = f.client.send(Event.of("app/q", null), Duration.ofMinutes(5));
    c.nextEvent();
    c.serverClose(CloseReason.UNAUTHORIZED);
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(new CloseInfo(CloseReason.UNAUTHORIZED, 4003, "unauthorized", false));
    assertThat(ClientFixture.failure(pending)).isInstanceOf(ReplyClosedException.class);
    noNewOpenAfter(Duration.ofHours(1));
    assertThat(f.client.state().status()).isEqualTo(Status.CLOSED);
    CompletableFuture<ClientState> again = f.client.connect();
    f.transport.nextOpen().handshake("alice", null);
    assertThat(ClientFixture.join(again).isOpen()).isTrue();
  }

  @Test
  void disconnectClosesWithRequestedAndStaysClosed() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> pending = f.client.send(Event.of("app/q", null), Duration.ofMinutes(5));
    c.nextEvent();
    f.client.disconnect();
    assertThat(c.awaitClientClose()).isEqualTo(1000);
    assertThat(c.clientCloseText()).isEqualTo("requested");
    assertThat(ClientFixture.failure(pending)).isInstanceOf(ReplyClosedException.class)
        .hasMessageContaining("the client disconnected");
    assertThat(f.client.state().lastClose()).contains(CloseInfo.byClient(CloseReason.REQUESTED));
    noNewOpenAfter(Duration.ofHours(1));
    assertThat(f.client.state().status()).isEqualTo(Status.CLOSED);
  }

  @Test
  void disconnectWhileWaitingToReconnectCancelsTheRetry() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    // Armed before the cut: the first retry is immediate and could otherwise open before the refusal is queued.
    f.transport.refuseNext(503, "");
    c.cut();
    f.transport.nextOpen();
    f.nextError();
    f.awaitState(s -> s.status() == Status.CLOSED && s.attempt() == 1);
    CompletableFuture<ClientState> waiting = f.client.connect();
    f.client.disconnect();
    assertThat(ClientFixture.failure(waiting)).hasMessage("the client disconnected before a handshake");
    noNewOpenAfter(Duration.ofHours(1));
  }

  @Test
  void reconnectClosesTheCurrentConnectionAndConnectsAtOnce() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> pending = f.client.send(Event.of("app/q", null), Duration.ofMinutes(5));
    c.nextEvent();
    f.client.reconnect();
    assertThat(c.awaitClientClose()).isEqualTo(1000);
    assertThat(ClientFixture.failure(pending)).isInstanceOf(ReplyClosedException.class);
    FakeConnection next = f.transport.nextOpen();
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose())
        .contains(CloseInfo.byClient(CloseReason.REQUESTED));
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isZero();
    next.handshake("bob", null);
    assertThat(f.awaitState(ClientState::isOpen).uid()).isEqualTo("bob");
    f.settle();
    assertThat(f.transport.opens()).isEqualTo(2);
  }

  @Test
  void reconnectWhenNotConnectedConnects() {
    f.start();
    f.client.reconnect();
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }
}
