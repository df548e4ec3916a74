package io.sente4j.core.internal;

import io.sente4j.core.ClientState;
import io.sente4j.core.ClientState.Status;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Frame;
import io.sente4j.core.Scheduler;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.Via;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one client's connections: attempts, the handshake, closes and reconnects (PROTOCOL.md §4.4.1, §7.5,
 * §7.6, §10). One lock guards the session and its helpers; application code never runs under it, only through the
 * {@link ClientDispatcher} or the executor. The server's frames are read by {@link ClientInbound}, events are sent
 * by {@link ClientSender}.
 *
 * <p>Each attempt connects over the session's current transport: a WebSocket, or Ajax. Under {@link
 * ClientType#AUTO} that is a WebSocket until one fails before any WebSocket of this session has opened; from then on
 * it is Ajax, for the session's life (PROTOCOL.md §7.6). Pings run only on WebSockets: over Ajax the long-poll keeps
 * the connection alive (§7.1).
 */
public final class ClientSession implements ClientKeepAlive.Actions {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
  private static final String DISCONNECTED = "the client disconnected";

  final Object lock = new Object();
  final ClientConfig config;
  final ClientDispatcher dispatcher;
  /** Completes the futures handed to the application: never on the caller's thread, even when the executor refuses. */
  final Executor completions;
  final PendingReplies pending;
  final ClientKeepAlive keepAlive;
  final ClientSender sender;
  private final ClientInbound inbound;
  private final BiFunction<Via, ClientConnection.Events, ClientConnection> connector;
  private final ReconnectLoop reconnects;
  private final AtomicLong callbackIds = new AtomicLong();
  private final List<CompletableFuture<ClientState>> waiters = new ArrayList<>();
  private volatile ClientState state;
  /** A state set and not yet published to the state listener (a loss whose reconnect is being drawn), or null. */
  private ClientState unpublished;
  private boolean wanted;
  /**
   * Why the client stays closed until {@link #connect()} or {@link #reconnect()}: it was disconnected, closed as
   * unauthorized, or stopped on an error. Null otherwise, before the first connect() too. Sends fail at once while set.
   */
  private String stopped;
  private boolean terminated;
  private boolean handshaken;
  private long epoch;
  private ClientConnection current;
  /** Abandons the current connection if its handshake does not come in time; null once it came. */
  private Scheduler.Cancellable handshakeTimer;
  /**
   * The connection whose handshake timer is being armed, and whether that timer fired meanwhile: a scheduler may run
   * it inside {@code schedule}, on this thread, before the attempt is current; {@link #open} then abandons it.
   */
  private ClientConnection arming;
  private boolean firedWhileArming;
  private Via via;
  private boolean webSocketOpened;
  /** A WebSocket of this session has carried a handshake. */
  private boolean webSocketHandshaken;
  /** The attempt that opened the current connection, and when its handshake came (scheduler time). */
  private int openedByAttempt;
  private long openedAtNanos;

  /**
   * Creates a client session that has not connected.
   *
   * @param config the options
   * @param connector makes a connection over the given transport ({@link Via#WEBSOCKET} or {@link Via#AJAX_POLL})
   *     that reports to the given events
   */
  public ClientSession(ClientConfig config, BiFunction<Via, ClientConnection.Events, ClientConnection> connector) {
    this.config = config;
    this.via = config.type() == ClientType.AJAX ? Via.AJAX_POLL : Via.WEBSOCKET;
    this.state = ClientState.initial(config.clientId(), via);
    this.connector = connector;
    this.dispatcher = new ClientDispatcher(config.executor(), config.clientId(), config.errorListener());
    this.completions = new FallbackExecutor(config.executor(), "sente4j-client-" + config.clientId() + "-completions");
    this.pending = new PendingReplies(lock, config.scheduler(), completions, this::nextCallbackId,
        !config.packer().carriesKeywords());
    this.keepAlive = new ClientKeepAlive(lock, config.scheduler(), config.pingInterval(), config.pongTimeout(),
        this::nextCallbackId, this);
    this.reconnects = new ReconnectLoop(config.scheduler(), config.backoff(), config.random());
    this.sender = new ClientSender(this, new OutboundQueue(config.offlineSends()));
    this.inbound = new ClientInbound(this);
  }

  /** The current state. */
  public ClientState state() {
    return state;
  }

