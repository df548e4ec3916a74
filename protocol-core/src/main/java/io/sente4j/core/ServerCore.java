package io.sente4j.core;

import io.sente4j.core.internal.AjaxClient;
import io.sente4j.core.internal.ConnectionRegistry;
import io.sente4j.core.internal.Mdc;
import io.sente4j.core.internal.OwnedExecutors;
import io.sente4j.core.internal.PresenceTable;
import io.sente4j.core.internal.PushBuffers;
import io.sente4j.core.internal.RequestChecks;
import io.sente4j.core.internal.ServerConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state and the WebSocket path of a {@link ChannelSocketServer}: accepting upgrades, opening and replacing
 * connections, presence, push buffering, closing and stopping; Ajax requests and connections go to its {@link
 * AjaxPath}. Application code is reached only through {@link ServerDispatch}.
 */
final class ServerCore implements ServerConnection.Host, PresenceTable.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketServer.class);
  private static final long DRAIN_POLL_NANOS = 1_000_000;

  private final ServerOptions options;
  private final ServerPackers packers;
  private final OwnedExecutors owned = new OwnedExecutors("server");
  private final Executor handlers;
  private final Scheduler scheduler;
  private final ServerDispatch dispatch;
  private final ConnectionRegistry registry = new ConnectionRegistry();
  private final Set<ServerConnection> live = ConcurrentHashMap.newKeySet();
  private final PresenceTable presence;
  private final PushBuffers wsPushes;
  private final AjaxPath ajax;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ServerCounters counters = new ServerCounters();
  private final RequestGuard guard;
  private final ServerConnection.Limits limits;
  private final UidLocks uidLocks = new UidLocks();

  ServerCore(ServerOptions options) {
    this.options = options;
    this.guard = new RequestGuard(options.security());
    this.handlers = owned.handlerExecutor(options.handlerExecutor());
    this.scheduler = owned.scheduler(options.scheduler());
    this.dispatch = new ServerDispatch(options, handlers, counters);
    this.packers = new ServerPackers(options, dispatch::report);
    this.presence = new PresenceTable(scheduler, Map.of(Via.WEBSOCKET, options.disconnectGrace(),
        Via.AJAX_POLL, options.ajax().disconnectGrace()), this);
    Executor timedFlushes = owned.flushExecutor(options.scheduler());
    this.wsPushes = new PushBuffers(scheduler, timedFlushes, options.sendBufferWindow(), options.maxBatchEvents(),
        this::flush, (uid, lost) -> dispatch.report(stoppedDrop(uid, lost, "WebSocket")),
        (uid, error) -> dispatch.report(windowRefused(uid, error, "WebSocket")));
    this.limits = new ServerConnection.Limits(options.receiveQueue(), options.sendQueue(), options.overflowPolicy());
    this.ajax = new AjaxPath(options, packers, handlers, scheduler, timedFlushes, dispatch, counters, guard, uidLocks,
        new AjaxPath.Host() {
      @Override
      public void open(AjaxClient client) {
        presence.open(Via.AJAX_POLL, client.uid(), client.clientId(), client);
      }

      @Override
      public void close(AjaxClient client) {
        presence.close(Via.AJAX_POLL, client.uid(), client.clientId(), client);
      }

      @Override
      public int connections(Object uid, String clientId) {
        return ServerCore.this.connections(uid, clientId);
      }

      @Override
      public boolean stopping() {
        return stopped.get();
      }
    });
  }

  ServerAnswer handle(ServerRequest request) {
    RequestChecks.Rejection rejected = RequestChecks.check(request, packers.names());
    if (rejected == null && stopped.get()) {
      rejected = new RequestChecks.Rejection(RejectionReason.SERVER_STOPPED, 503, AjaxPath.STOPPED);
    }
    String clientId = request.param(RequestChecks.CLIENT_ID).orElse(null);
    if (rejected == null) {
      Optional<RejectionReason> refused;
      try {
        refused = guard.check(request, clientId);
      } catch (Throwable t) { // the application's CSRF token function or authorizer: never out to the transport
        dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, null, clientId,
            "the CSRF token function or the authorizer threw; answering 500", t));
        if (t instanceof VirtualMachineError fatal) {
          throw fatal;
        }
        return new ServerAnswer.Reject(500, "Internal Server Error");
      }
      rejected = refused.map(reason -> new RequestChecks.Rejection(reason, guard.response(reason))).orElse(null);
      if (rejected != null) {
        report(rejected, request);
      }
    }
    if (rejected != null) {
      counters.rejected(rejected.reason());
      return rejected.answer();
    }
    if (!request.isWebSocketUpgrade() || !request.method().equals("GET")) {
      return ajax.handle(request, clientId);
    }
    return new ServerAnswer.Upgrade(channel -> accept(channel, request, clientId));
  }

  /** Reports a security rejection; the token itself is never logged. */
  private void report(RequestChecks.Rejection rejected, ServerRequest request) {
    dispatch.report(new ServerError(ServerError.Kind.REJECTED, null, request.param(RequestChecks.CLIENT_ID).orElse(null),
        request.method() + " " + request.path() + " from " + request.remoteAddress().map(Object::toString).orElse("?")
            + " refused: " + rejected.reason() + " (" + rejected.answer().status() + ")", null));
  }

  private ChannelListener accept(Channel channel, ServerRequest request, String clientId) {
    FrameCodec codec = packers.codecFor(request);
    ServerConnection conn = new ServerConnection(channel, clientId, request, codec, handlers, scheduler,
        options.pingInterval(), options.pingTimeout(), limits, this);
    // The check before the upgrade answered 429 to the upgrades it could; upgrades of one address that passed it
    // together are told apart here, where the check and the count are one step.
    if (!guard.tryOpen(request)) {
      counters.rejected(RejectionReason.TOO_MANY_CONNECTIONS);
      dispatch.report(guard.addressFull(request, null, clientId,
          "a WebSocket upgraded with others of its address at the same moment closed with overflow as it opened"));
      conn.close(CloseReason.OVERFLOW);
      return conn;
    }
    live.add(conn); // after the count: closed from now on (by stop(), say), it is uncounted
    if (stopped.get()) {
      conn.close(CloseReason.SERVER_STOP);
    } else {
      dispatch.identify(conn, (uid, data) -> open(conn, uid, data));
    }
    return conn;
  }

  /** On the connection's queue: sends the handshake, registers, replaces an older connection of the same client. */
  private void open(ServerConnection conn, Object uid, Object handshakeData) {
    Frame.Handshake handshake = new Frame.Handshake(uid, handshakeData);
    Payload packed;
    try {
      packed = conn.codec().encode(handshake);
    } catch (RuntimeException e) {
      dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, handshake.uid(), conn.clientId(),
          "the handshake (uid or handshake data) cannot be packed; closing the connection", e));
      conn.close(CloseReason.ERROR);
      return;
    }
    // A stop that began while the user-id function ran closes the connection without a handshake, as it closes one
    // still opening: a handshake then the close would show the client a connection that opened. A stop that begins
    // after this check finds the connection open, and closes it (below, or in its own close of every connection).
    if (stopped.get()) {
      conn.close(CloseReason.SERVER_STOP);
      return;
    }
    ServerConnection[] replaced = new ServerConnection[1];
    int others;
    boolean overLimit;
    boolean opened = false;
    synchronized (uidLocks.of(handshake.uid())) { // the check and the registration, one step for the uid
      others = connections(handshake.uid(), conn.clientId());
      overLimit = overUidLimit(handshake.uid(), others, options.maxConnectionsPerUid());
      if (!overLimit) {
        // Counted under the connection's lock, before anything can close it as open and count that first.
        opened = conn.open(handshake.uid(), packed, () -> {
          counters.opened(Via.WEBSOCKET);
          replaced[0] = registry.put(conn);
          presence.open(Via.WEBSOCKET, conn.uid(), conn.clientId(), conn);
        });
      }
    }
    if (overLimit) {
      counters.rejected(RejectionReason.TOO_MANY_CONNECTIONS);
      dispatch.report(uidFull(handshake.uid(), conn.clientId(), others,
          "a WebSocket closed with overflow as it opened"));
      conn.close(CloseReason.OVERFLOW);
      return;
    }
    if (replaced[0] != null) {
      Mdc.run(conn.uid(), conn.clientId(), () -> LOG.debug("A new connection replaces the client's previous one"));
      replaced[0].close(CloseReason.REQUESTED);
    }
    if (opened && stopped.get()) {
      conn.close(CloseReason.SERVER_STOP);
    }
  }

  void send(Object uid, Event event, boolean now) {
    requirePushable(event);
    push(uidKey(uid), event, now);
  }

  /**
   * Buffers the event for the uid's Ajax clients if it has any, and for its WebSocket connections if it has any or
   * has no connection at all (the WebSocket flush then reports the drop).
   */
  private void push(Object key, Event event, boolean now) {
    boolean viaAjax = ajax.hasClients(key);
    if (viaAjax) {
      ajax.send(key, event, now);
    }
    if (!viaAjax || !registry.of(key).isEmpty()) {
      if (now) {
        wsPushes.addAndFlush(key, event);
      } else {
        wsPushes.add(key, event);
      }
    }
  }

  boolean sendToClient(Object uid, String clientId, Event event) {
    requirePushable(event);
    Objects.requireNonNull(clientId, "clientId");
    Object key = uidKey(uid);
    Boolean sent = wsPushes.flushThen(key, () -> {
      ServerConnection conn = registry.get(key, clientId);
      if (conn == null) {
        return ajax.sendToClient(key, clientId, event);
      }
      List<PushEncoder.PackedPush> push = packers.encoderFor(conn.codec()).encode(key, clientId, List.of(event));
      boolean handed = !push.isEmpty() && conn.push(push.get(0).payload()) == ServerConnection.Pushed.SENT;
      if (handed) {
        counters.eventsPushed(1);
      }
      return handed;
    });
    return Boolean.TRUE.equals(sent);
  }

  void broadcast(Event event) {
    requirePushable(event);
    for (Object uid : presence.snapshot().any()) {
      push(uid, event, false);
    }
  }

  ServerMetrics metrics() {
    return counters.snapshot();
  }

  ConnectedUids connectedUids() {
    return presence.snapshot();
  }

  Set<String> clientIds(Object uid) {
    Set<String> ids = new LinkedHashSet<>();
    registry.of(uidKey(uid)).forEach(c -> ids.add(c.clientId()));
    ajax.clients(uidKey(uid)).forEach(c -> ids.add(c.clientId()));
    return Collections.unmodifiableSet(ids);
  }

  int close(Object uid, CloseReason reason) {
    Objects.requireNonNull(reason, "reason");
    Collection<ServerConnection> conns = registry.of(uidKey(uid));
    conns.forEach(c -> c.close(reason));
    return conns.size() + ajax.close(uidKey(uid), reason);
  }

  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    LOG.debug("Stopping: flushing pushes, draining and closing {} connection(s)", live.size());
    wsPushes.flushAll();
    ajax.flushAll();
    drain(options.stopTimeout());
    // Handlers still running during the drain may push: what they pushed is flushed here, not dropped. Only what is
    // pushed from now on is dropped (and reported).
    wsPushes.flushAll();
    wsPushes.stop();
    ajax.flushAll();
    ajax.stop();
    presence.stop();
    for (ServerConnection conn : live) {
      conn.close(CloseReason.SERVER_STOP);
    }
    owned.shutdown();
  }

  /**
   * Waits, bounded, until no open connection has frames unwritten or events unhandled, nor any Ajax POST. Called from
   * an event's handler, it does not wait for that event, nor for the events queued behind it on its WebSocket: none
   * of them can be handled before the handler returns.
   */
  private void drain(java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long busy = live.stream().filter(c -> c.isOpen() && (c.outbound().items() > 0
          || c.inbound().items() > 0 && !HandledEvent.isIn(c.inbound()))).count();
      boolean posts = ajax.hasUnhandledPosts();
      if (busy == 0 && !posts) {
        return;
      }
      if (System.nanoTime() - deadline >= 0) {
        LOG.info("Stopping after {}: {} connection(s) still had frames unwritten or events unhandled{}", timeout, busy,
            posts ? ", and Ajax POSTs their events unhandled" : "");
        return;
      }
      LockSupport.parkNanos(DRAIN_POLL_NANOS);
    }
  }

  /** Called holding the uid's push lock: one push frame, packed once, to every connection of the uid. */
  private void flush(Object uid, List<Event> batch) {
    Collection<ServerConnection> conns = registry.of(uid);
    if (conns.isEmpty()) {
      dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, null,
          "no WebSocket connection for the uid; " + batch.size() + " pushed event(s) dropped", null));
      return;
    }
    if (conns.size() == 1) { // the common case, without the grouping below
      ServerConnection c = conns.iterator().next();
      for (PushEncoder.PackedPush push : packers.encoderFor(c.codec()).encode(uid, null, batch)) {
        push(c, push);
      }
      return;
    }
    Map<String, List<ServerConnection>> byPacker = new LinkedHashMap<>();
    for (ServerConnection c : conns) {
      byPacker.computeIfAbsent(c.codec().packer().name(), k -> new ArrayList<>()).add(c);
    }
    // Packed once per packer in use, not once per connection.
    byPacker.forEach((packer, group) -> {
      for (PushEncoder.PackedPush push : packers.encoderFor(group.get(0).codec()).encode(uid, null, batch)) {
        for (ServerConnection c : group) {
          push(c, push);
        }
      }
    });
  }

  /**
   * Hands one push frame to a connection. One that is closing (it stays registered until its channel's close returns)
   * refuses it: reported here, as a send queue's overflow is by the connection.
   */
  private void push(ServerConnection c, PushEncoder.PackedPush push) {
    switch (c.push(push.payload())) {
      case SENT -> counters.eventsPushed(push.events().size());
      case CLOSED -> dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, c.uid(), c.clientId(),
          "the connection closed before the push was flushed; " + push.events().size() + " pushed event(s) dropped",
          null));
      case OVERFLOWED -> { } // reported by the connection
    }
  }

  /** The report of pushes sent while, or after, the server stops, which are dropped. */
  static ServerError stoppedDrop(Object uid, List<Event> lost, String transport) {
    return new ServerError(ServerError.Kind.SEND_FAILED, uid, null, "the server stopped; " + lost.size()
        + " pushed event(s) for the uid's " + transport + " connections dropped", null);
  }

  /** A push window whose timer the scheduler refused: its buffer was flushed at once. */
  static ServerError windowRefused(Object uid, RuntimeException error, String transport) {
    return new ServerError(ServerError.Kind.SCHEDULER_REFUSED, uid, null, "the scheduler refused the " + transport
        + " push window timer; the uid's buffered pushes were sent at once", error);
  }

  /** How many connections (WebSocket and Ajax) the uid has, leaving out the client id's own. */
  private int connections(Object uid, String clientId) {
    return (int) registry.of(uid).stream().filter(c -> !c.clientId().equals(clientId)).count()
        + ajax.count(uid, clientId);
  }

  /**
   * Whether a new connection of {@code uid}, beside the {@code others} it has, is beyond {@code max}
   * ({@code maxConnectionsPerUid}). Every anonymous connection shares the nil uid: limiting it would cap the whole
   * server's anonymous users.
   */
  static boolean overUidLimit(Object uid, int others, int max) {
    return others >= max && !Chsk.NIL_UID.equals(uid);
  }

  /**
   * The report of a connection refused for {@code maxConnectionsPerUid}, worded once for the WebSocket and the Ajax
   * path, as {@link RequestGuard#addressFull} is for the per-address limit.
   *
   * @param refusal the first words: how the connection was refused
   */
  static ServerError uidFull(Object uid, String clientId, int others, String refusal) {
    return new ServerError(ServerError.Kind.REJECTED, uid, clientId, refusal + ": the uid has " + others
        + " connection(s), the most allowed (maxConnectionsPerUid)", null);
  }

  private static void requirePushable(Event event) {
    Objects.requireNonNull(event, "event");
    if (event.isReserved()) {
      throw new IllegalArgumentException("cannot push " + event.id() + ": the chsk namespace is the protocol's");
    }
  }

  /** Null and the legacy nil uid are {@code :sente/nil-uid}, as in {@link Frame.Handshake}. */
  private static Object uidKey(Object uid) {
    return uid == null || Chsk.LEGACY_NIL_UID.equals(uid) ? Chsk.NIL_UID : uid;
  }

  // ServerConnection.Host

  @Override
  public void onEvent(ServerConnection conn, Event event, String callbackId, int bytes) {
    dispatch.event(conn, event, callbackId, bytes);
  }

  @Override
  public void onSendOverflow(ServerConnection conn, String what) {
    dispatch.report(new ServerError(ServerError.Kind.OVERFLOW, conn.uid(), conn.clientId(), what, null));
  }

  @Override
  public void onBadFrame(ServerConnection conn, FrameException error) {
    dispatch.report(new ServerError(ServerError.Kind.BAD_FRAME, conn.uid(), conn.clientId(), error.getMessage(),
        error));
  }

  @Override
  public void onSendFailed(ServerConnection conn, Throwable error, boolean channelClosed) {
    if (channelClosed) { // the connection closed as the message was sent: reported, without a transport's stack trace
      dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, conn.uid(), conn.clientId(),
          "the connection closed before a message was written; the message was dropped", null));
      return;
    }
    dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, conn.uid(), conn.clientId(),
        "the transport could not send a message: " + error, error));
  }

  @Override
  public void onKeepAliveRefused(ServerConnection conn, RuntimeException error) {
    dispatch.report(new ServerError(ServerError.Kind.SCHEDULER_REFUSED, conn.uid(), conn.clientId(),
        "the scheduler refused the connection's keep-alive timer; closing the connection (error)", error));
  }

  @Override
  public void onClosed(ServerConnection conn, CloseReason reason, boolean wasOpen) {
    if (live.remove(conn)) {
      guard.closed(conn.request());
    }
    if (wasOpen) {
      counters.closed(Via.WEBSOCKET, reason);
      // The grace starts before the connection leaves clientIds(): whoever sees it gone may count on the grace
      // having started (the presence checks of the conformance kit move virtual time from that moment).
      presence.close(Via.WEBSOCKET, conn.uid(), conn.clientId(), conn);
      registry.remove(conn);
    }
  }

  // PresenceTable.Listener

  @Override
  public void uidOpened(Object uid, Object context) {
    presenceEvent(context, Chsk.UIDPORT_OPEN, uid);
  }

  @Override
  public void uidClosed(Object uid, Object context) {
    presenceEvent(context, Chsk.UIDPORT_CLOSE, uid);
  }

  private void presenceEvent(Object context, Keyword id, Object uid) {
    if (context instanceof AjaxClient) {
      dispatch.presenceEvent((AjaxClient) context, id, uid);
    } else {
      dispatch.presenceEvent((ServerConnection) context, id, uid);
    }
  }

  @Override
  public void graceRefused(Via via, Object uid, String clientId, RuntimeException error) {
    dispatch.report(new ServerError(ServerError.Kind.SCHEDULER_REFUSED, uid, clientId, "the scheduler refused the "
        + (via == Via.WEBSOCKET ? "WebSocket" : "Ajax") + " disconnect grace timer; the presence ended at once", error));
  }

  @Override
  public void changed() {
    if (dispatch.wantsPresence()) {
      dispatch.presenceChanged(presence.snapshot());
    }
  }
}
