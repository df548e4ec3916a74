package io.sente4j.client.jdk;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.Payload;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.internal.SerialListener;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code java.net.http.WebSocket} as a {@link Channel}, and the JDK listener that feeds the core's {@link
 * ChannelListener}.
 *
 * <p>The JDK allows one outstanding send at a time, so sends wait in an ordered queue here and go out one after the
 * other, each when the previous completed; a close goes out after the messages queued before it. A message the JDK
 * refuses while its output stays open (a text with an unpaired surrogate, which it cannot encode) fails its own
 * send only, and the queue goes on; a send failure that closed the output fails the sends behind it and ends the
 * connection with 1006 and that failure as the reason. Incoming messages
 * may arrive in parts: they are joined up to the frame limit, and a longer one closes the socket with {@code
 * too-large}: the listener sees 1009, the server a close frame of 1011 with the text {@code too-large}, since the
 * JDK refuses to send 1009 (the same holds for any code it refuses). The listener sees {@code onClose} exactly
 * once, last; a connection lost without a close frame ends with 1006.
 *
 * <p>The JDK calls its listener one call at a time, but the close can also be found by the close timeout (on the
 * transport's timer thread) or by a send's completion while a message is being delivered: the listener is called
 * through a {@link SerialListener}, so such a close waits for the message's call to return, and is made by its
 * thread.
 */
final class JdkWebSocketChannel implements Channel, WebSocket.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(JdkWebSocketChannel.class);
  private static final int MAX_REASON_BYTES = 123;

  private final ChannelListener listener;
  private final int maxMessageBytes;
  private final Duration closeTimeout;
  private final ScheduledExecutorService timer;
  private final MessageParts parts;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private volatile WebSocket socket;
  // The socket's input may end (the server's close comes) before schedule() returns the close timer; whichever of
  // abortUnansweredClose() and cancelCloseTimer() comes second cancels it.
  private volatile ScheduledFuture<?> closeTimer;
  private volatile boolean closeTimerNeedless;
  private boolean sending;
  private boolean closeQueued;

  JdkWebSocketChannel(ChannelListener listener, int maxMessageBytes, Duration closeTimeout,
      ScheduledExecutorService timer) {
    // A listener that throws an Error is in a state nobody knows: the socket is closed, and it hears only the close.
    this.listener = SerialListener.of(Objects.requireNonNull(listener, "listener"),
        failure -> close(CloseReason.ERROR));
    this.maxMessageBytes = maxMessageBytes;
    this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    this.timer = Objects.requireNonNull(timer, "timer");
    this.parts = new MessageParts(maxMessageBytes);
  }

  /** One queued send: a message, or the close (with {@code payload} null). */
  private record Outgoing(Payload payload, int code, String reason, CompletableFuture<Void> done) {}

  // ---- Channel --------------------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> send(Payload payload) {
    Objects.requireNonNull(payload, "payload");
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (queue) {
      if (closeQueued || closed.get()) {
        done.completeExceptionally(new Sente4jException("the WebSocket is closed"));
        return done;
      }
      queue.add(new Outgoing(payload, 0, null, done));
    }
    pump();
    return done;
  }

  @Override
  public void close(int code, String reason) {
    synchronized (queue) {
      if (closeQueued || closed.get()) {
        return;
      }
      closeQueued = true;
      queue.add(new Outgoing(null, code, trim(reason), new CompletableFuture<>()));
    }
    abortUnansweredClose();
    pump();
  }

  /**
   * After sending its close the JDK half-closes the TCP connection and waits for the server's close without a
   * deadline: a server that never answers (hung, or behind a dead link, as when a pong timed out) would keep the
   * socket open, and this channel would never report its close. After the close timeout the socket is aborted and
   * the close reported as 1006. The check runs on the transport's timer thread, not the JDK's shared delay thread:
   * reporting the close runs the client's handling of it, which takes the client's lock. The close's end cancels it.
   */
  private void abortUnansweredClose() {
    ScheduledFuture<?> armed = timer.schedule(() -> {
      WebSocket ws = socket;
      if (ws != null && !ws.isInputClosed()) {
        LOG.debug("no close from the server within {} of this side's close; aborting the WebSocket", closeTimeout);
        ws.abort();
        ended(CloseReason.ABNORMAL.code(), "the server did not answer the close within " + closeTimeout);
      }
    }, TimeUnit.NANOSECONDS.convert(closeTimeout), TimeUnit.NANOSECONDS); // saturated: past ~292 years is never
    closeTimer = armed;
    if (closeTimerNeedless) {
      armed.cancel(false);
    }
  }

  /** The socket's input has ended (the server's close came, or the connection failed): no close timeout is needed. */
  private void cancelCloseTimer() {
    closeTimerNeedless = true;
    ScheduledFuture<?> armed = closeTimer;
    if (armed != null) {
      armed.cancel(false);
    }
  }

  @Override
  public boolean isOpen() {
    WebSocket ws = socket;
    return ws != null && !closed.get() && !closeQueued && !ws.isOutputClosed() && !ws.isInputClosed();
  }

  /**
   * Starts the queued sends one after the other while none is outstanding. A send the JDK completes at once is
   * followed in this loop rather than from its completion, so a long queue does not recurse.
   */
  private void pump() {
    while (true) {
      Outgoing next;
      WebSocket ws = socket;
      synchronized (queue) {
        if (sending || ws == null || queue.isEmpty()) {
          return;
        }
        next = queue.poll();
        sending = true;
      }
      CompletableFuture<WebSocket> started = start(ws, next);
      if (!started.isDone()) {
        started.whenComplete((w, error) -> {
          finish(next, error);
          pump();
        });
        return;
      }
      finish(next, started.isCompletedExceptionally() ? failure(started) : null);
    }
  }

  private static CompletableFuture<WebSocket> start(WebSocket ws, Outgoing next) {
    try {
      if (next.payload() == null) {
        return ws.sendClose(sendable(next.code()), next.reason());
      } else if (next.payload() instanceof Payload.Text t) {
        return ws.sendText(t.text(), true);
      } else {
        return ws.sendBinary(next.payload().asBytes().asReadOnlyBuffer(), true);
      }
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * The JDK's client refuses to send some close codes, 1009 (too-large) among them: those go out as 1011 (error),
   * with the reason text unchanged.
   */
  static int sendable(int code) {
    boolean allowed = code == 1000 || code == 1001 || code == 1008 || code == 1011 || (code >= 3000 && code <= 4999);
    return allowed ? code : 1011;
  }

  private static Throwable failure(CompletableFuture<WebSocket> done) {
    try {
      done.join();
      return null;
    } catch (RuntimeException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
  }

  private void finish(Outgoing sent, Throwable error) {
    if (error != null) {
      sent.done().completeExceptionally(error);
    } else {
      sent.done().complete(null);
    }
    WebSocket ws = socket;
    // The JDK refuses some messages without harm to the socket: only a failure that closed the output stops the rest.
    boolean broken = error != null && ws.isOutputClosed();
    List<Outgoing> failed = List.of();
    synchronized (queue) {
      sending = false;
      if (broken) {
        failed = takeQueued();
      }
    }
    fail(failed, "the WebSocket failed before this send: " + error, error);
    // Usually the JDK reports the broken socket itself (onError); this ends the connection if it has not yet.
    if (broken && ended(CloseReason.ABNORMAL.code(), "a send failed and the WebSocket can send no more: " + error)) {
      LOG.debug("a send failed and closed the WebSocket's output: {}", error.toString());
      ws.abort();
    }
  }

  /** Called holding the queue's lock: takes every send still waiting, for {@link #fail} once the lock is let go. */
  private List<Outgoing> takeQueued() {
    List<Outgoing> taken = new ArrayList<>(queue);
    queue.clear();
    return taken;
  }

  /**
   * Fails the sends taken from the queue. Never under the queue's lock: a failed send's dependents take the client's
   * lock, which a thread sending holds as it waits for the queue's (a deadlock of the thread reading, the selector's).
   */
  private static void fail(List<Outgoing> sends, String why, Throwable cause) {
    for (Outgoing o : sends) {
      o.done().completeExceptionally(new Sente4jException(why, cause));
    }
  }

  private static String trim(String reason) {
    String r = reason == null ? "" : reason;
    byte[] bytes = r.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_REASON_BYTES) {
      return r;
    }
    int end = MAX_REASON_BYTES;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  // ---- WebSocket.Listener: the JDK calls these one at a time ---------------------------------------------

  @Override
  public void onOpen(WebSocket webSocket) {
    // No demand yet: nothing reaches the listener before the transport has handed this channel over (start).
    socket = webSocket;
  }

  /** Starts delivering messages; called once the open channel has been handed to its owner. */
  void start() {
    WebSocket ws = socket;
    if (ws != null) {
      ws.request(1);
      pump();
    }
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    received(webSocket, parts.text(data, last));
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    received(webSocket, parts.binary(data, last));
    return null;
  }

  private void received(WebSocket webSocket, Payload whole) {
    long over = parts.takeOverflow();
    if (over >= 0) {
      tooLarge(webSocket, over);
    } else if (whole != null && !closed.get()) {
      listener.onMessage(whole);
    }
    webSocket.request(1);
  }

  private void tooLarge(WebSocket webSocket, long seen) {
    boolean idle;
    synchronized (queue) {
      idle = !sending;
      closeQueued = true;
      sending = true; // nothing more goes out
    }
    // Told after closeQueued is set: the core answers with close(too-large), which is then a no-op, so the close
    // below is the only one (a second one would fail on the closed output and abort the socket, which could cut
    // the first before the server read it).
    try {
      listener.onError(new MessageTooLargeException(seen, maxMessageBytes));
    } finally {
      // Also when a VirtualMachineError from the listener goes on to the JDK (SerialListener logged it): the channel
      // still ends as too-large and the server hears the close.
      closeTooLarge(webSocket, idle);
    }
  }

  private void closeTooLarge(WebSocket webSocket, boolean idle) {
    // This side knows the real reason; the JDK cannot send 1009, so the close frame carries 1011 (see sendable).
    ended(CloseReason.TOO_LARGE.code(), CloseReason.TOO_LARGE.text());
    if (idle) {
      webSocket.sendClose(sendable(CloseReason.TOO_LARGE.code()), CloseReason.TOO_LARGE.text())
          .whenComplete((w, error) -> {
            if (error != null) {
              webSocket.abort();
            }
          });
      abortUnansweredClose();
    } else {
      webSocket.abort();
    }
  }

  @Override
  public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    cancelCloseTimer();
    try {
      ended(statusCode, reason);
    } catch (Throwable t) {
      // A VirtualMachineError from the listener's onClose goes on to the JDK (SerialListener logged it), which
      // answers the server's close only once this returns: without the abort the connection would stay open.
      webSocket.abort();
      throw t;
    }
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    if (closed.get()) {
      return;
    }
    LOG.debug("WebSocket failed: {}", error.toString());
    cancelCloseTimer();
    synchronized (queue) {
      // The JDK closed the output before this call: a close asked for during it (by the listener, or for a listener
      // that failed) cannot go out, and its failed send must not stand for this error in the close reported.
      closeQueued = true;
    }
    try {
      listener.onError(error);
    } finally {
      // Also when a VirtualMachineError from the listener goes on to the JDK (SerialListener logged it): the channel
      // ends, with this error, and its socket is let go.
      try {
        ended(CloseReason.ABNORMAL.code(), "connection lost: " + error);
      } finally {
        webSocket.abort();
      }
    }
  }

  /** Reports the close once; true if this call did. */
  private boolean ended(int code, String reason) {
    if (closed.compareAndSet(false, true)) {
      List<Outgoing> failed;
      synchronized (queue) {
        failed = takeQueued();
      }
      fail(failed, "the WebSocket closed (" + code + ")", null);
      listener.onClose(code, reason == null ? "" : reason);
      return true;
    }
    return false;
  }
}
