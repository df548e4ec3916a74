package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static io.sente4j.core.AjaxCalls.post;
import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.internal.AjaxClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application's {@link Scheduler} that throws instead of arming one of an Ajax client's timers: nothing is thrown
 * to a request's or a timer's thread; each refusal is reported ({@link ServerError.Kind#SCHEDULER_REFUSED}) and the
 * server does at once what the timer would have made it do.
 */
class ServerAjaxSchedulerRefusalTest {
  private static final Duration LONG_POLL = Duration.ofSeconds(20);
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Duration WINDOW = Duration.ofMillis(100);
  private static final Duration RETRY_WINDOW = Duration.ofSeconds(10);
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(15);

  private final ServerFixture f = new ServerFixture(b -> b.ajaxReplyTimeout(REPLY_TIMEOUT));

  @AfterEach
  void stop() {
    f.scheduler.acceptAll();
    f.close();
  }

  /** The errors reported by now, each checked to be a refusal. */
  private List<String> refusals() {
    f.idle();
    List<ServerError> errors = ServerFixture.drain(f.errors);
    errors.stream().filter(e -> e.kind() == ServerError.Kind.SCHEDULER_REFUSED).forEach(e ->
        assertThat(e.cause()).isInstanceOf(RejectedExecutionException.class));
    return errors.stream().map(e -> e.kind() + ": " + e.message()).toList();
  }

  @Test
  void aPollWhoseLongPollTimeoutTheSchedulerRefusesIsAnswered503AndReportedEachTime() {
    // Regression: the refusal was thrown out of the poll's request, and the poll stayed parked with no timeout. Then
    // the poll was answered :chsk/timeout at once, which a client takes as "poll again at once": with a scheduler
    // refusing for good, a hot loop of polls. A 503 ends the client's connection, which it retries after its backoff.
    handshake(f, "alice", "c1");
    f.scheduler.refuse(LONG_POLL);
    for (int i = 0; i < 2; i++) {
      FakeHeld poll = poll(f, "alice", "c1");
      assertThat(poll.status()).isEqualTo(503);
      assertThat(poll.body().asText()).isEqualTo(AjaxClient.UNTIMED_POLL);
      assertThat(refusals()).as("poll %d", i).singleElement().asString().contains("SCHEDULER_REFUSED")
          .contains("long-poll timeout timer").contains("503");
    }
    f.scheduler.acceptAll();
    FakeHeld parked = poll(f, "alice", "c1");
    assertThat(parked.isAnswered()).as("the same connection polls on once the scheduler arms timers").isFalse();
  }

  @Test
  void aGraceTheSchedulerRefusesEndsPresenceAndForgetsTheClientAtOnce() {
    // Regression: the refusal was thrown out of the timer's thread as the long-poll timed out, and the client was
    // kept (counted connected, its connection never forgotten) for good.
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    f.scheduler.refuse(GRACE); // the presence grace and the grace before forgetting the client
    f.advance(LONG_POLL);
    assertThat(refusals()).containsExactlyInAnyOrder(
        "SCHEDULER_REFUSED: the scheduler refused the Ajax disconnect grace timer; the presence ended at once",
        "SCHEDULER_REFUSED: the scheduler refused the Ajax client's disconnect grace timer; the grace ended at once");
    assertThat(f.server.connectedUids().any()).isEmpty();
    assertThat(f.server.metrics().openAjaxClients()).as("the client is forgotten").isZero();
  }

  @Test
  void aClientClosedWithAPollParkedIsCountedClosedForTheClosesReasonWhenTheGraceIsRefused() {
    // Regression: closing answered the parked poll as its end does, which starts the grace before forgetting the
    // client; refused, that grace forgot the client at once, as timed out, before the close forgot it for its reason.
    handshake(f, "alice", "c1");
    FakeHeld parked = poll(f, "alice", "c1");
    f.scheduler.refuse(GRACE);
    f.server.stop();
    assertThat(parked.pollFrame()).isInstanceOf(Frame.Timeout.class);
    assertThat(f.server.metrics().connectionsClosed())
        .containsEntry(CloseReason.SERVER_STOP, 1L).containsEntry(CloseReason.TIMEOUT, 0L);
    assertThat(refusals()).noneMatch(r -> r.contains("the Ajax client's disconnect grace timer"));
  }

  @Test
  void aHandshakeWhoseGraceTheSchedulerRefusesIsAnswered503AndReported() {
    // Regression: the handshake was answered 200 for a client forgotten at once; its poll, of a client the server did
    // not know, was answered at once with a new handshake, forgotten at once in turn: a loop of GETs answered at once.
    f.scheduler.refuse(GRACE);
    for (boolean askedHandshake : new boolean[] {true, false}) { // a poll of a client it does not know, too
      FakeHeld get = AjaxCalls.call(f, AjaxCalls.getRequest("alice", "c1", askedHandshake));
      assertThat(get.status()).isEqualTo(503);
      assertThat(get.body().asText()).isEqualTo(AjaxPath.UNTIMED_HANDSHAKE);
      assertThat(refusals()).singleElement().asString()
          .isEqualTo("SCHEDULER_REFUSED: the scheduler refused the Ajax client's disconnect grace timer; the grace "
              + "ended at once");
    }
    assertThat(f.server.metrics().openAjaxClients()).isZero();
    f.scheduler.acceptAll();
    handshake(f, "alice", "c1");
    assertThat(poll(f, "alice", "c1").isAnswered()).as("parked").isFalse();
  }

  @Test
  void aPushRetryWindowTheSchedulerRefusesDropsTheHeldPushAndReportsIt() {
    // Regression: the refusal was thrown out of the flush, and the push was held with nothing to bound it.
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    f.server.send("alice", ev("a/b", 1L));
    f.advance(WINDOW); // answers the poll: no poll parked now
    f.scheduler.refuse(RETRY_WINDOW);
    f.server.send("alice", ev("a/b", 2L));
    f.advance(WINDOW);
    assertThat(refusals()).containsExactlyInAnyOrder(
        "SCHEDULER_REFUSED: the scheduler refused the Ajax client's push retry window timer; the pushes held for the"
            + " next poll were dropped at once",
        "PUSH_DROPPED: 1 pushed event(s) dropped: the scheduler refused the push retry window timer");
    f.scheduler.acceptAll();
    assertThat(poll(f, "alice", "c1").isAnswered()).as("nothing held: the next poll is parked").isFalse();
  }

  @Test
  void aReplyTimeoutTheSchedulerRefusesIsAnswered503AndReported() {
    // Regression: answered 503 without a report (and a scheduler throwing anything but RejectedExecutionException
    // threw out of the transport's callback).
    handshake(f, "alice", "c1");
    f.scheduler.refuse(REPLY_TIMEOUT);
    FakeHeld posted = post(f, "alice", "c1", ev("a/b", null), true);
    assertThat(posted.status()).isEqualTo(503);
    assertThat(posted.body().asText()).as("not \"Server stopped\": the server runs").isEqualTo(AjaxPath.UNTIMED);
    assertThat(refusals()).singleElement().asString().contains("SCHEDULER_REFUSED")
        .contains("reply timeout timer").contains("a/b");
    assertThat(f.events).as("not handled").isEmpty();
  }

  @Test
  void aPushWhosePollCannotBeAnsweredAsTheGraceIsRefusedIsReportedDropped() {
    // Regression: the push ended the poll, whose refused grace forgot the client at once, and was then held for the
    // forgotten client's next poll, which never comes: lost without a report, and counted pushed.
    handshake(f, "alice", "c1");
    ServerAnswer answer = f.server.handle(AjaxCalls.getRequest("alice", "c1", false));
    ((ServerAnswer.Hold) answer).onHeld().accept(new HeldResponse() {
      @Override
      public boolean complete(int status, Payload body) {
        return false; // the transport could not write it (the connection broke as the push came)
      }

      @Override
      public boolean isOpen() {
        return true;
      }

      @Override
      public void onAbandoned(Runnable action) {}
    });
    f.idle();
    f.scheduler.refuse(GRACE);
    f.server.sendNow("alice", ev("a/b", 1L));
    f.advance(RETRY_WINDOW);
    assertThat(refusals()).contains(
        "PUSH_DROPPED: 1 pushed event(s) dropped: the connection ended before the push was flushed");
    assertThat(f.server.metrics().eventsPushed()).isZero();
  }
}