  /** The sending half. */
  public ClientSender sender() {
    return sender;
  }

  /** The number of requests waiting for a reply, held or sent. */
  public int pendingReplies() {
    return pending.size();
  }

  /**
   * Connects unless connected or connecting; completes at the next handshake (at once when open).
   *
   * @throws IllegalStateException if the session has been terminated
   */
  public CompletableFuture<ClientState> connect() {
    synchronized (lock) {
      requireLive();
      if (wanted && handshaken) {
        return CompletableFuture.completedFuture(state);
      }
      CompletableFuture<ClientState> opened = new CompletableFuture<>();
      waiters.add(opened);
      if (!wanted) {
        wanted = true;
        stopped = null;
        startAttempt(0);
      }
      return opened;
    }
  }

  /**
   * Closes with {@code requested} and stays closed; every waiting request and held send fails closed, and so do sends
   * made until the next {@link #connect()} or {@link #reconnect()}.
   */
  public void disconnect() {
    synchronized (lock) {
      boolean wasWanted = wanted;
      wanted = false;
      stopped = DISCONNECTED;
      epoch++;
      reconnects.cancel();
      ClientConnection c = detach();
      pending.failAll(DISCONNECTED);
      sender.failHeld(DISCONNECTED);
      failWaiters("the client disconnected before a handshake");
      if (wasWanted) {
        setState(state.closed(CloseInfo.byClient(CloseReason.REQUESTED)));
      }
      if (c != null) {
        c.close(CloseReason.REQUESTED);
      }
    }
  }

  /**
   * Closes the current connection with {@code requested}, if there is one, and connects again at once.
   *
   * @throws IllegalStateException if the session has been terminated
   */
  public void reconnect() {
    synchronized (lock) {
      requireLive();
      if (wanted) {
        ClientConnection c = detach();
        pending.failSent("the client reconnected");
        if (state.status() != Status.CLOSED) {
          setState(state.closed(CloseInfo.byClient(CloseReason.REQUESTED)));
        }
        if (c != null) {
          c.close(CloseReason.REQUESTED);
        }
      }
      wanted = true;
      stopped = null;
      startAttempt(0);
    }
  }

  /** Disconnects for good: later connects fail, later sends fail closed. */
  public void terminate() {
    synchronized (lock) {
      if (!terminated) {
        disconnect();
        terminated = true;
      }
    }
  }

  @Override
  public void sendPing(String callbackId) {
    ClientConnection c = openConnection();
    if (c != null) {
      c.send(new Frame.ClientPing(callbackId));
    }
  }

  @Override
  public void timerRefused(RuntimeException refused) {
    schedulerRefused("keep-alive", refused);
  }

  @Override
  public void pongTimedOut() {
    ClientConnection c = detach();
    if (c != null) {
      LOG.info("client {}: no pong within {}; closing with ping-timeout", config.clientId(), config.pongTimeout());
      lost(CloseInfo.byClient(CloseReason.PING_TIMEOUT));
      c.close(CloseReason.PING_TIMEOUT);
    }
  }

  /** Whether the session has been terminated; under the lock. */
  boolean terminated() {
    return terminated;
  }

  /**
   * Why the client stays closed until connect() or reconnect() (disconnected, closed as unauthorized, stopped on an
   * error), or {@code null} when it connects or reconnects of its own accord; under the lock.
   */
  String stopped() {
    return stopped;
  }

  /** The connection to send on, when the client is open; under the lock. */
  ClientConnection openConnection() {
    return handshaken ? current : null;
  }

  /** Whether {@code c} is the current connection; under the lock. */
  boolean isCurrent(ClientConnection c) {
    return c != null && c == current;
  }

  /** Whether the current connection has had its handshake; under the lock. */
  boolean handshaken() {
    return handshaken;
  }

  /** The transport opened {@code c}, the current connection. Under the lock. */
  void transportOpened(ClientConnection c) {
    if (c.via() == Via.WEBSOCKET) {
      webSocketOpened = true;
    }
  }

