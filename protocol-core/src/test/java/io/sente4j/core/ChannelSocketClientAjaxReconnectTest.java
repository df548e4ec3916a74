package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lost Ajax connections: failed polls, 401, the Ajax timeout, disconnect and reconnect (PROTOCOL.md §7.6, §10.2). */
class ChannelSocketClientAjaxReconnectTest {

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ChannelSocketClient.Builder ajax() {
    return f.builder(ToyPacker.TEXT).type(ClientType.AJAX).backoff(ClientFixture.STEPS);
  }

  private void noNewGetAfter(Duration wait) {
    f.time.advance(wait);
    f.settle();
    assertThat(f.transport.pollGet()).isNull();
  }

  @Test
  void aPollAnsweredWithAnErrorStatusIsALostConnectionThatReconnectsWithBackoff() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    poll.status(503, "busy");
    AjaxRefusedException error = (AjaxRefusedException) f.nextError();
    assertThat(error).hasMessage("Ajax poll refused with HTTP 503: busy");
    assertThat(error.status()).isEqualTo(503);
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(new CloseInfo(CloseReason.ERROR, 1006, error.getMessage(), false));
    assertThat(closed.via()).isEqualTo(Via.AJAX_POLL);
    FakeHttpExchange retry = f.transport.nextGet(); // attempt 1, at once
    assertThat(retry.isHandshake()).isTrue();
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(1);
    retry.fail(new java.io.IOException("no route"));
    assertThat(f.nextError()).isInstanceOf(java.io.IOException.class);
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose().get().text()).isEqualTo("no route");
    noNewGetAfter(Duration.ofMillis(19_999));
    f.time.advance(Duration.ofMillis(1));
    FakeHttpExchange third = f.transport.nextGet(); // attempt 2, after 20 s
    assertThat(third.isHandshake()).isTrue();
    third.answer(new Frame.Handshake("alice", null));
    assertThat(f.awaitState(ClientState::isOpen).attempt()).isZero();
    assertThat(f.transport.nextGet().isHandshake()).isFalse();
  }

  @Test
  void pollsRefusedRightAfterEachHandshakeMeetTheGrowingBackoff() {
    f.start(ajax());
    f.connectAjax("alice").status(503, "busy"); // opened by connect(): attempt 1 follows at once
    for (int attempt = 1; attempt <= 3; attempt++) {
      f.awaitState(s -> s.status() == Status.CLOSED);
      if (attempt > 1) {
        long delayMillis = 10_000L * attempt; // ClientFixture.STEPS
        noNewGetAfter(Duration.ofMillis(delayMillis - 1));
        f.time.advance(Duration.ofMillis(1));
      }
      FakeHttpExchange handshake = f.transport.nextGet();
      assertThat(handshake.isHandshake()).isTrue();
      int expected = attempt;
      assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isEqualTo(expected);
      handshake.answer(new Frame.Handshake("alice", null));
      f.awaitState(ClientState::isOpen);
      f.transport.nextGet().status(503, "busy"); // the poll after the handshake, at once
    }
    f.awaitState(s -> s.status() == Status.CLOSED);
    noNewGetAfter(Duration.ofMillis(39_999)); // attempt 4
    f.time.advance(Duration.ofMillis(1));
    assertThat(f.transport.nextGet().isHandshake()).isTrue();
  }

  @Test
  void whatIsInFlightWhenThePollFailsEndsClosed() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    CompletableFuture<Object> request = f.client.send(Event.of("app/q", 1L), Duration.ofMinutes(5));
    CompletableFuture<Void> plain = f.client.send(Event.of("app/n", 2L));
    FakeHttpExchange p1 = f.transport.nextPost();
    FakeHttpExchange p2 = f.transport.nextPost();
    poll.fail(new java.io.IOException("reset"));
    assertThat(ClientFixture.failure(request)).isInstanceOf(ReplyClosedException.class)
        .hasMessageContaining("the connection closed (error)");
    assertThat(ClientFixture.failure(plain)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the Ajax connection closed (error) before the server answered the POST");
    assertThat(p1.cancelled()).isTrue();
    assertThat(p2.cancelled()).isTrue();
    p1.answer(new Frame.AjaxReply("late"));
    f.settle();
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void aPollAnswered401ClosesAsUnauthorizedAndStaysClosedUntilConnect() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    CompletableFuture<Object> request = f.client.send(Event.of("app/q", 1L), Duration.ofMinutes(5));
    f.transport.nextPost();
    poll.status(401, "Unauthorized request");
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose())
        .contains(new CloseInfo(CloseReason.UNAUTHORIZED, 4003, "Unauthorized request", false));
    assertThat(ClientFixture.failure(request)).isInstanceOf(ReplyClosedException.class);
    noNewGetAfter(Duration.ofHours(1));
    assertThat(f.errors).as("shown by the state, not reported as an error").isEmpty();
    CompletableFuture<ClientState> again = f.client.connect();
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.isHandshake()).isTrue();
    hs.answer(new Frame.Handshake("alice", null));
    assertThat(ClientFixture.join(again).isOpen()).isTrue();
  }

  @Test
  void aHandshakeRefusedWith401Or403IsAFailedAttemptThatIsRetried() {
    f.start(ajax());
    CompletableFuture<ClientState> connected = f.client.connect();
    f.transport.nextGet().status(403, "Bad CSRF token");
    assertThat(f.nextError()).isInstanceOf(AjaxRefusedException.class)
        .hasMessage("Ajax handshake refused with HTTP 403: Bad CSRF token");
    FakeHttpExchange retry = f.transport.nextGet();
    retry.status(401, "Unauthorized request");
    assertThat(f.nextError()).hasMessage("Ajax handshake refused with HTTP 401: Unauthorized request");
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED && s.attempt() == 1).lastClose().get().reason())
        .isEqualTo(CloseReason.ERROR);
    f.time.advance(Duration.ofSeconds(20));
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
  }

  @Test
  void aPollWithoutAnswerWithinTheAjaxTimeoutIsLostAsTimeoutAndReconnectsAtOnce() {
    f.start(ajax().ajaxTimeout(Duration.ofSeconds(45)));
    FakeHttpExchange poll = f.connectAjax("alice");
    assertThat(poll.call.timeout()).isEqualTo(Duration.ofSeconds(45));
    noNewGetAfter(Duration.ofMillis(44_999));
    f.time.advance(Duration.ofMillis(1));
    assertThat(f.nextError()).isInstanceOf(TimeoutException.class)
        .hasMessage("no response to the Ajax poll within PT45S");
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose())
        .contains(new CloseInfo(CloseReason.TIMEOUT, 4001, "no response to the Ajax poll within PT45S", true));
    assertThat(poll.cancelled()).isTrue();
    assertThat(f.transport.nextGet().isHandshake()).isTrue();
  }

  @Test
  void aTransportTimeoutCountsAsTheAjaxTimeout() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    poll.fail(new java.net.http.HttpTimeoutException("request timed out"));
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose().get().reason())
        .isEqualTo(CloseReason.TIMEOUT);
  }

  @Test
  void disconnectGivesUpThePollAndThePostsAndStaysClosed() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    CompletableFuture<Object> request = f.client.send(Event.of("app/q", 1L), Duration.ofMinutes(5));
    CompletableFuture<Void> plain = f.client.send(Event.of("app/n", 2L));
    FakeHttpExchange p1 = f.transport.nextPost();
    f.transport.nextPost();
    f.client.disconnect();
    assertThat(ClientFixture.failure(request)).isInstanceOf(ReplyClosedException.class)
        .hasMessageContaining("the client disconnected");
    assertThat(ClientFixture.failure(plain)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the Ajax connection closed (requested) before the server answered the POST");
    f.settle(); // the poll was sent from the I/O thread, which may still be handing it over
    assertThat(poll.cancelled()).isTrue();
    assertThat(p1.cancelled()).isTrue();
    assertThat(f.client.state().lastClose()).contains(CloseInfo.byClient(CloseReason.REQUESTED));
    poll.answer(Frame.Push.of(Event.of("app/late", 1L)));
    noNewGetAfter(Duration.ofHours(1));
    assertThat(f.pushes).isEmpty();
    assertThat(f.client.state().status()).isEqualTo(Status.CLOSED);
  }

  @Test
  void reconnectGivesUpTheConnectionAndHandshakesAgainAtOnce() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    f.client.reconnect();
    f.settle();
    assertThat(poll.cancelled()).isTrue();
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.isHandshake()).isTrue();
    assertThat(f.awaitState(s -> s.status() == Status.CONNECTING).attempt()).isZero();
    hs.answer(new Frame.Handshake("bob", null));
    assertThat(f.awaitState(ClientState::isOpen).uid()).isEqualTo("bob");
  }

  @Test
  void theCsrfSupplierIsCalledOnEveryAttempt() {
    int[] n = {0};
    f.start(ajax().csrfToken(() -> "t" + (++n[0])));
    FakeHttpExchange poll = f.connectAjax("alice");
    assertThat(poll.call.headers().get("X-CSRF-Token")).containsExactly("t1");
    CompletableFuture<Void> sent = f.client.send(Event.of("app/n", 1L));
    assertThat(f.transport.nextPost().call.headers().get("X-CSRF-Token")).containsExactly("t1");
    poll.status(403, "Bad CSRF token");
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.call.headers().get("X-CSRF-Token")).containsExactly("t2");
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyClosedException.class);
  }
}
