package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's end of one HTTP exchange in server tests: a {@link HeldResponse} the server completes (or that a test
 * completes with a Reject or Respond answer), which the test can abandon as a client that stops waiting. Counts the
 * server's attempts to complete it, so a test can tell "answered once" from "answered twice".
 */
final class FakeHeld implements HeldResponse {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final VirtualScheduler time;
  private final List<Runnable> abandonActions = new ArrayList<>();
  private long endedAtNanos = -1;
  private long sequence = -1;
  private int status = -1;
  private Payload body;
  private boolean abandoned;
  private int lateCompletions;

  /** An exchange whose end (answer or abandonment) is timed on {@code time}. */
  FakeHeld(VirtualScheduler time) {
    this.time = time;
  }

  @Override
  public synchronized boolean complete(int status, Payload body) {
    if (this.status != -1 || abandoned) {
      lateCompletions++;
      return false;
    }
    this.status = status;
    this.body = body;
    this.endedAtNanos = time.nanoTime();
    this.sequence = SEQUENCE.incrementAndGet();
    abandonActions.clear();
    notifyAll();
    return true;
  }

  @Override
  public synchronized boolean isOpen() {
    return status == -1 && !abandoned;
  }

  @Override
  public void onAbandoned(Runnable action) {
    synchronized (this) {
      if (!abandoned) {
        if (status == -1) {
          abandonActions.add(action);
        }
        return;
      }
    }
    action.run();
  }

  /** The client stops waiting (its request timed out, the tab closed). */
  void abandon() {
    List<Runnable> actions;
    synchronized (this) {
      if (status != -1 || abandoned) {
        return;
      }
      abandoned = true;
      endedAtNanos = time.nanoTime();
      actions = List.copyOf(abandonActions);
      abandonActions.clear();
    }
    actions.forEach(Runnable::run);
  }

  /** Waits, at most 5 s, for the server to answer (for a request handed to a handler thread that may be racing). */
  synchronized void awaitAnswered() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (status == -1) {
      long left = deadline - System.nanoTime();
      assertThat(left).as("answered within 5 s").isPositive();
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  synchronized boolean isAnswered() {
    return status != -1;
  }

  synchronized boolean isAbandoned() {
    return abandoned;
  }

  /** When it was answered or abandoned, in virtual nanoseconds; -1 while open. */
  synchronized long endedAtNanos() {
    return endedAtNanos;
  }

  /** The order in which responses were answered, across all of them; -1 while not answered. */
  synchronized long answerSequence() {
    return sequence;
  }

  /** How many times the server tried to complete it after it was answered or abandoned. */
  synchronized int lateCompletions() {
    return lateCompletions;
  }

  synchronized int status() {
    assertThat(status).as("answered").isNotEqualTo(-1);
    return status;
  }

  synchronized Payload body() {
    assertThat(status).as("answered").isNotEqualTo(-1);
    return body;
  }

  /** The 200 response read as the answer to an Ajax GET. */
  Frame pollFrame() {
    assertThat(status()).as("status of %s", body()).isEqualTo(200);
    return FakeChannel.CODEC.decode(body(), Direction.FROM_SERVER, Via.AJAX_POLL);
  }

  /** The 200 response read as the answer to an Ajax POST. */
  Frame postFrame() {
    assertThat(status()).as("status of %s", body()).isEqualTo(200);
    return FakeChannel.CODEC.decode(body(), Direction.FROM_SERVER, Via.AJAX_POST);
  }

  /** The events of the push this poll was answered with. */
  List<Event> pushedEvents() {
    Frame f = pollFrame();
    assertThat(f).isInstanceOf(Frame.Push.class);
    return ((Frame.Push) f).events();
  }
}
