package io.sente4j.core;

import io.sente4j.core.internal.AjaxClient;
import io.sente4j.core.internal.AjaxSettings;
import io.sente4j.core.internal.HeldReply;
import io.sente4j.core.internal.Mdc;
import io.sente4j.core.internal.PushBuffers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ajax path of a {@link ChannelSocketServer} (PROTOCOL.md §5.4, §5.5): answers the Ajax GET (handshake or
 * long-poll) and the Ajax POST of requests that passed the checks, keeps the {@link AjaxClient}s and the Ajax push
 * buffers, and serves sends, closes and the stop for them. Every request is held and answered from the handler
 * executor, since telling a handshake from a poll needs the uid, which application code computes.
 */
final class AjaxPath implements AjaxClient.Host {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketServer.class);
  /** The query parameter that marks an Ajax GET as a handshake; its value does not matter. */
  static final String HANDSHAKE = "handshake?";
  /** The query parameter that marks a POST's body as the raw packed frame. */
  static final String BINARY = "binary?";
  /** The form field of a text POST's packed frame. */
  static final String PPSTR = "ppstr";

  /** Packs a push, leaving out (and reporting) events the packer refuses; {@code null} when nothing is left. */
  @FunctionalInterface
  interface PushEncoder {
    Payload encode(Object uid, String clientId, List<Event> batch);
  }

  private final AjaxSettings settings;
  private final FrameCodec codec;
  private final Executor handlers;
  private final Scheduler scheduler;
  private final ServerDispatch dispatch;
  private final AjaxPresence presence;
  private final PushEncoder encoder;
  private final AjaxRegistry registry = new AjaxRegistry();
  private final PushBuffers pushes;
  private final Set<HeldReply> pendingReplies = ConcurrentHashMap.newKeySet();
  private final Payload ack;

  /** What the Ajax path tells presence. */
  interface AjaxPresence {
    void open(AjaxClient client);

    void close(AjaxClient client);
  }

  AjaxPath(AjaxSettings settings, FrameCodec codec, Executor handlers, Scheduler scheduler, ServerDispatch dispatch,
      AjaxPresence presence, PushEncoder encoder) {
    this.settings = settings;
    this.codec = codec;
    this.handlers = handlers;
    this.scheduler = scheduler;
    this.dispatch = dispatch;
    this.presence = presence;
    this.encoder = encoder;
    this.pushes = new PushBuffers(scheduler, settings.sendBufferWindow(), this::flush);
    this.ack = codec.encode(new Frame.AjaxAck());
  }

  /** Answers an Ajax GET or POST that passed the checks of PROTOCOL.md §5.7. */
  ServerAnswer handle(ServerRequest request, String clientId) {
    return request.method().equals("POST") ? post(request, clientId) : get(request, clientId);
  }

  private ServerAnswer get(ServerRequest request, String clientId) {
    boolean askedHandshake = request.queryParam(HANDSHAKE).isPresent();
    return new ServerAnswer.Hold(held -> run(held, () -> onGet(request, clientId, askedHandshake, held)));
  }

  /** On a handler thread: a handshake when asked for or when the client has no connection, else a poll. */
  private void onGet(ServerRequest request, String clientId, boolean askedHandshake, HeldResponse held) {
    ServerDispatch.Identity id = Mdc.call(null, clientId, () -> dispatch.identify(request, clientId, false));
    if (id == null) {
      held.complete(500, Payload.text("Internal Server Error"));
      return;
    }
    Mdc.run(id.uid(), clientId, () -> {
      AjaxClient client = registry.get(id.uid(), clientId);
      while (client != null && !askedHandshake) {
        if (client.poll(held)) {
          return;
        }
        registry.remove(client); // forgotten meanwhile; a newer one may have taken its place
        client = registry.get(id.uid(), clientId);
      }
      handshake(request, clientId, id, held);
    });
  }

  private void handshake(ServerRequest request, String clientId, ServerDispatch.Identity id, HeldResponse held) {
    ServerDispatch.Identity full = dispatch.identify(request, clientId, true);
    if (full == null) {
      held.complete(500, Payload.text("Internal Server Error"));
      return;
    }
    Frame.Handshake handshake = new Frame.Handshake(id.uid(), full.handshakeData());
    Payload packed;
    try {
      packed = codec.encode(handshake);
    } catch (RuntimeException e) {
      dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, id.uid(), clientId,
          "the handshake (uid or handshake data) cannot be packed; answering 500", e));
      held.complete(500, Payload.text("Internal Server Error"));
      return;
    }
    AjaxClient client = registry.handshake(id.uid(), clientId, request,
        () -> new AjaxClient(id.uid(), clientId, request, codec, handlers, scheduler, settings, this));
    if (client == null) {
      held.complete(503, Payload.text("Server stopped"));
      return;
    }
    LOG.debug("Ajax handshake");
    held.complete(200, packed);
  }

  private ServerAnswer post(ServerRequest request, String clientId) {
    Payload body = framePayload(request);
    if (body == null) {
      return new ServerAnswer.Reject(400, "Missing ppstr: a form-encoded POST carries its frame in the ppstr field");
    }
    Frame.AjaxEvent event;
    try {
      event = (Frame.AjaxEvent) codec.decode(body, Direction.FROM_CLIENT, Via.AJAX_POST);
    } catch (FrameException e) {
      return badFrame(clientId, e);
    } catch (RuntimeException e) {
      return badFrame(clientId, new FrameException(FrameException.Reason.UNPACKABLE, Direction.FROM_CLIENT,
          Via.AJAX_POST, "the packer failed: " + e, null, e));
    }
    if (!event.wantsReply()) {
      try {
        handlers.execute(() -> onPost(request, clientId, event.event(), null));
      } catch (RejectedExecutionException e) {
        return new ServerAnswer.Reject(503, "Server stopped");
      }
      return new ServerAnswer.Respond(200, ack);
    }
    return new ServerAnswer.Hold(held -> {
      HeldReply[] self = new HeldReply[1];
      HeldReply reply = new HeldReply(held, codec, scheduler, settings.replyTimeout(),
          () -> pendingReplies.remove(self[0]));
      self[0] = reply;
      pendingReplies.add(reply);
      if (!reply.isOpen()) { // ended before it was added
        pendingReplies.remove(reply);
      }
      run(held, () -> onPost(request, clientId, event.event(), reply));
    });
  }

  private void onPost(ServerRequest request, String clientId, Event event, HeldReply reply) {
    ServerDispatch.Identity id = Mdc.call(null, clientId, () -> dispatch.identify(request, clientId, false));
    if (id == null) {
      if (reply != null) {
        reply.reply(Chsk.ERROR);
      }
      return;
    }
    dispatch.ajaxEvent(id.uid(), clientId, request, event, reply);
  }

  /** The POST's packed frame: the raw body for {@code binary?} or a binary packer, else the {@code ppstr} field. */
  private Payload framePayload(ServerRequest request) {
    if (request.queryParam(BINARY).isPresent()) {
      return Payload.binary(request.body().asBytes());
    }
    return request.formParam(PPSTR).<Payload>map(Payload::text)
        .orElse(codec.packer().isBinary() ? Payload.binary(request.body().asBytes()) : null);
  }

  private ServerAnswer badFrame(String clientId, FrameException e) {
    dispatch.report(new ServerError(ServerError.Kind.BAD_FRAME, null, clientId, e.getMessage(), e));
    return new ServerAnswer.Reject(400, "Bad frame (" + e.reason() + "): " + e.getMessage());
  }

  /** Runs a held request's work on the handler executor, or answers 503 when it refuses. */
  private void run(HeldResponse held, Runnable work) {
    try {
      handlers.execute(work);
    } catch (RejectedExecutionException e) {
      held.complete(503, Payload.text("Server stopped"));
    }
  }

  // Sends

  /** Whether the uid has an Ajax connection now. */
  boolean hasClients(Object uid) {
    return !registry.of(uid).isEmpty();
  }

  /** The Ajax connections of a uid, a snapshot. */
  Collection<AjaxClient> clients(Object uid) {
    return registry.of(uid);
  }

  void send(Object uid, Event event, boolean now) {
    if (now) {
      pushes.addAndFlush(uid, event);
    } else {
      pushes.add(uid, event);
    }
  }

  /**
   * Flushes the uid's Ajax buffer, then hands the event to one client.
   *
   * @return whether the uid has an Ajax connection with that client id that took the push
   */
  boolean sendToClient(Object uid, String clientId, Event event) {
    Boolean sent = pushes.flushThen(uid, () -> {
      AjaxClient client = registry.get(uid, clientId);
      if (client == null) {
        return false;
      }
      Payload push = encoder.encode(uid, clientId, List.of(event));
      return push != null && client.deliver(List.of(event), push);
    });
    return Boolean.TRUE.equals(sent);
  }

  /** Closes every Ajax connection of a uid (PROTOCOL.md §10.2); returns how many there were. */
  int close(Object uid, CloseReason reason) {
    int closed = 0;
    for (AjaxClient client : registry.of(uid)) {
      if (client.close("the connection was closed (" + reason.text() + ")")) {
        closed++;
      }
    }
    return closed;
  }

  /** Flushes every Ajax push buffer now. */
  void flushAll() {
    pushes.flushAll();
  }

  /**
   * Stops: refuses new connections, answers parked polls {@code :chsk/timeout}, drops (reporting) held pushes, and
   * answers {@code :chsk/timeout} to the POSTs still waiting for their reply.
   */
  void stop() {
    pushes.stop();
    for (AjaxClient client : registry.stop()) {
      client.close("the server stopped");
    }
    for (HeldReply reply : List.copyOf(pendingReplies)) {
      reply.timeOut();
    }
  }

  /** Called holding the uid's push lock: one push frame, packed once, to every Ajax client of the uid. */
  private void flush(Object uid, List<Event> batch) {
    Collection<AjaxClient> clients = registry.of(uid);
    if (clients.isEmpty()) {
      dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, null,
          "no Ajax connection for the uid; " + batch.size() + " pushed event(s) dropped", null));
      return;
    }
    Payload push = encoder.encode(uid, null, batch);
    if (push == null) {
      return;
    }
    List<AjaxClient> missed = new ArrayList<>(0);
    for (AjaxClient client : clients) {
      if (!client.deliver(batch, push)) {
        missed.add(client);
      }
    }
    for (AjaxClient client : missed) { // forgotten between the snapshot and the delivery
      dropped(client, batch.size(), "the connection ended before the push was flushed");
    }
  }

  // AjaxClient.Host

  @Override
  public void presenceOpened(AjaxClient client) {
    presence.open(client);
  }

  @Override
  public void presenceEnded(AjaxClient client) {
    presence.close(client);
  }

  @Override
  public void dropped(AjaxClient client, int events, String why) {
    dispatch.report(new ServerError(ServerError.Kind.PUSH_DROPPED, client.uid(), client.clientId(),
        events + " pushed event(s) dropped: " + why, null));
  }

  @Override
  public void forgotten(AjaxClient client) {
    registry.remove(client);
  }
}
