package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link VirtualScheduler} that holds one timer as it fires: the first timer armed with the delay it is made for
 * starts running (too late for a cancel to stop it, as on a real scheduler's thread) and then waits for {@link
 * #release} before it runs its task. A test so makes a timer fire at the same moment as some other work, at will.
 */
final class GatedScheduler implements Scheduler {
  final VirtualScheduler time = new VirtualScheduler();
  private final Duration gatedDelay;
  private final AtomicBoolean gated = new AtomicBoolean();
  private final CountDownLatch firing = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  /** Holds the first timer armed with {@code gatedDelay}. */
  GatedScheduler(Duration gatedDelay) {
    this.gatedDelay = gatedDelay;
  }

  @Override
  public long nanoTime() {
    return time.nanoTime();
  }

  @Override
  public Cancellable schedule(Duration delay, Runnable task) {
    if (delay.equals(gatedDelay) && gated.compareAndSet(false, true)) {
      return time.schedule(delay, () -> {
        firing.countDown();
        await(release);
        task.run();
      });
    }
    return time.schedule(delay, task);
  }

  /** Moves time by {@code by} on a thread of its own, and returns once the held timer has started firing. */
  Thread advanceUntilTheHeldTimerFires(Duration by) {
    Thread advancing = new Thread(() -> time.advance(by), "gated-scheduler-advance");
    advancing.start();
    await(firing);
    return advancing;
  }

  /** Lets the held timer run its task, and waits for the advance that fired it to end. */
  void release(Thread advancing) throws InterruptedException {
    release.countDown();
    advancing.join(10_000);
    assertThat(advancing.isAlive()).as("the advance ended").isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("the gated timer's latch").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