  /** The handshake came on the current connection: the client is open. Under the lock. */
  void opened(Frame.Handshake h) {
    boolean first = !handshaken;
    handshaken = true;
    cancelHandshakeTimer();
    if (first && current.via() == Via.WEBSOCKET) {
      webSocketOpened = true; // a handshake can come before the transport reports the open
      webSocketHandshaken = true;
      keepAlive.start(); // before anything reaches the application, which may move time
      if (current == null) {
        return; // the scheduler refused the keep-alive's timer: the client stopped
      }
    }
    if (first) {
      openedByAttempt = state.attempt();
      openedAtNanos = config.scheduler().nanoTime();
    }
    setState(state.opened(h.uid(), h.handshakeData()));
    if (!first) {
      return;
    }
    ClientState open = state;
    for (CompletableFuture<ClientState> w : waiters) {
      PendingReplies.complete(completions, w, open, null);
    }
    waiters.clear();
    sender.flushHeld();
  }

  /**
   * The current connection is gone (closed, failed, or given up by the client): forget it, fail the requests sent
   * on it, publish the close, and reconnect with backoff unless the server withdrew authorization. Under the lock.
   */
  void lost(ClientConnection c, CloseInfo info) {
    if (isCurrent(c)) {
      detach();
      if (config.type() == ClientType.AUTO && c.via() == Via.WEBSOCKET && !webSocketOpened) {
        fallBack(info);
      } else {
        lost(info);
      }
    }
  }

  /** The first WebSocket of an {@link ClientType#AUTO} session failed before it opened: Ajax from now on, at once. */
  private void fallBack(CloseInfo info) {
    LOG.info("client {}: the WebSocket failed before it ever opened ({}); using Ajax from now on", config.clientId(),
        info.text());
    pending.failSent("the connection closed (" + info.reason().text() + ")");
    via = Via.AJAX_POLL;
    setState(state.closed(info));
    startAttempt(state.attempt());
  }

  private void lost(CloseInfo info) {
    pending.failSent("the connection closed (" + info.reason().text() + ")");
    if (info.reason() == CloseReason.UNAUTHORIZED) {
      String why = "the server closed the connection as unauthorized";
      stop(info, why, why);
      return;
    }
    int next = attemptsSoFar() + 1;
    long e = epoch;
    long lostAt = config.scheduler().nanoTime();
    reconnects.cancel();
    // The backoff is the application's code: drawn on the executor, outside the lock, so that a slow one (or one that
    // calls the client) holds up no send. state() says closed at once; the listener hears of it once the next
    // attempt is armed, as an application that moves (virtual) time when it hears would otherwise move it past an
    // attempt not yet armed. The attempt is timed from the loss, not from the draw.
    setStateUnpublished(state.closed(info));
    reconnects.draw(completions, next, (delay, error) -> {
      synchronized (lock) {
        if (e == epoch && wanted && current == null) {
          reconnectAfter(e, next, lostAt, delay, error);
        }
        publishHeld();
      }
    });
  }

  /**
   * The backoff drew {@code delay} (or threw {@code error}) for attempt {@code next}, after a loss at {@code lostAt}
   * (scheduler time): the attempt starts that long after the loss, at once if that time has passed. An attempt without
   * a delay is handed to the executor, as the close was published before it. Under the lock.
   */
  private void reconnectAfter(long e, int next, long lostAt, Duration delay, RuntimeException error) {
    if (error != null) {
      stopWithError(new Sente4jException("the backoff threw " + error + " for reconnect attempt " + next
          + "; the client stays closed until connect() or reconnect()", error),
          "the client stopped (its backoff threw)");
      return;
    }
    Runnable start = () -> {
      synchronized (lock) {
        if (e == epoch && wanted && current == null) {
          startAttempt(next);
        }
      }
    };
    long remaining = TimeUnit.NANOSECONDS.convert(delay) - (config.scheduler().nanoTime() - lostAt); // saturated
    if (remaining > 0) {
      try {
        reconnects.arm(Duration.ofNanos(remaining), start);
      } catch (RuntimeException refused) {
        schedulerRefused("reconnect", refused);
      }
      return;
    }
    publishHeld(); // the close before the attempt
    Handoff.execute(config.executor(), start, refused -> startSoon(start));
  }

  /**
   * The failed attempts the next one follows (PROTOCOL.md §7.6): after an open connection, none if it stayed open for
   * {@code backoffResetAfter}, else the count of the attempt that opened it, so that a server closing every connection
   * right after its handshake meets the growing backoff. Under the lock, before the loss is published.
   */
  private int attemptsSoFar() {
    if (state.status() != Status.OPEN) {
      return state.attempt();
    }
    Duration open = Duration.ofNanos(config.scheduler().nanoTime() - openedAtNanos);
    return open.compareTo(config.backoffResetAfter()) >= 0 ? 0 : openedByAttempt;
  }

