package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelSocketClientOfflineTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static Event ev(long n) {
    return Event.of("app/e", n);
  }

  @Test
  void failFastFailsSendsAtOnceWhileNotOpen() {
    f.start();
    assertThat(ClientFixture.failure(f.client.send(ev(1)))).isInstanceOf(ReplyClosedException.class)
        .hasMessage("not open (CLOSED); :app/e was not sent");
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    assertThat(ClientFixture.failure(f.client.send(ev(2), TEN))).isInstanceOf(ReplyClosedException.class)
        .hasMessage("not open (CONNECTING); :app/e was not sent");
    assertThat(f.client.pendingReplies()).isZero();
    c.handshake("u", null);
    f.awaitState(ClientState::isOpen);
    f.client.send(ev(3));
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(3), null));
  }

  @Test
  void queueHoldsSendsInOrderUntilTheHandshake() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(10)));
    CompletableFuture<Void> a = f.client.send(ev(1));
    CompletableFuture<Object> b = f.client.send(ev(2), TEN);
    f.client.connect();
    CompletableFuture<Void> c3 = f.client.send(ev(3));
    FakeConnection c = f.transport.nextOpen();
    f.settle();
    assertThat(c.poll()).as("nothing before the handshake").isNull();
    assertThat(a).isNotDone();
    c.handshake("u", null);
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(1), null));
    Frame.ClientEvent second = c.nextEvent();
    assertThat(second.event()).isEqualTo(ev(2));
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(3), null));
    ClientFixture.join(a);
    ClientFixture.join(c3);
    c.reply("r2", second.callbackId());
    assertThat(ClientFixture.join(b)).isEqualTo("r2");
  }

  @Test
  void queueHoldsSendsMadeWhileReconnecting() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(10)));
    FakeConnection c = f.connectOpen("u");
    f.transport.refuseNext(503, "busy");
    c.cut();
    f.awaitState(s -> s.status() == ClientState.Status.CLOSED);
    CompletableFuture<Void> held = f.client.send(ev(1));
    f.transport.nextOpen(); // attempt 1, refused
    assertThat(f.nextError()).isInstanceOf(UpgradeRefusedException.class);
    f.time.advance(Duration.ofSeconds(2)); // attempt 2 falls within [0, 2 s]
    FakeConnection next = f.transport.nextOpen();
    next.handshake("u", null);
    assertThat(next.next()).isEqualTo(new Frame.ClientEvent(ev(1), null));
    ClientFixture.join(held);
  }

  @Test
  void queueOverflowFailsTheNewestSend() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(2)));
    CompletableFuture<Void> a = f.client.send(ev(1));
    CompletableFuture<Object> b = f.client.send(ev(2), TEN);
    CompletableFuture<Void> c3 = f.client.send(ev(3));
    assertThat(ClientFixture.failure(c3)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("not open and the offline queue is full (2 events); the newest send, :app/e, was not sent");
    assertThat(ClientFixture.failure(f.client.send(ev(4), TEN))).isInstanceOf(ReplyClosedException.class);
    assertThat(a).isNotDone();
    assertThat(b).isNotDone();
    FakeConnection c = f.connectOpen("u");
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(1), null));
    assertThat(c.nextEvent().event()).isEqualTo(ev(2));
  }

  @Test
  void heldSendsThatEndedMakeRoomAndAreNotSent() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(2)));
    CompletableFuture<Object> timesOut = f.client.send(ev(1), Duration.ofSeconds(1));
    CompletableFuture<Void> cancelled = f.client.send(ev(2));
    cancelled.cancel(false);
    f.time.advance(Duration.ofSeconds(1));
    assertThat(ClientFixture.failure(timesOut)).isInstanceOf(ReplyTimeoutException.class);
    CompletableFuture<Void> c3 = f.client.send(ev(3));
    CompletableFuture<Void> c4 = f.client.send(ev(4));
    FakeConnection c = f.connectOpen("u");
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(3), null));
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(ev(4), null));
    ClientFixture.join(c3);
    ClientFixture.join(c4);
    f.settle();
    assertThat(c.poll()).isNull();
  }

  @Test
  void disconnectFailsTheHeldSends() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(5)));
    CompletableFuture<Void> a = f.client.send(ev(1));
    CompletableFuture<Object> b = f.client.send(ev(2), TEN);
    f.client.disconnect();
    assertThat(ClientFixture.failure(a)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the client disconnected before :app/e was sent");
    assertThat(ClientFixture.failure(b)).isInstanceOf(ReplyClosedException.class);
    assertThat(f.client.pendingReplies()).isZero();
    FakeConnection c = f.connectOpen("u");
    f.settle();
    assertThat(c.poll()).isNull();
  }

  @Test
  void anUnauthorizedCloseFailsTheHeldSendsAndRequestsAtOnce() {
    // Regression: with no reconnect coming, they waited for the application's next connect() or close(); a plain
    // send's future could wait for ever.
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(5)).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("u");
    c.cut();
    FakeConnection retry = f.transport.nextOpen(); // attempt 1, at once: the sends wait for its handshake
    CompletableFuture<Void> a = f.client.send(ev(1));
    CompletableFuture<Object> b = f.client.send(ev(2), Duration.ofHours(1));
    retry.serverClose(CloseReason.UNAUTHORIZED);
    assertThat(ClientFixture.failure(a)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the server closed the connection as unauthorized before :app/e was sent");
    assertThat(ClientFixture.failure(b)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the server closed the connection as unauthorized before the reply to :app/e came");
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void sendsAfterAnUnauthorizedCloseFailAtOnceUntilTheApplicationConnects() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(5)));
    FakeConnection c = f.connectOpen("u");
    c.serverClose(CloseReason.UNAUTHORIZED);
    f.awaitState(s -> s.status() == ClientState.Status.CLOSED);
    assertThat(ClientFixture.failure(f.client.send(ev(1)))).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the server closed the connection as unauthorized; :app/e was not sent (the client stays closed "
            + "until connect() or reconnect())");
    assertThat(ClientFixture.failure(f.client.send(ev(2), TEN))).isInstanceOf(ReplyClosedException.class);
    assertThat(f.client.pendingReplies()).isZero();
    f.client.connect();
    CompletableFuture<Void> held = f.client.send(ev(3)); // connecting again: held for the handshake
    FakeConnection again = f.transport.nextOpen();
    again.handshake("u", null);
    assertThat(again.next()).isEqualTo(new Frame.ClientEvent(ev(3), null));
    ClientFixture.join(held);
  }

  @Test
  void sendsAfterDisconnectFailAtOnceUntilTheNextConnect() {
    // Regression: they were held until the next connect() or close(), however long that was.
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(5)));
    f.connectOpen("u");
    f.client.disconnect();
    assertThat(ClientFixture.failure(f.client.send(ev(1)))).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the client disconnected; :app/e was not sent (the client stays closed until connect() or "
            + "reconnect())");
    assertThat(ClientFixture.failure(f.client.send(ev(2), TEN))).isInstanceOf(ReplyClosedException.class);
    assertThat(f.client.pendingReplies()).isZero();
    f.client.reconnect();
    CompletableFuture<Void> held = f.client.send(ev(3));
    FakeConnection again = f.transport.nextOpen();
    again.handshake("u", null);
    assertThat(again.next()).isEqualTo(new Frame.ClientEvent(ev(3), null));
    ClientFixture.join(held);
  }

  @Test
  void policyValues() {
    assertThat(OfflineSendPolicy.failFast().queues()).isFalse();
    assertThat(OfflineSendPolicy.failFast().maxEvents()).isZero();
    assertThat(OfflineSendPolicy.queue(3)).isEqualTo(OfflineSendPolicy.queue(3)).hasToString("queue(3)")
        .isNotEqualTo(OfflineSendPolicy.queue(4));
    assertThat(OfflineSendPolicy.queue(3).hashCode()).isEqualTo(OfflineSendPolicy.queue(3).hashCode());
    assertThat(OfflineSendPolicy.failFast()).hasToString("failFast()");
    assertThatIllegalArgumentException().isThrownBy(() -> OfflineSendPolicy.queue(0))
        .withMessage("an offline queue must hold at least one event, got 0");
  }
}
