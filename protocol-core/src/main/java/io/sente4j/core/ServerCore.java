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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state and the WebSocket path of a {@link ChannelSocketServer}: accepting upgrades, opening and replacing
 * connections, presence, push buffering, closing and stopping; Ajax requests and connections go to its {@link
 * AjaxPath}. Application code is reached only through {@link ServerDispatch}.
 */
final class ServerCore implements ServerConnection.Host, PresenceTable.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketServer.class);

  private final ServerOptions options;
  private final FrameCodec codec;
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

  ServerCore(ServerOptions options) {
    this.options = options;
    this.codec = new FrameCodec(options.packer());
    this.handlers = owned.handlerExecutor(options.handlerExecutor());
    this.scheduler = owned.scheduler(options.scheduler());
    this.dispatch = new ServerDispatch(options, handlers);
    this.presence = new PresenceTable(scheduler, Map.of(Via.WEBSOCKET, options.disconnectGrace(),
        Via.AJAX_POLL, options.ajax().disconnectGrace()), this);
    this.wsPushes = new PushBuffers(scheduler, options.sendBufferWindow(), this::flush);
    this.ajax = new AjaxPath(options.ajax(), codec, handlers, scheduler, dispatch, new AjaxPath.AjaxPresence() {
      @Override
      public void open(AjaxClient client) {
        presence.open(Via.AJAX_POLL, client.uid(), client.clientId(), client);
      }

      @Override
      public void close(AjaxClient client) {
        presence.close(Via.AJAX_POLL, client.uid(), client.clientId(), client);
      }
    }, this::encodePush);
  }

  ServerAnswer handle(ServerRequest request) {
    ServerAnswer.Reject rejected = RequestChecks.check(request, codec.packer().name());
    if (rejected != null) {
      return rejected;
    }
    if (stopped.get()) {
      return new ServerAnswer.Reject(503, "Server stopped");
    }
    String clientId = request.param(RequestChecks.CLIENT_ID).orElseThrow();
    if (!request.isWebSocketUpgrade() || !request.method().equals("GET")) {
      return ajax.handle(request, clientId);
    }
    return new ServerAnswer.Upgrade(channel -> accept(channel, request, clientId));
  }

  private ChannelListener accept(Channel channel, ServerRequest request, String clientId) {
    ServerConnection conn = new ServerConnection(channel, clientId, request, codec, handlers, scheduler,
        options.pingInterval(), options.pingTimeout(), this);
    live.add(conn);
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
      packed = codec.encode(handshake);
    } catch (RuntimeException e) {
      dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, handshake.uid(), conn.clientId(),
          "the handshake (uid or handshake data) cannot be packed; closing the connection", e));
      conn.close(CloseReason.ERROR);
      return;
    }
    ServerConnection[] replaced = new ServerConnection[1];
    boolean opened = conn.open(handshake.uid(), packed, () -> {
      replaced[0] = registry.put(conn);
      presence.open(Via.WEBSOCKET, conn.uid(), conn.clientId(), conn);
    });
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
      Payload push = encodePush(key, clientId, List.of(event));
      return push != null && conn.send(push);
    });
    return Boolean.TRUE.equals(sent);
  }

  void broadcast(Event event) {
    requirePushable(event);
    for (Object uid : presence.snapshot().any()) {
      push(uid, event, false);
    }
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
    LOG.debug("Stopping: flushing pushes, closing {} connection(s)", live.size());
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

  /** Called holding the uid's push lock: one push frame, packed once, to every connection of the uid. */
  private void flush(Object uid, List<Event> batch) {
    Collection<ServerConnection> conns = registry.of(uid);
    if (conns.isEmpty()) {
      dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, null,
          "no WebSocket connection for the uid; " + batch.size() + " pushed event(s) dropped", null));
      return;
    }
    Payload push = encodePush(uid, null, batch);
    if (push != null) {
      conns.forEach(c -> c.send(push));
    }
  }

  /** The packed push, leaving out (and reporting) the events the packer refuses; null when nothing is left. */
  Payload encodePush(Object uid, String clientId, List<Event> batch) {
    try {
      return codec.encode(new Frame.Push(batch));
    } catch (PackerException whole) {
      List<Event> packable = new ArrayList<>(batch.size());
      for (Event e : batch) {
        try {
          codec.packer().pack(FrameCodec.eventVector(e));
          packable.add(e);
        } catch (PackerException one) {
          dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, clientId,
              "event " + e.id() + " cannot be packed; dropped: " + one.getMessage(), one));
        }
      }
      if (packable.size() == batch.size()) {
        dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, clientId,
            "a push of " + batch.size() + " event(s) cannot be packed; dropped: " + whole.getMessage(), whole));
        return null;
      }
      return packable.isEmpty() ? null : encodePush(uid, clientId, packable);
    }
  }

  private static void requirePushable(Event event) {
    Objects.requireNonNull(event, "event");
    if (event.isReserved()) {
      throw new IllegalArgumentException("cannot push " + event.id() + ": the chsk namespace is the protocol's");
    }
  }

  private static Object uidKey(Object uid) {
    return new Frame.Handshake(uid, null).uid(); // null and the legacy nil uid are :sente/nil-uid
  }

  // ServerConnection.Host

  @Override
  public void onEvent(ServerConnection conn, Event event, String callbackId) {
    dispatch.event(conn, event, callbackId);
  }

  @Override
  public void onBadFrame(ServerConnection conn, FrameException error) {
    dispatch.report(new ServerError(ServerError.Kind.BAD_FRAME, conn.uid(), conn.clientId(), error.getMessage(),
        error));
  }

  @Override
  public void onSendFailed(ServerConnection conn, Throwable error) {
    dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, conn.uid(), conn.clientId(),
        "the transport could not send a message: " + error, error));
  }

  @Override
  public void onClosed(ServerConnection conn, CloseReason reason, boolean wasOpen) {
    live.remove(conn);
    if (wasOpen) {
      registry.remove(conn);
      presence.close(Via.WEBSOCKET, conn.uid(), conn.clientId(), conn);
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
  public void changed() {
    if (dispatch.wantsPresence()) {
      dispatch.presenceChanged(presence.snapshot());
    }
  }
}