  /**
   * Starts an attempt the executor refused from the timer instead: starting there only hands the attempt to the
   * executor, and a refusal then fails the attempt. Never inline, where one refusal after another (with a backoff of
   * zeros) would recurse. Under the lock.
   */
  private void startSoon(Runnable start) {
    try {
      reconnects.startSoon(start);
    } catch (RuntimeException refused) {
      schedulerRefused("reconnect", refused);
    }
  }

  /**
   * The client stays closed after {@code info}: no reconnect until {@link #connect()} or {@link #reconnect()}. With
   * no attempt to wait for, the requests and sends it holds fail closed with {@code why} at once, and so do sends made
   * until then; connect()'s futures fail with {@code waitersWhy}. Under the lock.
   */
  private void stop(CloseInfo info, String why, String waitersWhy) {
    wanted = false;
    stopped = why;
    epoch++;
    reconnects.cancel();
    pending.failAll(why);
    sender.failHeld(why);
    setState(state.closed(info));
    failWaiters(waitersWhy);
  }

  /**
   * The scheduler threw instead of arming {@code timer}, one the connection cannot do without (its executor was shut
   * down, say). Without it the client could not bound an attempt, notice a dead connection or come back after a
   * loss, and trying again at once would spin, so it stops instead of hanging ({@link #stopWithError}), reporting a
   * {@link Sente4jException} caused by the refusal. Under the lock.
   */
  private void schedulerRefused(String timer, RuntimeException refused) {
    stopWithError(new Sente4jException("the scheduler refused the client's " + timer + " timer (" + refused
        + "); the client stays closed until connect() or reconnect()", refused),
        "the client stopped (its scheduler refused a timer)");
  }

  /**
   * The client cannot go on after {@code error} (its message says why and that it stays closed): it closes the
   * connection as {@link CloseReason#ERROR}, fails the requests, the held sends and connect()'s futures with {@code
   * why}, as {@link #disconnect()} does, reports {@code error}, and stays closed until {@link #connect()} or {@link
   * #reconnect()}. Under the lock.
   */
  private void stopWithError(Sente4jException error, String why) {
    LOG.warn("client {}: {}", config.clientId(), error.getMessage());
    ClientConnection c = detach();
    stop(new CloseInfo(CloseReason.ERROR, CloseReason.ERROR.code(), error.getMessage(), true), why,
        error.getMessage());
    dispatcher.reportError(state.uid(), error);
    if (c != null) {
      c.close(CloseReason.ERROR);
    }
  }

  private ClientConnection detach() {
    ClientConnection c = current;
    current = null;
    handshaken = false;
    cancelHandshakeTimer();
    keepAlive.stop();
    return c;
  }

  private void startAttempt(int attempt) {
    reconnects.cancel();
    long e = ++epoch;
    setState(state.withVia(via).withStatus(Status.CONNECTING, attempt));
    Handoff.execute(config.executor(), () -> open(e), this::attemptRefused);
  }

  /**
   * The executor refused to start an attempt (it was shut down, or is a bounded pool that is full; whatever it threw
   * without starting the attempt, see {@link Handoff}): the attempt
   * failed, as one whose request could not be built does. It is closed as {@link CloseReason#ERROR} and reported,
   * and the next one comes after the backoff. Under the lock.
   */
  private void attemptRefused(Throwable refused) {
    Sente4jException error = new Sente4jException("the executor refused to start a connection attempt ("
        + refused.getMessage() + ")" + Handoff.describe(refused) + "; the client tries again after its backoff",
        refused);
    LOG.warn("client {}: {}", config.clientId(), error.getMessage());
    attemptFailed(error.getMessage(), error);
  }

  /**
   * The current attempt failed before it reached the transport: it is closed as {@link CloseReason#ERROR} with code
   * 1006 (it ended without a close frame) and {@code text}, {@code error} is reported, and the next attempt comes
   * after the backoff. Under the lock.
   */
  private void attemptFailed(String text, Throwable error) {
    lost(new CloseInfo(CloseReason.ERROR, CloseReason.ABNORMAL.code(), text, false));
    dispatcher.reportError(state.uid(), error);
  }

