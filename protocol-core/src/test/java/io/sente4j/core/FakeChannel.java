package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Channel} for server tests: records what the server sends, plays the client's part (messages, close) on the
 * calling thread, which stands for the transport's I/O thread. Closing from the server calls the listener's {@code
 * onClose} at once, as a transport does.
 */
final class FakeChannel implements Channel {
  static final FrameCodec CODEC = new FrameCodec(ToyPacker.TEXT);

  private final BlockingQueue<Payload> sent = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile boolean open = true;
  private volatile int closeCode = -1;
  private volatile String closeText;
  volatile boolean failSends;
  /** While set, sends are recorded but their futures stay pending until {@link #completeHeldSends()}: a slow client. */
  volatile boolean holdSends;
  private final List<CompletableFuture<Void>> held = new ArrayList<>();
  volatile ChannelListener listener;

  @Override
  public CompletableFuture<Void> send(Payload payload) {
    if (!open) {
      return CompletableFuture.failedFuture(new IOException("channel closed"));
    }
    if (failSends) {
      return CompletableFuture.failedFuture(new IOException("write failed"));
    }
    sent.add(payload);
    if (holdSends) {
      CompletableFuture<Void> pending = new CompletableFuture<>();
      synchronized (held) {
        held.add(pending);
      }
      return pending;
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The socket is gone but the close has not reached the listener yet (a transport's thread is about to report it):
   * sends fail and {@link #isOpen()} is false, as on a real channel in that moment.
   */
  void closeUnheard() {
    open = false;
  }

  /** Completes the sends held so far, as a transport does once it has written them. */
  void completeHeldSends() {
    List<CompletableFuture<Void>> done;
    synchronized (held) {
      done = new ArrayList<>(held);
      held.clear();
    }
    done.forEach(f -> f.complete(null));
  }

  @Override
  public void close(int code, String reason) {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
      closeCode = code;
      closeText = reason;
    }
    closed.countDown();
    ChannelListener l = listener;
    if (l != null) { // null while the server is still in onOpen
      l.onClose(code, reason);
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** The client sends a frame. */
  void clientSends(Frame frame) {
    listener.onMessage(CODEC.encode(frame));
  }

  /** The client sends raw text. */
  void clientSends(String text) {
    listener.onMessage(Payload.text(text));
  }

  /** The client closes the connection with a code. */
  void clientCloses(int code) {
    synchronized (this) {
      open = false;
      closeCode = code;
    }
    closed.countDown();
    listener.onClose(code, "");
  }

  /** The next frame the server sent, waiting up to 5 s. */
  Frame next() {
    try {
      Payload p = sent.poll(5, TimeUnit.SECONDS);
      assertThat(p).as("a frame from the server within 5 s").isNotNull();
      return CODEC.decode(p, Direction.FROM_SERVER, Via.WEBSOCKET);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The frames the server has sent and the test has not read yet, without waiting. */
  List<Frame> drain() {
    List<Payload> payloads = new ArrayList<>();
    sent.drainTo(payloads);
    List<Frame> frames = new ArrayList<>();
    payloads.forEach(p -> frames.add(CODEC.decode(p, Direction.FROM_SERVER, Via.WEBSOCKET)));
    return frames;
  }

  /** The events of the pushes the server has sent and the test has not read yet, in order. */
  List<Event> drainPushedEvents() {
    List<Event> events = new ArrayList<>();
    for (Frame f : drain()) {
      assertThat(f).isInstanceOf(Frame.Push.class);
      events.addAll(((Frame.Push) f).events());
    }
    return events;
  }

  /** Waits up to 5 s for the server to close the channel. */
  void awaitClosed() {
    try {
      assertThat(closed.await(5, TimeUnit.SECONDS)).as("closed within 5 s").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int closeCode() {
    return closeCode;
  }

  String closeText() {
    return closeText;
  }
}
