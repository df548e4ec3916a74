package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.call;
import static io.sente4j.core.AjaxCalls.getRequest;
import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ajax GET: handshake, long-poll, its timeout, its replacement (PROTOCOL.md §5.4, §7.2). */
class ServerAjaxPollTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void theFirstGetOfAClientIsAHandshakeAnsweredAtOnce() {
    FakeHeld first = call(f, ServerRequest.builder("GET", "/chsk").queryParam("client-id", "c1")
        .queryParam("uid", "alice").queryParam("data", "pro").build());
    assertThat(first.pollFrame()).isEqualTo(new Frame.Handshake("alice", "pro"));
    FakeHeld second = poll(f, "alice", "c1");
    assertThat(second.isAnswered()).as("the second GET is a poll, parked").isFalse();
  }

  @Test
  void aHandshakeWithoutAUserIsTheNilUid() {
    assertThat(handshake(f, null, "c1")).isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
  }

  @Test
  void aParkedPollIsAnsweredByAPushWithoutHoldingAThread() {
    handshake(f, "alice", "c1");
    FakeHeld poll = poll(f, "alice", "c1");
    assertThat(f.server.handle(getRequest("alice", "c1", false))).isInstanceOf(ServerAnswer.Hold.class);
    f.idle(); // nothing runs while the poll is parked
    f.server.send("alice", ev("chat/msg", 1L));
    f.server.send("alice", ev("chat/msg", 2L));
    f.advanceMillis(99);
    assertThat(poll.isAnswered()).as("the Ajax send buffer waits 100 ms").isFalse();
    f.advanceMillis(1);
    assertThat(poll.isAnswered()).isTrue();
  }

  @Test
  void aPushAnswersTheParkedPollWithTheBatchInOrder() {
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1"); // replaced below
    FakeHeld poll = poll(f, "alice", "c1");
    f.server.send("alice", ev("chat/msg", 1L));
    f.server.send("alice", ev("chat/msg", 2L));
    f.advanceMillis(100);
    assertThat(poll.pushedEvents()).containsExactly(ev("chat/msg", 1L), ev("chat/msg", 2L));
  }

  @Test
  void aParkedPollIsAnsweredTimeoutAfterTheLongPollTimeout() {
    handshake(f, "alice", "c1");
    FakeHeld poll = poll(f, "alice", "c1");
    f.advance(Duration.ofMillis(19_999));
    assertThat(poll.isAnswered()).isFalse();
    f.advanceMillis(1);
    assertThat(poll.pollFrame()).isEqualTo(new Frame.Timeout());
  }

  @Test
  void theLongPollTimeoutIsConfigurable() {
    try (ServerFixture g = new ServerFixture(b -> b.longPollTimeout(Duration.ofSeconds(3)))) {
      handshake(g, "alice", "c1");
      FakeHeld poll = poll(g, "alice", "c1");
      g.advanceMillis(2999);
      assertThat(poll.isAnswered()).isFalse();
      g.advanceMillis(1);
      assertThat(poll.pollFrame()).isEqualTo(new Frame.Timeout());
    }
  }

  @Test
  void aLongPollTimeoutOf60SecondsOrMoreIsRefused() {
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(ToyPacker.TEXT);
    assertThatIllegalArgumentException().isThrownBy(() -> b.longPollTimeout(Duration.ofSeconds(60)))
        .withMessage("longPollTimeout must be below the 60 s Ajax request timeout of Sente clients, got PT1M");
    assertThatIllegalArgumentException().isThrownBy(() -> b.longPollTimeout(Duration.ZERO));
    b.longPollTimeout(Duration.ofMillis(59_999));
    assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxReplyTimeout(Duration.ZERO));
    assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxPushRetryWindow(Duration.ofMillis(-1)));
    assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxMaxHeldEvents(0));
    assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxMaxHeldBytes(0));
  }

  @Test
  void aNewerPollReplacesTheParkedOneWhichIsAnsweredTimeoutAtOnce() {
    handshake(f, "alice", "c1");
    FakeHeld older = poll(f, "alice", "c1");
    FakeHeld newer = poll(f, "alice", "c1");
    assertThat(older.pollFrame()).isEqualTo(new Frame.Timeout());
    assertThat(newer.isAnswered()).isFalse();
    f.server.sendNow("alice", ev("chat/msg", 1L));
    assertThat(newer.pushedEvents()).containsExactly(ev("chat/msg", 1L));
    assertThat(older.lateCompletions()).isZero();
  }

  @Test
  void aHandshakeOfAConnectedClientAnswersItsParkedPollTimeout() {
    handshake(f, "alice", "c1");
    FakeHeld parked = poll(f, "alice", "c1");
    handshake(f, "alice", "c1");
    assertThat(parked.pollFrame()).isEqualTo(new Frame.Timeout());
    assertThat(poll(f, "alice", "c1").isAnswered()).as("the client stays known: its next GET is a poll").isFalse();
  }

  @Test
  void anAbandonedPollIsNotAnsweredAndAPushWaitsForTheNextPoll() {
    handshake(f, "alice", "c1");
    FakeHeld gaveUp = poll(f, "alice", "c1");
    gaveUp.abandon();
    f.server.sendNow("alice", ev("chat/msg", 1L));
    assertThat(gaveUp.isAnswered()).isFalse();
    assertThat(gaveUp.lateCompletions()).isZero();
    FakeHeld next = poll(f, "alice", "c1");
    assertThat(next.pushedEvents()).containsExactly(ev("chat/msg", 1L));
  }

  @Test
  void aClientIdIsMatchedOnlyWithinItsUid() {
    handshake(f, "alice", "c1");
    FakeHeld alicePoll = poll(f, "alice", "c1");
    FakeHeld bobGet = poll(f, "bob", "c1");
    assertThat(bobGet.pollFrame()).as("bob has no connection c1: handshake").isEqualTo(new Frame.Handshake("bob",
        null));
    assertThat(alicePoll.isAnswered()).isFalse();
  }

  @Test
  void aClientForgottenAfterTheGraceGetsAHandshakeOnItsNextGet() {
    handshake(f, "alice", "c1");
    f.advance(Duration.ofMillis(4999));
    assertThat(poll(f, "alice", "c1").isAnswered()).as("still known within the grace: parked").isFalse();
    f.advance(Duration.ofSeconds(20)); // the poll times out
    f.advance(Duration.ofSeconds(5));
    assertThat(poll(f, "alice", "c1").pollFrame()).isInstanceOf(Frame.Handshake.class);
    assertThat(f.server.clientIds("alice")).containsExactly("c1");
  }

  @Test
  void aGraceTimerFiringAsTheClientHandshakesAgainDoesNotForgetIt() throws Exception {
    // Regression: the disconnect grace timer, once firing, could not be cancelled; one that fired as a handshake (or a
    // poll answered at once with held pushes) restarted the grace ended it all the same, and the client was forgotten
    // as it went on polling: its next poll was answered with a handshake, and pushes meanwhile were dropped.
    Duration grace = Duration.ofMillis(4321);
    GatedScheduler gated = new GatedScheduler(grace);
    try (ServerFixture g = new ServerFixture(b -> b.scheduler(gated).ajaxDisconnectGrace(grace))) {
      handshake(g, "alice", "c1");
      Thread firing = gated.advanceUntilTheHeldTimerFires(grace);
      handshake(g, "alice", "c1");
      gated.release(firing);
      assertThat(g.server.clientIds("alice")).as("a new grace started with the handshake").containsExactly("c1");
      assertThat(poll(g, "alice", "c1").isAnswered()).as("parked, not answered with a handshake").isFalse();
    }
  }

  @Test
  void theUserIdFunctionRunsOnTheHandlerExecutorAndItsFailureIs500() {
    try (ServerFixture g = new ServerFixture(b -> b.userId((request, clientId) -> {
      throw new IllegalStateException("no session (expected in this test)");
    }))) {
      FakeHeld get = call(g, getRequest("alice", "c1", true));
      assertThat(get.status()).isEqualTo(500);
      ServerError e = g.nextError();
      assertThat(e.kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
      assertThat(e.clientId()).isEqualTo("c1");
    }
  }

  @Test
  void afterStopAjaxRequestsAre503() {
    f.server.stop();
    assertThat(f.server.handle(getRequest("alice", "c1", true)))
        .isEqualTo(new ServerAnswer.Reject(503, "Server stopped"));
    assertThat(List.of(f.server.handle(AjaxCalls.postRequest("alice", "c1", "x"))))
        .containsExactly(new ServerAnswer.Reject(503, "Server stopped"));
  }
}