  /** One connection attempt, on the executor, since it calls the application's suppliers. */
  private void open(long e) {
    inMdc(() -> {
      Via attemptVia;
      synchronized (lock) {
        attemptVia = via;
      }
      ClientUrl.Attempt attempt;
      try {
        attempt = ClientUrl.attempt(config, attemptVia);
      } catch (RuntimeException error) {
        LOG.warn("client {}: could not build the connection request: {}", config.clientId(), error.toString());
        synchronized (lock) {
          if (e == epoch && wanted && current == null) {
            attemptFailed(error.toString(), error);
          }
        }
        return;
      }
      ClientConnection c;
      boolean timedOut;
      synchronized (lock) {
        if (e != epoch || !wanted || via != attemptVia) {
          return;
        }
        c = connector.apply(attemptVia, inbound);
        ClientConnection attemptConnection = c;
        arming = c;
        firedWhileArming = false;
        try {
          handshakeTimer = config.scheduler().schedule(config.handshakeTimeout(),
              () -> handshakeTimedOut(attemptConnection));
        } catch (RuntimeException refused) {
          schedulerRefused("handshake-timeout", refused); // before the connection opens: nothing to close
          return;
        } finally {
          arming = null;
        }
        current = c;
        handshaken = false;
        timedOut = firedWhileArming;
      }
      if (timedOut) {
        handshakeTimedOut(c); // not opened: abandoned as the timer's thread would have
        return;
      }
      LOG.debug("client {}: connecting to {}", config.clientId(), attempt.uri());
      c.open(attempt.uri(), attempt.headers());
    });
  }

  /**
   * No handshake on {@code c} within the handshake timeout: a transport can leave an attempt hanging (an upgrade a
   * stopping server accepted and never answered), and nothing else would end it. Lost like any failed attempt.
   */
  private void handshakeTimedOut(ClientConnection c) {
    synchronized (lock) {
      if (c == arming) {
        firedWhileArming = true;
        return;
      }
      if (!isCurrent(c) || handshaken) {
        return;
      }
      LOG.info("client {}: no handshake within {}; abandoning the attempt (timeout)", config.clientId(),
          config.handshakeTimeout());
      if (config.type() == ClientType.AUTO && c.via() == Via.WEBSOCKET && !webSocketHandshaken) {
        // A WebSocket path that opens but never carries a handshake (a proxy that upgrades and forwards nothing)
        // is as good as none: fall back, as when the first WebSocket fails before it opens.
        detach();
        fallBack(CloseInfo.byClient(CloseReason.TIMEOUT));
      } else {
        lost(c, CloseInfo.byClient(CloseReason.TIMEOUT));
      }
    }
    c.close(CloseReason.TIMEOUT);
  }

  private void cancelHandshakeTimer() {
    if (handshakeTimer != null) {
      handshakeTimer.cancel();
      handshakeTimer = null;
    }
  }

  private void failWaiters(String why) {
    for (CompletableFuture<ClientState> w : waiters) {
      PendingReplies.complete(completions, w, null, new Sente4jException(why));
    }
    waiters.clear();
  }

  /** Sets and publishes a new state, after any state still held back. Under the lock. */
  private void setState(ClientState next) {
    publishHeld();
    state = next;
    publish(next);
  }

  /**
   * Sets a new state that the state listener hears of later: at {@link #publishHeld()}, at the latest before the
   * next state. Under the lock.
   */
  private void setStateUnpublished(ClientState next) {
    publishHeld();
    state = next;
    unpublished = next;
  }

  /** Publishes the state held back, if any. Under the lock. */
  private void publishHeld() {
    ClientState held = unpublished;
    if (held != null) {
      unpublished = null;
      publish(held);
    }
  }

  private void publish(ClientState next) {
    dispatcher.submit(next.uid(), "state listener", () -> config.stateListener().accept(next));
  }

  private void requireLive() {
    if (terminated) {
      throw new IllegalStateException("the client is closed");
    }
  }

  private String nextCallbackId() {
    return Long.toString(callbackIds.incrementAndGet(), 36);
  }

  /** Runs {@code body} with this client's ids (the uid of the last handshake) in the MDC. */
  public void inMdc(Runnable body) {
    ClientMdc.run(state.uid(), config.clientId(), body);
  }
}
