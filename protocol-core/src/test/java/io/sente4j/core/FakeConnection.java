package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket opened through a {@link FakeClientTransport}, seen from the server: what the client asked for, the
 * frames it sent, how it closed; and the means to push frames to it or close it.
 */
final class FakeConnection {
  final URI uri;
  final Map<String, List<String>> headers;
  final FakeChannel channel = new FakeChannel();
  final CompletableFuture<Channel> opening = new CompletableFuture<>();
  private final ChannelListener listener;
  private final Executor io;
  private final FrameCodec codec;
  private final BlockingQueue<Frame> fromClient = new LinkedBlockingQueue<>();
  private final CountDownLatch clientClosed = new CountDownLatch(1);
  private volatile int clientCloseCode = -1;
  private volatile String clientCloseText;
  private volatile boolean failSends;
  private volatile CountDownLatch sendEntered;
  private volatile CountDownLatch sendRelease;

  FakeConnection(URI uri, Map<String, List<String>> headers, ChannelListener listener, Executor io,
      FrameCodec codec) {
    this.uri = uri;
    this.headers = headers;
    this.listener = listener;
    this.io = io;
    this.codec = codec;
  }

  /** Completes a deferred open on the I/O thread. */
  void completeOpen() {
    io.execute(() -> opening.complete(channel));
  }

  /** Sends the handshake. */
  FakeConnection handshake(Object uid, Object data) {
    return push(new Frame.Handshake(uid, data));
  }

  /** Sends a frame to the client. */
  FakeConnection push(Frame frame) {
    return pushRaw(codec.encode(frame));
  }

  /** Sends a raw message to the client. */
  FakeConnection pushRaw(Payload payload) {
    io.execute(() -> {
      if (channel.open) {
        listener.onMessage(payload);
      }
    });
    return this;
  }

  /** Replies to callback id {@code cb}. */
  FakeConnection reply(Object value, String cb) {
    return push(new Frame.Reply(value, cb));
  }

  /** The server closes the connection. */
  void serverClose(CloseReason reason) {
    serverClose(reason.code(), reason.text());
  }

  /** The server closes the connection with a code and text. */
  void serverClose(int code, String text) {
    io.execute(() -> {
      if (channel.open) {
        channel.open = false;
        listener.onClose(code, text);
      }
    });
  }

  /** The transport refuses a message from the server over the client's frame limit, as its contract says. */
  void sendTooLarge(long size, long limit) {
    io.execute(() -> {
      if (channel.open) {
        listener.onError(new MessageTooLargeException(size, limit));
      }
    });
  }

  /** The connection is cut: the client sees 1006. */
  void cut() {
    io.execute(() -> {
      if (channel.open) {
        channel.open = false;
        listener.onError(new java.io.IOException("cut"));
        listener.onClose(1006, "");
      }
    });
  }

  /** From now on the client's sends fail. */
  void failSends() {
    failSends = true;
  }

  /**
   * From now on each of the client's sends waits, inside the channel's {@code send}, until {@code release} opens;
   * {@code entered} counts the sends that wait.
   */
  void holdSends(CountDownLatch entered, CountDownLatch release) {
    sendEntered = entered;
    sendRelease = release;
  }

  /** The next frame the client sent, waiting up to 5 s. */
  Frame next() {
    try {
      Frame f = fromClient.poll(5, TimeUnit.SECONDS);
      assertThat(f).as("a frame from the client within 5 s").isNotNull();
      return f;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next frame the client sent, or null if it has sent none yet. */
  Frame poll() {
    return fromClient.poll();
  }

  /** The next frame the client sent, which must be a client event; returns it. */
  Frame.ClientEvent nextEvent() {
    Frame f = next();
    assertThat(f).isInstanceOf(Frame.ClientEvent.class);
    return (Frame.ClientEvent) f;
  }

  /** Waits up to 5 s for the client to close; returns its close code. */
  int awaitClientClose() {
    try {
      assertThat(clientClosed.await(5, TimeUnit.SECONDS)).as("the client closed within 5 s").isTrue();
      return clientCloseCode;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether the client has closed the connection. */
  boolean clientClosed() {
    return clientClosed.getCount() == 0;
  }

  /** The close text the client sent. */
  String clientCloseText() {
    return clientCloseText;
  }

  /** The client's end. */
  final class FakeChannel implements Channel {
    volatile boolean open;

    @Override
    public CompletableFuture<Void> send(Payload payload) {
      if (!open) {
        return CompletableFuture.failedFuture(new IllegalStateException("channel closed"));
      }
      CountDownLatch release = sendRelease;
      if (release != null) {
        sendEntered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failSends) {
        return CompletableFuture.failedFuture(new java.io.IOException("broken pipe"));
      }
      fromClient.add(codec.decode(payload, Direction.FROM_CLIENT, Via.WEBSOCKET));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close(int code, String reason) {
      if (!open) {
        return;
      }
      open = false;
      clientCloseCode = code;
      clientCloseText = reason;
      clientClosed.countDown();
      io.execute(() -> listener.onClose(code, reason));
    }

    @Override
    public boolean isOpen() {
      return open;
    }
  }
}
