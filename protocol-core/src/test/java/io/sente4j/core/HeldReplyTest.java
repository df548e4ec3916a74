package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.internal.HeldReply;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The held reply of an Ajax POST when its timer fires before the timer's {@code schedule} call has returned. */
class HeldReplyTest {
  private static final FrameCodec CODEC = new FrameCodec(ToyPacker.TEXT);

  /**
   * A timer thread whose clock passed a short timeout while the POST's thread was between scheduling the timeout and
   * keeping its handle (CI saw it as a NullPointerException on the timer thread).
   */
  @Test
  void aTimeoutThatFiresInsideScheduleAnswersOnceAndCancelsItsTimer() {
    VirtualScheduler time = new VirtualScheduler();
    FakeHeld held = new FakeHeld(time);
    AtomicBoolean cancelled = new AtomicBoolean();
    Scheduler firesAtOnce = new Scheduler() {
      @Override
      public long nanoTime() {
        return time.nanoTime();
      }

      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        task.run();
        return () -> cancelled.compareAndSet(false, true);
      }
    };
    AtomicInteger ends = new AtomicInteger();

    HeldReply reply = new HeldReply(held, CODEC, Payload.text("timed-out"), firesAtOnce, Duration.ofMillis(1),
        ends::incrementAndGet);

    assertThat(held.status()).isEqualTo(200);
    assertThat(held.body().asText()).isEqualTo("timed-out");
    assertThat(ends.get()).isEqualTo(1);
    assertThat(cancelled).as("the timer handed back late is cancelled").isTrue();
    assertThat(reply.reply("late")).isFalse();
    assertThat(reply.isOpen()).isFalse();
  }

  /** The same, with the timeout rushed on the POST's thread and on a timer thread of its own. */
  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aRushedTimeoutAnswersOnceWithTheTimeout(RushingScheduler.Mode mode) throws InterruptedException {
    VirtualScheduler time = new VirtualScheduler();
    RushingScheduler rushing = new RushingScheduler(time, mode);
    rushing.rush(delay -> true);
    FakeHeld held = new FakeHeld(time);
    AtomicInteger ends = new AtomicInteger();

    HeldReply reply = new HeldReply(held, CODEC, Payload.text("timed-out"), rushing, Duration.ofMillis(1),
        ends::incrementAndGet);
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(held.status()).isEqualTo(200);
    assertThat(held.body().asText()).isEqualTo("timed-out");
    assertThat(ends.get()).isEqualTo(1);
    assertThat(reply.reply("late")).isFalse();
  }

  @Test
  void aReplyBeforeTheTimeoutCancelsTheTimer() {
    VirtualScheduler time = new VirtualScheduler();
    FakeHeld held = new FakeHeld(time);
    AtomicInteger ends = new AtomicInteger();
    HeldReply reply = new HeldReply(held, CODEC, Payload.text("timed-out"), time, Duration.ofMillis(5),
        ends::incrementAndGet);

    assertThat(reply.reply("v")).isTrue();
    time.advance(Duration.ofMillis(10));

    assertThat(held.status()).isEqualTo(200);
    assertThat(held.lateCompletions()).as("the timeout did not try to answer again").isZero();
    assertThat(ends.get()).isEqualTo(1);
  }
}
