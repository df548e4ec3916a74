package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.call;
import static io.sente4j.core.AjaxCalls.post;
import static io.sente4j.core.AjaxCalls.postRequest;
import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Ajax POST: the event, the ack, the reply and its timeout (PROTOCOL.md §5.5, §9.3). */
class ServerAjaxPostTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void anEventWithoutAReplyIsAckedAtOnceAndReachesTheHandlerAsAjax() {
    f.onEvent = msg -> msg.reply("ignored: no reply wanted");
    FakeHeld response = post(f, "alice", "c1", ev("chat/send", "hi"), false);
    assertThat(response.postFrame()).isEqualTo(new Frame.AjaxAck());
    EventMessage msg = f.nextEvent();
    assertThat(msg.event()).isEqualTo(ev("chat/send", "hi"));
    assertThat(msg.uid()).isEqualTo("alice");
    assertThat(msg.clientId()).isEqualTo("c1");
    assertThat(msg.via()).isEqualTo(Via.AJAX_POST);
    assertThat(msg.wantsReply()).isFalse();
    assertThat(msg.request().method()).isEqualTo("POST");
    assertThat(response.lateCompletions()).isZero();
  }

  @Test
  void theAckDoesNotWaitForTheHandler() {
    ServerAnswer answer = f.server.handle(postRequest("alice", "c1",
        FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("chat/send", 1L), false)).asText()));
    assertThat(answer).isInstanceOf(ServerAnswer.Respond.class);
    assertThat(((ServerAnswer.Respond) answer).status()).isEqualTo(200);
  }

  @Test
  void anEventThatWantsAReplyIsAnsweredWithTheReply() {
    f.onEvent = msg -> msg.reply(42L);
    FakeHeld response = post(f, "alice", "c1", ev("calc/answer", null), true);
    assertThat(response.postFrame()).isEqualTo(new Frame.AjaxReply(42L));
    assertThat(f.nextEvent().wantsReply()).isTrue();
  }

  @Test
  void aReplyGivenLaterFromAnotherThreadAnswersThePost() {
    AtomicReference<EventMessage> kept = new AtomicReference<>();
    f.onEvent = kept::set;
    FakeHeld response = post(f, "alice", "c1", ev("calc/answer", null), true);
    assertThat(response.isAnswered()).isFalse();
    assertThat(kept.get().reply("later")).isTrue();
    assertThat(response.postFrame()).isEqualTo(new Frame.AjaxReply("later"));
  }

  @Test
  void onlyTheFirstReplyCounts() {
    f.onEvent = msg -> {
      assertThat(msg.reply(1L)).isTrue();
      assertThat(msg.reply(2L)).isFalse();
    };
    assertThat(post(f, "alice", "c1", ev("a/b", null), true).postFrame()).isEqualTo(new Frame.AjaxReply(1L));
  }

  @Test
  void withoutAReplyWithinTheReplyTimeoutThePostIsAnsweredTimeoutAndTheLateReplyIsReported() {
    AtomicReference<EventMessage> kept = new AtomicReference<>();
    f.onEvent = kept::set;
    FakeHeld response = post(f, "alice", "c1", ev("calc/slow", null), true);
    f.advance(Duration.ofMillis(19_999));
    assertThat(response.isAnswered()).as("the reply timeout defaults to the long-poll timeout, 20 s").isFalse();
    f.advanceMillis(1);
    assertThat(response.postFrame()).isEqualTo(new Frame.Timeout());
    assertThat(kept.get().reply("too late")).isFalse();
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
    assertThat(e.uid()).isEqualTo("alice");
    assertThat(e.clientId()).isEqualTo("c1");
  }

  @Test
  void theReplyTimeoutIsConfigurableAndFollowsTheLongPollTimeoutByDefault() {
    try (ServerFixture g = new ServerFixture(b -> b.longPollTimeout(Duration.ofSeconds(7)))) {
      FakeHeld response = post(g, "alice", "c1", ev("calc/slow", null), true);
      g.advanceMillis(6999);
      assertThat(response.isAnswered()).isFalse();
      g.advanceMillis(1);
      assertThat(response.postFrame()).isEqualTo(new Frame.Timeout());
    }
    try (ServerFixture g = new ServerFixture(b -> b.ajaxReplyTimeout(Duration.ofSeconds(2)))) {
      FakeHeld response = post(g, "alice", "c1", ev("calc/slow", null), true);
      g.advanceMillis(1999);
      assertThat(response.isAnswered()).isFalse();
      g.advanceMillis(1);
      assertThat(response.postFrame()).isEqualTo(new Frame.Timeout());
    }
  }

  @Test
  void aReplyTimeoutOf60SecondsOrMoreIsRefusedAsTheLongPollTimeoutIs() {
    // Regression: accepted, so a POST could wait for its reply past the 60 s after which a Sente client gives up on
    // it: the client took it for a failed request and never read the :chsk/timeout.
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(ToyPacker.TEXT);
    for (Duration tooLong : List.of(Duration.ofSeconds(60), Duration.ofMillis(60_001), Duration.ofMinutes(5))) {
      assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxReplyTimeout(tooLong))
          .withMessage("ajaxReplyTimeout must be below the 60 s Ajax request timeout of Sente clients, got " + tooLong);
    }
    assertThatCode(() -> b.ajaxReplyTimeout(Duration.ofMillis(59_999))).doesNotThrowAnyException();
    assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxReplyTimeout(Duration.ZERO))
        .withMessage("ajaxReplyTimeout must be positive, got PT0S");
  }

  @Test
  void aHandlerThatThrowsAnswersError() {
    f.onEvent = msg -> {
      throw new IllegalStateException("boom (expected in this test)");
    };
    assertThat(post(f, "alice", "c1", ev("a/b", null), true).postFrame()).isEqualTo(new Frame.AjaxReply(Chsk.ERROR));
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
  }

  @Test
  void aClientThatStopsWaitingGetsNothingAndTheReplyIsReported() {
    AtomicReference<EventMessage> kept = new AtomicReference<>();
    f.onEvent = kept::set;
    FakeHeld response = post(f, "alice", "c1", ev("calc/slow", null), true);
    response.abandon();
    assertThat(kept.get().reply(1L)).isFalse();
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
    f.advance(Duration.ofSeconds(30));
    assertThat(response.lateCompletions()).as("the reply's attempt only: the reply timeout was cancelled").isOne();
  }

  @Test
  void aPostAbandonedBeforeTheServerHoldsItStillReachesTheHandlerAndItsReplyIsReported() {
    // Regression: the held reply's end ran at once (the exchange was already abandoned) before the reply was
    // registered, and its removal of a null threw out of the hold, so the event was lost unreported.
    AtomicReference<EventMessage> kept = new AtomicReference<>();
    f.onEvent = kept::set;
    ServerAnswer answer = f.server.handle(postRequest("alice", "c1",
        FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/late", null), true)).asText()));
    assertThat(answer).isInstanceOf(ServerAnswer.Hold.class);
    FakeHeld gone = new FakeHeld(f.time);
    gone.abandon();
    ((ServerAnswer.Hold) answer).onHeld().accept(gone);
    f.idle();
    assertThat(f.nextEvent().event()).isEqualTo(ev("calc/late", null));
    assertThat(kept.get().reply(1L)).isFalse();
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
    assertThat(post(f, "alice", "c1", ev("calc/next", null), false).postFrame())
        .as("the client's receive queue was given its room back").isEqualTo(new Frame.AjaxAck());
  }

  @Test
  void aSente117PostWithItsPrefixAndZeroMarkerWantsAReply() {
    f.onEvent = msg -> msg.reply(msg.data());
    FakeHeld response = call(f, postRequest("alice", "c1", "+[[:my-app/some-req \"Rich\"] 0]"));
    assertThat(response.postFrame()).isEqualTo(new Frame.AjaxReply("Rich"));
  }

  @Test
  void aBinaryPostCarriesTheFrameAsTheRawBody() {
    f.onEvent = msg -> msg.reply("got " + msg.data());
    ServerRequest r = ServerRequest.builder("POST", "/chsk").queryParam("client-id", "c1")
        .queryParam("binary?", "true").header("content-type", "application/octet-stream")
        .body(Payload.binary(Bytes.copyOf("[[:a/b 7] :ajax]".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .build();
    assertThat(call(f, r).postFrame()).isEqualTo(new Frame.AjaxReply("got 7"));
  }

  @Test
  void aBadFrameIs400NamingTheReasonAndIsReported() {
    FakeHeld unreadable = call(f, postRequest("alice", "c1", "[[:a/b"));
    assertThat(unreadable.status()).isEqualTo(400);
    assertThat(unreadable.body().asText()).startsWith("Bad frame (UNPACKABLE)");
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.BAD_FRAME);
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.cause()).isInstanceOf(FrameException.class);

    FakeHeld notAnEvent = call(f, postRequest("alice", "c1", "[42 :ajax]"));
    assertThat(notAnEvent.status()).isEqualTo(400);
    assertThat(notAnEvent.body().asText()).startsWith("Bad frame (BAD_EVENT)");
  }

  @Test
  void aChskEventInAPostIs400ReservedEventEvenAPing() {
    FakeHeld ping = call(f, postRequest("alice", "c1", "[[:chsk/ws-ping] :ajax]"));
    assertThat(ping.status()).isEqualTo(400);
    assertThat(ping.body().asText()).startsWith("Bad frame (RESERVED_EVENT)");
    f.idle();
    assertThat(f.events).isEmpty();
  }

  @Test
  void aPostHeldOnlyAfterTheServerStoppedIsAnswered503AndNothingThrows() {
    // Regression: the held reply's timeout was set on the server's own timer, which the stop had shut down: the
    // RejectedExecutionException went out of the hold to the transport, and the POST was never answered.
    List<ServerError> reported = new CopyOnWriteArrayList<>();
    ChannelSocketServer own = ChannelSocketServer.builder(ToyPacker.TEXT).withoutCsrfCheck()
        .errorListener(reported::add).build();
    ServerAnswer post = own.handle(postRequest("alice", "c1",
        FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/late", null), true)).asText()));
    ServerAnswer get = own.handle(AjaxCalls.getRequest("alice", "c1", true));
    own.stop();
    FakeHeld postResponse = new FakeHeld(f.time);
    FakeHeld getResponse = new FakeHeld(f.time);
    assertThatCode(() -> ((ServerAnswer.Hold) post).onHeld().accept(postResponse)).doesNotThrowAnyException();
    assertThatCode(() -> ((ServerAnswer.Hold) get).onHeld().accept(getResponse)).doesNotThrowAnyException();
    assertThat(postResponse.status()).isEqualTo(503);
    assertThat(postResponse.body().asText()).isEqualTo("Server stopped");
    assertThat(getResponse.status()).isEqualTo(503);
    assertThat(reported).as("the stopped server's own timer refusing is no scheduler failure")
        .noneMatch(e -> e.kind() == ServerError.Kind.SCHEDULER_REFUSED);
  }

  @Test
  void aPostWhoseTransportThrowsAnsweringItIsLetGoAndGivesItsRoomBack() {
    // Regression: a transport that threw while completing the POST's response (having closed it) left the held reply
    // among those the server waits for, its timeout set and its room among the pending Ajax requests taken for good.
    try (ServerFixture g = new ServerFixture(b -> b.maxPendingAjaxRequests(1))) {
      g.onEvent = msg -> msg.reply(1L);
      int[] completions = new int[1];
      HeldResponse throwing = new HeldResponse() {
        private boolean open = true;

        @Override
        public synchronized boolean complete(int status, Payload body) {
          completions[0]++;
          open = false;
          throw new IllegalStateException("the write failed (expected in this test)");
        }

        @Override
        public synchronized boolean isOpen() {
          return open;
        }

        @Override
        public void onAbandoned(Runnable action) {}
      };
      ServerAnswer answer = g.server.handle(postRequest("alice", "c1",
          FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/q", null), true)).asText()));
      ((ServerAnswer.Hold) answer).onHeld().accept(throwing);
      g.idle();
      assertThat(g.nextError().kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
      g.advance(Duration.ofSeconds(30));
      assertThat(completions[0]).as("the reply timeout was cancelled").isOne();
      assertThat(post(g, "alice", "c1", ev("calc/q", null), true).postFrame()).as("its room was given back")
          .isEqualTo(new Frame.AjaxReply(1L));
      g.server.stop();
      assertThat(completions[0]).as("not answered again when the server stops").isOne();
    }
  }

  @Test
  void aPendingReplyIsAnsweredTimeoutWhenTheServerStops() {
    AtomicReference<EventMessage> kept = new AtomicReference<>();
    f.onEvent = kept::set;
    FakeHeld response = post(f, "alice", "c1", ev("calc/slow", null), true);
    f.server.stop();
    assertThat(response.postFrame()).isEqualTo(new Frame.Timeout());
    assertThat(kept.get().reply(1L)).isFalse();
  }

  @Test
  void stopWaitsForAPostsHandlerAndItsReplyAnswersThePost() throws Exception {
    // Regression: stop()'s drain waited for the events of WebSockets only; a POST whose handler had not run yet was
    // answered :chsk/timeout at once, and its handler, run after the stop, had its reply dropped (and its pushes).
    CountDownLatch release = new CountDownLatch(1);
    f.onEvent = msg -> {
      ServerFixture.awaitRelease(release);
      f.server.send("alice", ev("app/late", 1L));
      msg.reply("done");
    };
    AjaxCalls.handshake(f, "alice", "a1");
    FakeHeld parked = AjaxCalls.poll(f, "alice", "a1");
    ServerAnswer answer = f.server.handle(postRequest("alice", "c1",
        FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/slow", null), true)).asText()));
    FakeHeld response = new FakeHeld(f.time);
    ((ServerAnswer.Hold) answer).onHeld().accept(response);
    Thread stopper = f.stopWhileAHandlerRuns();
    release.countDown();
    ServerFixture.awaitStopped(stopper);
    assertThat(response.postFrame()).isEqualTo(new Frame.AjaxReply("done"));
    assertThat(parked.pushedEvents()).containsExactly(ev("app/late", 1L));
    f.idle();
    assertThat(f.errors).isEmpty();
  }

  @Test
  void aPostTheTransportHoldsOnlyAfterTheStopIsRefusedAtOnceNotLeftToItsReplyTimeout() {
    // Regression: the stop answered the POSTs it found held; one that passed the check before the stop but was held
    // after it was handled, and with no reply waited for its reply timeout, whose timer a server's own scheduler,
    // shut down by the stop, drops: never answered.
    try (ServerFixture g = new ServerFixture(b -> b.stopTimeout(Duration.ZERO))) {
      ServerAnswer answer = g.server.handle(postRequest("alice", "c1",
          FakeChannel.CODEC.encode(new Frame.AjaxEvent(ev("calc/q", null), true)).asText()));
      g.server.stop();
      FakeHeld response = new FakeHeld(g.time);
      ((ServerAnswer.Hold) answer).onHeld().accept(response);
      g.idle();
      assertThat(response.status()).isEqualTo(503);
      assertThat(response.body().asText()).isEqualTo("Server stopped");
      assertThat(g.events).as("not handled: the client is told it was refused").isEmpty();
    }
  }
}
