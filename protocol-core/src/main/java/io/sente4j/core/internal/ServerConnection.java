package io.sente4j.core.internal;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.OverflowPolicy;
import io.sente4j.core.Payload;
import io.sente4j.core.QueueLimit;
import io.sente4j.core.Scheduler;
import io.sente4j.core.ServerRequest;
import io.sente4j.core.Via;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's side of one WebSocket: its state (new, open, closed), its sends, its keep-alive, its queue of
 * handler work, and the reading of what the client sends. It is the channel's listener.
 *
 * <p>A connection starts new: the uid is not known yet, and what the client sends is held. {@link #open} sends the
 * handshake, registers the connection (under the connection's lock, so a close cannot slip in between) and then
 * reads what was held. Client pings are answered here, at once; events and bad frames go to the {@link Host}.
 */
public final class ServerConnection implements ChannelListener {
  private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
  /** How many messages a connection holds while its handshake is being prepared. */
  static final int MAX_EARLY_MESSAGES = 1024;

  /**
   * The bounds of a connection's queues.
   *
   * @param receive client events waiting for (or in) the handler, counted in their frames' bytes
   * @param send frames handed to the transport and not yet written
   * @param overflow what a full send queue does to a push
   */
  public record Limits(QueueLimit receive, QueueLimit send, OverflowPolicy overflow) {}

  /** What a connection reports to its server. Called on transport or timer threads: must only hand work on. */
  public interface Host {
    /**
     * The client sent an application event; {@code callbackId} is {@code null} when it wants no reply.
     *
     * @param bytes the size of the frame it came in, for the receive queue's budget
     */
    void onEvent(ServerConnection connection, Event event, String callbackId, int bytes);

    /** The send queue was full: the connection is closing, or (drop policy) a push was dropped; {@code what} says. */
    void onSendOverflow(ServerConnection connection, String what);

    /** The client sent a frame that could not be read; the connection stays open. */
    void onBadFrame(ServerConnection connection, FrameException error);

    /**
     * The transport could not write a message.
     *
     * @param channelClosed whether the channel had closed by then (a send racing the connection's close, whose end
     *     the core hears of separately): an expected loss, not a transport failure
     */
    void onSendFailed(ServerConnection connection, Throwable error, boolean channelClosed);

    /**
     * The scheduler refused the keep-alive's timer; the connection is closing with {@link CloseReason#ERROR}.
     *
     * @param error what the scheduler threw
     */
    void onKeepAliveRefused(ServerConnection connection, RuntimeException error);

    /**
     * The connection closed, once.
     *
     * @param wasOpen whether it had been opened (and registered) before
     */
    void onClosed(ServerConnection connection, CloseReason reason, boolean wasOpen);
  }

  private enum State { NEW, OPEN, CLOSED }

  private final Channel channel;
  private final String clientId;
  private final ServerRequest request;
  private final FrameCodec codec;
  private final Host host;
  private final SerialExecutor serial;
  private final KeepAlive keepAlive;
  private final QueueBudget inbound;
  private final SendBudget outbound;
  private final OverflowPolicy overflow;
  private final Object stateLock = new Object();
  private final Object sendLock = new Object();
  private final Object inLock = new Object();
  private volatile State state = State.NEW;
  private volatile Object uid;
  private List<Payload> early = new ArrayList<>(); // guarded by inLock; null once open

  /**
   * A new connection.
   *
   * @param channel the transport's channel
   * @param clientId the client id of the upgrade request
   * @param request the upgrade request
   * @param codec reads and writes frames
   * @param handlers the executor that runs handler work; the connection queues its work there one at a time
   * @param scheduler the keep-alive's timers
   * @param pingInterval the idle window before a ping
   * @param pingTimeout how long to wait for traffic after a ping; zero waits forever
   * @param limits the bounds of the receive and send queues
   * @param host told of events, bad frames, failed sends, overflows and the close
   */
  public ServerConnection(Channel channel, String clientId, ServerRequest request, FrameCodec codec,
      Executor handlers, Scheduler scheduler, Duration pingInterval, Duration pingTimeout, Limits limits,
      Host host) {
    this.channel = channel;
    this.clientId = clientId;
    this.request = request;
    this.codec = codec;
    this.host = host;
    this.serial = new SerialExecutor(handlers);
    this.inbound = new QueueBudget(limits.receive());
    this.outbound = new SendBudget(limits.send());
    this.overflow = limits.overflow();
    this.keepAlive = new KeepAlive(scheduler, pingInterval, pingTimeout,
        () -> send(new Frame.ServerPing()), this::pingTimedOut, this::keepAliveRefused);
  }

  /** The uid, or {@code null} before {@link #open}. */
  public Object uid() {
    return uid;
  }

  /** The client id. */
  public String clientId() {
    return clientId;
  }

  /** The codec of the packer this connection's client named. */
  public FrameCodec codec() {
    return codec;
  }

  /** The upgrade request. */
  public ServerRequest request() {
    return request;
  }

  /** The connection's serial queue on the handler executor. */
  public SerialExecutor serial() {
    return serial;
  }

  /** The client events waiting for the handler: the dispatcher admits and releases them. */
  public QueueBudget inbound() {
    return inbound;
  }

  /** The frames handed to the transport and not yet written. */
  public SendBudget outbound() {
    return outbound;
  }

  /** Whether the connection is open (handshake sent, not closed). */
  public boolean isOpen() {
    return state == State.OPEN;
  }

  /**
   * Opens the connection: runs {@code register}, starts the keep-alive, sends the handshake, then reads what the
   * client sent meanwhile. Does nothing if the connection closed first. If the scheduler refuses the keep-alive, the
   * connection is closed ({@code ERROR}) without a handshake: a connection the server cannot keep alive never
   * opened, and the client counts it as a failed attempt and backs off (PROTOCOL.md §7.6).
   *
   * <p>Everything is in place before the handshake leaves, so a client that has seen its handshake can rely on the
   * server knowing the connection (pushes reach it, its idle timer runs). Sends from other threads wait on the send
   * lock until the handshake has gone first.
   *
   * @param uid the user id
   * @param handshake the packed handshake frame
   * @param register registers the open connection; runs under the connection's locks, must not call back into it
   * @return whether the connection opened
   */
  public boolean open(Object uid, Payload handshake, Runnable register) {
    RuntimeException refused;
    synchronized (stateLock) {
      if (state != State.NEW) {
        return false;
      }
      this.uid = uid;
      synchronized (sendLock) {
        register.run();
        refused = keepAlive.start();
        if (refused == null) {
          transmit(handshake, outbound.tryAdmit(handshake)); // the queue is empty: always admitted
        } // else no handshake: the client takes the close as a failed attempt and backs off
        state = State.OPEN;
      }
    }
    if (refused != null) { // closed once open, outside the locks, so the close unregisters it as any close does
      keepAliveRefused(refused);
      return true;
    }
    while (true) {
      List<Payload> held;
      synchronized (inLock) {
        if (early == null || early.isEmpty()) {
          early = null;
          return true;
        }
        held = early;
        early = new ArrayList<>();
      }
      held.forEach(this::receive);
    }
  }

  /**
   * Sends a frame if the connection is open.
   *
   * @return whether it was handed to the transport
   * @throws io.sente4j.core.PackerException if a value in the frame cannot be packed
   */
  public boolean send(Frame frame) {
    return send(codec.encode(frame));
  }

  /**
   * Sends a packed frame if the connection is open: a reply or a protocol frame, which a full send queue never drops
   * (under {@link OverflowPolicy#DISCONNECT} a full queue still closes the connection).
   *
   * @return whether it was handed to the transport
   */
  public boolean send(Payload payload) {
    return send(payload, false) == Pushed.SENT;
  }

  /** What became of a push. */
  public enum Pushed {
    /** Handed to the transport. */
    SENT,
    /**
     * Not sent: the connection is not open. For a registered connection that means closed: it is registered under
     * the send lock as it opens, and stays registered while its channel's close runs. Not reported here.
     */
    CLOSED,
    /** Not sent: the send queue was full; the overflow policy was applied and the overflow reported. */
    OVERFLOWED
  }

  /** Sends a packed push if the connection is open and its send queue has room, or applies the overflow policy. */
  public Pushed push(Payload payload) {
    return send(payload, true);
  }

  private Pushed send(Payload payload, boolean droppable) {
    String overflowed;
    synchronized (sendLock) {
      if (state != State.OPEN) {
        return Pushed.CLOSED;
      }
      SendBudget.Held held = outbound.tryAdmit(payload);
      if (held != null) {
        transmit(payload, held);
        return Pushed.SENT;
      }
      overflowed = "the send queue is full (" + outbound + ")";
      if (overflow == OverflowPolicy.DROP_NEWEST) {
        if (!droppable) {
          transmit(payload, null); // replies and protocol frames go regardless, uncounted
          return Pushed.SENT;
        }
        overflowed += "; a push of " + payload.byteLength() + " byte(s) was dropped";
      } else {
        overflowed += "; closing the connection";
      }
    }
    host.onSendOverflow(this, overflowed);
    if (overflow == OverflowPolicy.DISCONNECT) {
      close(CloseReason.OVERFLOW); // outside the send lock: closing takes the state lock, which open() takes first
    }
    return Pushed.OVERFLOWED;
  }

  /** Closes the connection with a reason the client sees; does nothing if it is closed. */
  public void close(CloseReason reason) {
    end(reason, true);
  }

  @Override
  public void onMessage(Payload payload) {
    if (tooLarge(payload)) {
      return;
    }
    boolean overflow = false;
    synchronized (inLock) {
      if (early != null) {
        if (early.size() < MAX_EARLY_MESSAGES) {
          early.add(payload);
          return;
        }
        overflow = true;
      }
    }
    if (overflow) {
      log("More than {} messages before the handshake; closing", MAX_EARLY_MESSAGES);
      close(CloseReason.OVERFLOW);
      return;
    }
    receive(payload);
  }

  @Override
  public void onClose(int code, String reason) {
    end(CloseReason.fromClientCode(code), false);
  }

  @Override
  public void onError(Throwable error) {
    if (error instanceof MessageTooLargeException tooLarge) {
      refuseOversize(tooLarge.size(), tooLarge.limit(), tooLarge);
      return;
    }
    Mdc.run(uid, clientId, () -> LOG.debug("Transport error", error));
  }

  private void receive(Payload payload) {
    if (state == State.CLOSED) {
      return;
    }
    keepAlive.onInbound();
    Frame frame;
    try {
      frame = codec.decode(payload, Direction.FROM_CLIENT, Via.WEBSOCKET);
    } catch (FrameException e) {
      host.onBadFrame(this, e);
      return;
    } catch (RuntimeException e) {
      host.onBadFrame(this, new FrameException(FrameException.Reason.UNPACKABLE, Direction.FROM_CLIENT,
          Via.WEBSOCKET, "the packer failed: " + e, null, e));
      return;
    }
    switch (frame.kind()) {
      case CLIENT_PING: {
        String cb = ((Frame.ClientPing) frame).callbackId();
        if (cb != null) {
          send(new Frame.Pong(cb));
        }
        break;
      }
      case CLIENT_EVENT: {
        Frame.ClientEvent e = (Frame.ClientEvent) frame;
        host.onEvent(this, e.event(), e.callbackId(), payload.byteLength());
        break;
      }
      default: // CLIENT_PONG: nothing beyond counting as traffic
        break;
    }
  }

  /**
   * PROTOCOL.md §11.2: a message over the frame limit closes the connection. Checked as it arrives, so no message
   * held before the handshake is larger than the limit either.
   */
  private boolean tooLarge(Payload payload) {
    int limit = codec.packer().limits().maxInputBytes();
    int size = payload.byteLength();
    if (size <= limit) {
      return false;
    }
    refuseOversize(size, limit, new MessageTooLargeException(size, limit));
    return true;
  }

  /** Counts a message over the frame limit as a bad frame and closes with too-large (1009). */
  private void refuseOversize(long size, long limit, MessageTooLargeException cause) {
    if (state == State.CLOSED) {
      return;
    }
    host.onBadFrame(this, new FrameException(FrameException.Reason.UNPACKABLE, Direction.FROM_CLIENT, Via.WEBSOCKET,
        "a message of at least " + size + " bytes, over the frame limit of " + limit
            + "; closing the connection (too-large)", null, cause));
    close(CloseReason.TOO_LARGE);
  }

  /**
   * Called holding the send lock.
   *
   * @param held the frame's room in the send queue's budget, or {@code null} when it took no room there
   */
  private void transmit(Payload payload, SendBudget.Held held) {
    CompletableFuture<Void> sent;
    try {
      sent = channel.send(payload);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    keepAlive.onOutbound();
    sent.whenComplete((ok, error) -> {
      if (held != null) {
        outbound.release(held);
      }
      if (error != null) {
        host.onSendFailed(this, error, !channel.isOpen());
      }
    });
  }

  private void pingTimedOut() {
    log("No traffic within the ping timeout; closing", null);
    close(CloseReason.PING_TIMEOUT);
  }

  /** Without its keep-alive a dead connection would never be noticed: closed rather than kept on trust. */
  private void keepAliveRefused(RuntimeException error) {
    if (state == State.CLOSED) {
      return;
    }
    host.onKeepAliveRefused(this, error);
    close(CloseReason.ERROR);
  }

  private void end(CloseReason reason, boolean closeChannel) {
    State was;
    synchronized (stateLock) {
      was = state;
      if (was == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
    }
    synchronized (inLock) {
      early = null;
    }
    keepAlive.stop();
    if (closeChannel) {
      try {
        channel.close(reason);
      } catch (RuntimeException e) {
        Mdc.run(uid, clientId, () -> LOG.debug("Closing the channel failed", e));
      }
    }
    Mdc.run(uid, clientId, () -> LOG.debug("Connection closed ({}, by {})", reason, closeChannel ? "server" : "client"));
    host.onClosed(this, reason, was == State.OPEN);
  }

  private void log(String message, Object arg) {
    Mdc.run(uid, clientId, () -> LOG.info(message, arg));
  }

  @Override
  public String toString() {
    return "ServerConnection[uid=" + uid + ", clientId=" + clientId + ", " + state + "]";
  }
}
