package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static io.sente4j.core.AjaxCalls.post;
import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server's Ajax timers (long-poll timeout, reply timeout, push retry window, disconnect grace) when they fire
 * before {@code schedule} has returned: each still ends what it times, once, and leaves the next one timed.
 */
class ServerAjaxRushedTimersTest {
  private static final Duration LONG_POLL = Duration.ofSeconds(20);
  private static final Duration REPLY = Duration.ofSeconds(19);
  private static final Duration RETRY = Duration.ofSeconds(10);
  private static final Duration GRACE = Duration.ofSeconds(5);

  private final VirtualScheduler time = new VirtualScheduler();

  private ServerFixture fixture(RushingScheduler rushing) {
    return new ServerFixture(b -> b.scheduler(rushing).ajaxReplyTimeout(REPLY));
  }

  private void advance(ServerFixture f, Duration by) {
    time.advance(by);
    f.idle();
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aLongPollTimeoutThatFiresAsItIsArmedAnswersTimeoutAndTheNextPollIsTimed(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    try (ServerFixture f = fixture(rushing)) {
      handshake(f, "alice", "c1");
      rushing.rush(1, LONG_POLL::equals);

      FakeHeld first = poll(f, "alice", "c1");
      rushing.awaitRushed();
      f.idle();

      assertThat(rushing.rushed()).isEqualTo(1);
      assertThat(first.pollFrame()).isEqualTo(new Frame.Timeout());
      FakeHeld second = poll(f, "alice", "c1");
      assertThat(second.isAnswered()).as("the next poll is parked").isFalse();
      advance(f, LONG_POLL);
      assertThat(second.pollFrame()).isEqualTo(new Frame.Timeout());
      assertThat(rushing.failures()).isEmpty();
      assertThat(f.errors).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aReplyTimeoutThatFiresAsItIsArmedAnswersThePostTimeoutOnce(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    try (ServerFixture f = fixture(rushing)) {
      AtomicReference<EventMessage> kept = new AtomicReference<>();
      f.onEvent = kept::set;
      handshake(f, "alice", "c1");
      rushing.rush(1, REPLY::equals);

      FakeHeld response = post(f, "alice", "c1", ev("calc/slow", null), true);
      rushing.awaitRushed();
      f.idle();

      assertThat(rushing.rushed()).isEqualTo(1);
      assertThat(response.postFrame()).isEqualTo(new Frame.Timeout());
      assertThat(response.lateCompletions()).isZero();
      assertThat(kept.get().reply("too late")).isFalse();
      assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
      assertThat(rushing.failures()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aPushRetryWindowThatEndsAsItStartsDropsTheHeldPushOnceAndReportsIt(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    try (ServerFixture f = fixture(rushing)) {
      handshake(f, "alice", "c1");
      FakeHeld first = poll(f, "alice", "c1");
      advance(f, LONG_POLL);
      assertThat(first.pollFrame()).isEqualTo(new Frame.Timeout());
      rushing.rush(1, RETRY::equals);

      f.server.sendNow("alice", ev("n/n", 1L));
      f.idle();
      rushing.awaitRushed();
      f.idle();

      assertThat(rushing.rushed()).isEqualTo(1);
      ServerError e = f.nextError();
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.message()).startsWith("1 pushed event(s) dropped: no poll came within the push retry window");
      advance(f, RETRY);
      assertThat(f.errors).as("reported once").isEmpty();
      assertThat(rushing.failures()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aDisconnectGraceThatEndsAsItStartsForgetsTheClient(RushingScheduler.Mode mode) throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    try (ServerFixture f = fixture(rushing)) {
      handshake(f, "alice", "c1");
      FakeHeld first = poll(f, "alice", "c1");
      assertThat(f.server.connectedUids().ajax()).containsExactly("alice");
      rushing.rush(GRACE::equals);

      advance(f, LONG_POLL);
      rushing.awaitRushed();
      f.idle();

      assertThat(first.pollFrame()).isEqualTo(new Frame.Timeout());
      assertThat(rushing.rushed()).as("the presence grace and the forgetting grace").isEqualTo(2);
      assertThat(f.server.connectedUids().ajax()).isEmpty();
      assertThat(poll(f, "alice", "c1").pollFrame()).as("forgotten: a new handshake")
          .isInstanceOf(Frame.Handshake.class);
      assertThat(rushing.failures()).isEmpty();
      assertThat(f.errors).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aRetryWindowRearmedAsItEndsLeavesOnlyTheLatestTimerForThePollToCancel(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    try (ServerFixture f = new ServerFixture(b -> b.scheduler(timers).ajaxReplyTimeout(REPLY))) {
      handshake(f, "alice", "c1");
      FakeHeld first = poll(f, "alice", "c1");
      advance(f, LONG_POLL);
      assertThat(first.pollFrame()).isEqualTo(new Frame.Timeout());
      for (long n = 1; n <= 3; n++) { // held, with deadlines a second apart
        f.server.sendNow("alice", ev("n/n", n));
        advance(f, Duration.ofSeconds(1));
      }
      rushing.rush(1, Duration.ofSeconds(1)::equals); // the window timer re-armed for the second batch

      advance(f, RETRY.minusSeconds(3)); // the first batch's window ends
      rushing.awaitRushed();
      f.idle();

      assertThat(rushing.rushed()).isEqualTo(1);
      assertThat(f.nextError().message()).startsWith("1 pushed event(s) dropped");
      assertThat(f.nextError().message()).startsWith("1 pushed event(s) dropped");
      FakeHeld next = poll(f, "alice", "c1");
      assertThat(next.pushedEvents()).containsExactly(ev("n/n", 3L));
      assertThat(timers.live()).as("timers armed after the poll took the last batch: the presence and the forgetting"
          + " graces only").isEqualTo(2);
      assertThat(rushing.failures()).isEmpty();
    }
  }
}
