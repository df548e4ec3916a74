package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handshake timeout: an attempt that has not had the server's handshake within {@code handshakeTimeout} is
 * abandoned as lost ({@code timeout}), whether its WebSocket never opened, opened and stayed silent, or its Ajax
 * handshake GET was never answered; the client then reconnects, or under AUTO falls back to Ajax.
 */
class ChannelSocketClientHandshakeTimeoutTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(4);

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ChannelSocketClient.Builder builder(ClientType type) {
    return f.builder(ToyPacker.TEXT).type(type).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO)
        .handshakeTimeout(TIMEOUT);
  }

  @Test
  void theDefaultIsTenSecondsAndItMustBePositive() {
    f.start(f.builder(ToyPacker.TEXT).type(ClientType.WEBSOCKET).backoff(ClientFixture.STEPS));
    f.client.connect();
    FakeConnection silent = f.transport.nextOpen();
    f.time.advance(Duration.ofMillis(9_999));
    f.settle();
    assertThat(silent.clientClosed()).isFalse();
    f.time.advance(Duration.ofMillis(1));
    assertThat(silent.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());

    ChannelSocketClient.Builder b = f.builder(ToyPacker.TEXT);
    assertThatThrownBy(() -> b.handshakeTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.handshakeTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aHandshakeTimeoutTooLongForNanosecondsOnTheRealTimeSchedulerMeansNever() throws Exception {
    opensWithoutErrorsOnTheRealTimeScheduler(b -> b.handshakeTimeout(Duration.ofSeconds(Long.MAX_VALUE)));
  }

  @Test
  void aPingIntervalTooLongForNanosecondsMeansNoPingsRatherThanAFailedBuild() throws Exception {
    opensWithoutErrorsOnTheRealTimeScheduler(b -> b.pingInterval(Duration.ofSeconds(Long.MAX_VALUE)));
  }

  /** A client with {@code option}, on its own real-time scheduler, connects, opens and reports nothing. */
  private void opensWithoutErrorsOnTheRealTimeScheduler(UnaryOperator<ChannelSocketClient.Builder> option)
      throws Exception {
    ChannelSocketClient own = option.apply(ChannelSocketClient.builder(ClientFixture.URI_BASE, f.transport)
        .type(ClientType.WEBSOCKET).packer(ToyPacker.TEXT).errorListener(f.errors::add)).build();
    try {
      CompletableFuture<ClientState> connected = own.connect();
      f.transport.nextOpen().handshake("alice", null);
      assertThat(connected.get(5, java.util.concurrent.TimeUnit.SECONDS).isOpen()).isTrue();
      assertThat(f.errors).isEmpty();
    } finally {
      own.close();
    }
  }

  @Test
  void anOpenWebSocketWithoutAHandshakeIsClosedWithTimeoutAndTheClientReconnects() {
    f.start(builder(ClientType.WEBSOCKET));
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeConnection silent = f.transport.nextOpen();
    f.time.advance(TIMEOUT.minusMillis(1));
    f.settle();
    assertThat(silent.clientClosed()).isFalse();
    assertThat(f.client.state().status()).isEqualTo(Status.CONNECTING);

    f.time.advance(Duration.ofMillis(1));
    assertThat(silent.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());
    assertThat(silent.clientCloseText()).isEqualTo("timeout");
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(CloseInfo.byClient(CloseReason.TIMEOUT));
    assertThat(connected).isNotDone();

    FakeConnection retry = f.transport.nextOpen(); // attempt 1: at once
    silent.handshake("alice", null); // too late: the abandoned socket is closed and its frames ignored
    retry.handshake("alice", null);
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
    f.time.advance(TIMEOUT.multipliedBy(3));
    f.settle();
    assertThat(retry.clientClosed()).as("a handshaken connection has no handshake timer").isFalse();
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void aHandshakeJustInTimeKeepsTheConnection() {
    f.start(builder(ClientType.WEBSOCKET));
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    f.time.advance(TIMEOUT.minusMillis(1));
    c.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    f.time.advance(TIMEOUT);
    f.settle();
    assertThat(c.clientClosed()).isFalse();
    assertThat(f.transport.pollOpen()).isNull();
  }

  @Test
  void aWebSocketUpgradeThatNeverCompletesIsAbandonedAndClosedIfItOpensLater() {
    f.start(builder(ClientType.WEBSOCKET));
    f.transport.deferNextOpen();
    f.client.connect();
    FakeConnection hanging = f.transport.nextOpen();
    f.time.advance(TIMEOUT);
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose().get().reason())
        .isEqualTo(CloseReason.TIMEOUT);
    FakeConnection retry = f.transport.nextOpen();
    hanging.completeOpen(); // the transport hands over the abandoned socket after all: the client closes it
    assertThat(hanging.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());
    retry.handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
  }

  @Test
  void underAutoAFirstWebSocketThatNeverOpensFallsBackToAjax() {
    f.start(builder(ClientType.AUTO));
    f.transport.deferNextOpen();
    CompletableFuture<ClientState> connected = f.client.connect();
    f.transport.nextOpen();
    f.time.advance(TIMEOUT);
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.isHandshake()).isTrue();
    hs.answer(new Frame.Handshake("alice", null));
    assertThat(ClientFixture.join(connected).via()).isEqualTo(Via.AJAX_POLL);
  }

  @Test
  void underAutoAFirstWebSocketThatOpensButCarriesNoHandshakeFallsBackToAjax() {
    f.start(builder(ClientType.AUTO));
    f.client.connect();
    FakeConnection silent = f.transport.nextOpen(); // a proxy completed the upgrade and forwards nothing
    f.settle();
    f.time.advance(TIMEOUT);
    assertThat(silent.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.isHandshake()).isTrue();
    hs.answer(new Frame.Handshake("alice", null));
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.AJAX_POLL);
  }

  @Test
  void underAutoASilentWebSocketAfterOneThatHandshakenStaysOnWebSockets() {
    f.start(builder(ClientType.AUTO));
    f.client.connect();
    FakeConnection first = f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    first.cut();
    FakeConnection silent = f.transport.nextOpen(); // attempt 1, at once
    f.settle();
    f.time.advance(TIMEOUT);
    assertThat(silent.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());
    f.settle(); // the backoff is drawn on the client's executor, which arms its timer: before time moves
    f.time.advance(Duration.ofSeconds(20)); // attempt 2's backoff
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).as("no Ajax request").isEmpty();
  }

  @Test
  void anAjaxHandshakeWithoutAnAnswerIsAbandonedBeforeTheAjaxTimeout() {
    f.start(builder(ClientType.AJAX).ajaxTimeout(Duration.ofSeconds(60)));
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeHttpExchange unanswered = f.transport.nextGet();
    assertThat(unanswered.isHandshake()).isTrue();
    f.time.advance(TIMEOUT);
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose().get().reason())
        .isEqualTo(CloseReason.TIMEOUT);
    FakeHttpExchange retry = f.transport.nextGet();
    assertThat(retry.isHandshake()).isTrue();
    retry.answer(new Frame.Handshake("alice", null));
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
  }
}
