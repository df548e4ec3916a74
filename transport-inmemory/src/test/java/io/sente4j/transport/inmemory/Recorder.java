package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A listener that records what a channel end receives, on which threads, and whether two calls ever overlapped or
 * anything arrived after the close.
 */
class Recorder implements ChannelListener {
  static final Duration WAIT = Duration.ofSeconds(10);

  private final List<Payload> messages = new CopyOnWriteArrayList<>();
  private final List<String> closes = new CopyOnWriteArrayList<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();
  private final AtomicInteger inside = new AtomicInteger();
  private final AtomicInteger overlaps = new AtomicInteger();
  private final AtomicInteger afterClose = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean recordThreads;

  /** Records the name of the thread of every call (costs a little for long runs). */
  Recorder recordingThreads() {
    recordThreads = true;
    return this;
  }

  @Override
  public void onMessage(Payload payload) {
    enter();
    try {
      if (!closes.isEmpty()) {
        afterClose.incrementAndGet();
      }
      messages.add(payload);
    } finally {
      exit();
    }
  }

  @Override
  public void onClose(int code, String reason) {
    enter();
    try {
      if (!closes.isEmpty()) {
        afterClose.incrementAndGet();
      }
      closes.add(code + " " + reason);
      closed.countDown();
    } finally {
      exit();
    }
  }

  @Override
  public void onError(Throwable error) {
    errors.add(error);
  }

  private void enter() {
    if (inside.incrementAndGet() != 1) {
      overlaps.incrementAndGet();
    }
    if (recordThreads) {
      threads.add(Thread.currentThread().getName());
    }
  }

  private void exit() {
    inside.decrementAndGet();
  }

  List<Payload> messages() {
    return new ArrayList<>(messages);
  }

  List<String> texts() {
    return messages.stream().map(Payload::asText).toList();
  }

  List<String> closes() {
    return new ArrayList<>(closes);
  }

  List<String> threads() {
    return new ArrayList<>(threads);
  }

  int overlaps() {
    return overlaps.get();
  }

  int afterClose() {
    return afterClose.get();
  }

  List<Throwable> errors() {
    return new ArrayList<>(errors);
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  /** Waits (bounded) until at least {@code n} messages have arrived. */
  Recorder awaitMessages(int n) {
    Await.until(() -> messages.size() >= n, "" + n + " messages (have " + messages.size() + ")");
    return this;
  }

  /** Waits (bounded) for the close and returns "code reason". */
  String awaitClose() {
    try {
      assertThat(closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("onClose within %s", WAIT).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return closes.get(0);
  }

  /** The close must be the only one and the last call; no two calls overlapped. */
  void assertClosedCleanly() {
    assertThat(closes).hasSize(1);
    assertThat(afterClose()).isZero();
    assertThat(overlaps()).isZero();
  }
}
