package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code stop()} called from an event's handler: it does not wait for that event (nor, over a WebSocket, for the
 * events queued behind it), which cannot be handled before the handler returns; it still waits for the others.
 */
class ServerStopFromHandlerTest {
  private static final Keyword SHUTDOWN = Keyword.of("admin", "shutdown");
  /** Longer than every wait of these tests (5 s): a stop that waits it out shows as an event not handled in time. */
  private final ServerFixture f = new ServerFixture(b -> b.stopTimeout(Duration.ofSeconds(10)));

  @AfterEach
  void stop() {
    f.close();
  }

  private static String packed(Event event, boolean wantsReply) {
    return FakeChannel.CODEC.encode(new Frame.AjaxEvent(event, wantsReply)).asText();
  }

  @Test
  void aWebSocketEventsHandlerThatStopsTheServerDoesNotWaitForItsOwnEvent() {
    // Regression: the handler's own event counted as unhandled, so the stop waited out the whole stopTimeout.
    FakeChannel ch = f.connect("alice", "c1");
    f.onEvent = msg -> f.server.stop();
    ch.clientSends(new Frame.ClientEvent(Event.of(SHUTDOWN, null), null));
    assertThat(f.nextEvent().id()).as("the handler returned from stop()").isEqualTo(SHUTDOWN);
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.SERVER_STOP.code());
  }

  @Test
  void norForTheEventsQueuedBehindItOnItsWebSocketWhichAreHandledAfterwards() {
    FakeChannel ch = f.connect("alice", "c1");
    CountDownLatch queued = new CountDownLatch(1);
    f.onEvent = msg -> {
      if (msg.id().equals(SHUTDOWN)) {
        ServerFixture.awaitRelease(queued);
        f.server.stop();
      }
    };
    ch.clientSends(new Frame.ClientEvent(Event.of(SHUTDOWN, null), null));
    ch.clientSends(new Frame.ClientEvent(ev("chat/later", 1L), null)); // one at a time: behind the stopping handler
    queued.countDown();
    assertThat(f.nextEvent().id()).isEqualTo(SHUTDOWN);
    assertThat(f.nextEvent().event()).as("run by the application's executor once the handler returned")
        .isEqualTo(ev("chat/later", 1L));
  }

  @Test
  void anAjaxPostsHandlerThatStopsTheServerDoesNotWaitForItsOwnPost() {
    // Regression: the POST's event counted as unhandled until its handler returned, so the stop waited it out.
    f.onEvent = msg -> f.server.stop();
    FakeHeld ack = AjaxCalls.hold(f, AjaxCalls.postRequest("alice", "c1", packed(Event.of(SHUTDOWN, null), false)));
    assertThat(ack.postFrame()).isEqualTo(new Frame.AjaxAck());
    assertThat(f.nextEvent().id()).as("the handler returned from stop()").isEqualTo(SHUTDOWN);
  }

  @Test
  void aReplyGivenAfterStoppingTheServerIsDroppedAndReported() {
    f.onEvent = msg -> {
      f.server.stop();
      msg.reply("too late");
    };
    FakeHeld post = AjaxCalls.hold(f, AjaxCalls.postRequest("alice", "c1", packed(Event.of(SHUTDOWN, null), true)));
    f.nextEvent();
    assertThat(post.postFrame()).as("answered by the stop").isEqualTo(new Frame.Timeout());
    assertThat(f.server.metrics().errors().get(ServerError.Kind.REPLY_DROPPED)).isOne();
  }

  @Test
  void aStopFromAHandlerStillWaitsForTheOtherEvents() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    f.onEvent = msg -> {
      if (msg.id().equals(SHUTDOWN)) {
        f.server.stop();
      } else {
        ServerFixture.awaitRelease(release);
        msg.reply("done");
      }
    };
    FakeHeld slow = AjaxCalls.hold(f, AjaxCalls.postRequest("alice", "c1", packed(ev("calc/slow", null), true)));
    AjaxCalls.hold(f, AjaxCalls.postRequest("bob", "c2", packed(Event.of(SHUTDOWN, null), false)));
    assertThat(f.events.poll(200, TimeUnit.MILLISECONDS)).as("the stop waits for the other POST's handler").isNull();
    release.countDown();
    assertThat(f.nextEvent().event()).isEqualTo(ev("calc/slow", null));
    assertThat(f.nextEvent().id()).isEqualTo(SHUTDOWN);
    assertThat(slow.postFrame()).as("replied within the drain").isEqualTo(new Frame.AjaxReply("done"));
  }
}
