package io.sente4j.transport.jetty.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.internal.SerialListener;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.MessageTooLargeException;
import org.eclipse.jetty.websocket.api.exceptions.WebSocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One upgraded WebSocket: a Jetty session seen as a {@link Channel}, and the Jetty listener that feeds the core's
 * {@link ChannelListener}. Jetty delivers one session's messages one at a time (it demands the next only after the
 * previous callback returned), but not its close, which may come on another thread while a message is being
 * delivered: the core's listener is called through a {@link SerialListener}, one call at a time, the close exactly
 * once and last.
 *
 * <p>Jetty's idle timeout closes with {@code ping-timeout} (4000, PROTOCOL.md §7.1, §10), not Jetty's own 1001
 * ("Connection Idle Timeout"), which a client reads as {@code server-stop} and the core as a client's {@code
 * requested}. Public only because Jetty calls the listener's methods reflectively; not an API.
 */
public final class JettyChannel implements Channel, Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(JettyChannel.class);

  private final ServerAnswer.Upgrade upgrade;
  private final Duration idleTimeout;
  private final String clientId;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean idleClosing = new AtomicBoolean();
  private final MessageAssembly parts;
  private final ClosedOnStop<JettyChannel> openChannels;
  private final SerialListener listener = new SerialListener(this::listenerFailed);
  private volatile Session session;

  /**
   * A channel for one upgrade.
   *
   * @param upgrade the core's answer, whose {@code onOpen} gets the channel once the socket is open
   * @param maxFrameBytes the frame limit
   * @param idleTimeout how long the socket may see no traffic
   * @param clientId the client id, for logs
   * @param openChannels the handler's open channels, which this joins while it is open
   */
  public JettyChannel(ServerAnswer.Upgrade upgrade, int maxFrameBytes, Duration idleTimeout, String clientId,
      ClosedOnStop<JettyChannel> openChannels) {
    this.upgrade = upgrade;
    this.openChannels = openChannels;
    this.parts = new MessageAssembly(maxFrameBytes);
    this.idleTimeout = idleTimeout;
    this.clientId = clientId;
  }

  // ---- Channel: what the core calls ---------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> send(Payload payload) {
    Objects.requireNonNull(payload, "payload");
    CompletableFuture<Void> sent = new CompletableFuture<>();
    Session s = session;
    if (s == null || closed.get() || !s.isOpen()) {
      sent.completeExceptionally(new IllegalStateException("the WebSocket of client " + clientId + " is closed"));
      return sent;
    }
    // Jetty queues the frame and writes it without blocking; frames go out in the order they were queued.
    Callback done = Callback.from(() -> sent.complete(null), sent::completeExceptionally);
    if (payload instanceof Payload.Text t) {
      s.sendText(t.text(), done);
    } else {
      s.sendBinary(((Payload.Binary) payload).bytes().asReadOnlyBuffer(), done);
    }
    return sent;
  }

  @Override
  public void close(int code, String reason) {
    Session s = session;
    if (s != null && s.isOpen()) {
      s.close(code, reason, Callback.NOOP);
    }
  }

  @Override
  public boolean isOpen() {
    Session s = session;
    return s != null && !closed.get() && s.isOpen();
  }

  // ---- Session.Listener: what Jetty calls ---------------------------------------------------------------

  @Override
  public void onWebSocketOpen(Session opened) {
    // Messages arrive in parts (onWebSocketPartial*), which Jetty does not size-check: MessageAssembly enforces the
    // frame limit as they arrive and refuses a longer message with a typed error; the core closes with too-large.
    opened.setIdleTimeout(idleTimeout);
    opened.addIdleTimeoutListener(this::idle);
    this.session = opened;
    listener.open(() -> {
      // Joined inside the listener's first call, so that a close it brings (a server stopping meanwhile, or already
      // stopped) waits for the listener and is heard; and before the core's onOpen, so that a stop during onOpen
      // closes it with server-stop while Jetty can still send that close: onOpen runs on a pool thread, and the
      // stop would otherwise cut the connection under it (1006).
      openChannels.add(this);
      return Objects.requireNonNull(upgrade.onOpen().apply(this), "onOpen returned no listener");
    });
    if (closed.get()) {
      openChannels.remove(this); // closed before it joined: the close's own remove came first
    }
  }

  @Override
  public void onWebSocketPartialText(String part, boolean last) {
    String whole;
    try {
      whole = parts.text(part, last);
    } catch (io.sente4j.core.MessageTooLargeException e) {
      refused(e);
      return;
    }
    if (whole != null) {
      listener.onMessage(Payload.text(whole));
    }
  }

  @Override
  public void onWebSocketPartialBinary(ByteBuffer part, boolean last, Callback callback) {
    byte[] whole;
    try {
      whole = parts.binary(part, last);
    } catch (io.sente4j.core.MessageTooLargeException e) {
      callback.succeed();
      refused(e);
      return;
    }
    callback.succeed(); // the part has been copied
    if (whole != null) {
      listener.onMessage(Payload.binary(Bytes.wrap(whole)));
    }
  }

  /** A message over the frame limit: reported to the core, which closes with too-large (1009). */
  private void refused(io.sente4j.core.MessageTooLargeException e) {
    LOG.debug("client id \"{}\": {}", clientId, e.getMessage());
    listener.onError(e);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    if (cause instanceof MessageTooLargeException) {
      LOG.warn("client id \"{}\" sent a WebSocket frame Jetty refused as too large: {}", clientId,
          cause.getMessage());
    }
    listener.onError(cause);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    boolean first = closed.compareAndSet(false, true); // before the remove: onWebSocketOpen checks it after its add
    openChannels.remove(this);
    if (first) {
      if (idleClosing.get()) {
        // This side closed for idleness: whatever ended the close (the peer's echo, or Jetty cutting a peer that
        // never answered, 1001 or 1006), the reason is ping-timeout.
        listener.onClose(CloseReason.PING_TIMEOUT.code(), CloseReason.PING_TIMEOUT.text());
      } else {
        listener.onClose(statusCode, reason == null ? "" : reason);
      }
    }
    callback.succeed();
  }

  /**
   * Jetty's idle timeout passed, on Jetty's scheduler. The first time this closes with ping-timeout and tells Jetty
   * the timeout is handled (Jetty would otherwise close with 1001); if that close is still unanswered at the next
   * idle timeout, Jetty ends the connection as it does by itself. So it does for a socket already closing, whose
   * close has its own reason.
   *
   * @return whether Jetty is to handle the timeout
   */
  private boolean idle(WebSocketTimeoutException timeout) {
    Session s = session;
    if (s == null || !s.isOpen() || !idleClosing.compareAndSet(false, true)) {
      return true;
    }
    LOG.debug("client id \"{}\": no traffic within the idle timeout of {}; closing (ping-timeout)", clientId,
        idleTimeout);
    close(CloseReason.PING_TIMEOUT);
    return false;
  }

  /** The core's onOpen threw, or its listener threw an Error: nobody listens any more, so the socket is closed. */
  private void listenerFailed(Throwable failure) {
    LOG.warn("client id \"{}\": the server's listener failed ({}); closing the WebSocket with 1011", clientId,
        failure.toString());
    close(CloseReason.ERROR);
  }

  @Override
  public String toString() {
    return "Jetty WebSocket of client " + clientId;
  }
}
