package io.sente4j.core;

import io.sente4j.core.internal.AjaxClient;
import io.sente4j.core.internal.AjaxSettings;
import io.sente4j.core.internal.Handoff;
import io.sente4j.core.internal.HeldReply;
import io.sente4j.core.internal.Mdc;
import io.sente4j.core.internal.PostQueues;
import io.sente4j.core.internal.PushBuffers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
  /** The body of the {@code 503} for a server that holds its most Ajax requests. */
  static final String TOO_MANY_PENDING = "Too many Ajax requests waiting";
  /** The body of the {@code 503} for a request that came as, or after, the server stopped. */
  static final String STOPPED = "Server stopped";
  /**
   * The body of the {@code 503} for a POST whose reply timeout the scheduler refused: as the server stops, or with an
   * application's scheduler that is shut down while the server runs.
   */
  static final String UNTIMED = "Service unavailable: the reply could not be timed";
  /**
   * The body of the {@code 503} for a handshake whose connection's disconnect grace timer the scheduler refused: the
   * connection is forgotten at once, so a handshake answered 200 would start a client polling on nothing, each poll
   * answered at once with a new handshake. A non-2xx handshake is a failed attempt, tried again after the backoff.
   */
  static final String UNTIMED_HANDSHAKE = "Service unavailable: the Ajax connection could not be timed";

  private final AjaxSettings settings;
  private final ServerPackers packers;
  private final Executor handlers;
  private final Scheduler scheduler;
  private final ServerDispatch dispatch;
  private final ServerCounters counters;
  private final RequestGuard guard;
  private final UidLocks uidLocks;
  private final int maxConnectionsPerUid;
  private final PostQueues inbound;
  private final Host host;
  private final AjaxRegistry registry = new AjaxRegistry();
  private final AjaxAdmission admission;
  private final PushBuffers pushes;
  private final Set<HeldReply> pendingReplies = ConcurrentHashMap.newKeySet();
  /**
   * The clients counted as open in the metrics and the per-address limit, until they are forgotten, with the request
   * they were counted for: a client may handshake again from another address, and must be uncounted where it was
   * counted.
   */
  private final Map<AjaxClient, ServerRequest> counted = new ConcurrentHashMap<>();

  /** What the Ajax path needs from the rest of the server. */
  interface Host {
    /** The client's presence starts. */
    void open(AjaxClient client);

    /** The client's presence ends (its grace starts). */
    void close(AjaxClient client);

    /** How many connections (WebSocket and Ajax) the uid has, leaving out the client id's own. */
    int connections(Object uid, String clientId);

    /** Whether the server's stop has begun (it refuses new requests from then on). */
    boolean stopping();
  }

  AjaxPath(ServerOptions options, ServerPackers packers, Executor handlers, Scheduler scheduler,
      Executor timedFlushes, ServerDispatch dispatch, ServerCounters counters, RequestGuard guard, UidLocks uidLocks,
      Host host) {
    this.settings = options.ajax();
    this.admission = new AjaxAdmission(settings.maxPending());
    this.packers = packers;
    this.handlers = handlers;
    this.scheduler = scheduler;
    this.dispatch = dispatch;
    this.counters = counters;
    this.guard = guard;
    this.uidLocks = uidLocks;
    this.maxConnectionsPerUid = options.maxConnectionsPerUid();
    this.inbound = new PostQueues(options.receiveQueue());
    this.host = host;
    this.pushes = new PushBuffers(scheduler, timedFlushes, settings.sendBufferWindow(), options.maxBatchEvents(),
        this::flush, (uid, lost) -> dispatch.report(ServerCore.stoppedDrop(uid, lost, "Ajax")),
        (uid, error) -> dispatch.report(ServerCore.windowRefused(uid, error, "Ajax")));
  }

  /** Answers an Ajax GET or POST that passed the checks of PROTOCOL.md §5.7. */
  ServerAnswer handle(ServerRequest request, String clientId) {
    return request.method().equals("POST") ? post(request, clientId) : get(request, clientId);
  }

  private ServerAnswer get(ServerRequest request, String clientId) {
    boolean askedHandshake = request.queryParam(HANDSHAKE).isPresent();
    AjaxAdmission.Ticket ticket = admission.admit();
    if (ticket == null) {
      return overloaded(clientId, "GET");
    }
    return new ServerAnswer.Hold(held -> {
      HeldResponse tracked = ticket.track(held);
      run(() -> {
        onGet(request, clientId, askedHandshake, tracked);
        // A poll whose client went away before this ran is not parked, and nothing registered heard it go.
        if (!tracked.isOpen()) {
          ticket.release();
        }
      }, refusal -> tracked.complete(503, Payload.text(refusedByHandlers(clientId, "GET", refusal))));
    });
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
      long connection = AjaxClient.connectionNumber(request);
      while (client != null && !askedHandshake) {
        if (client.poll(held, connection)) {
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
    FrameCodec codec = packers.codecFor(request);
    Payload packed;
    try {
      packed = codec.encode(handshake);
    } catch (RuntimeException e) {
      dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, id.uid(), clientId,
          "the handshake (uid or handshake data) cannot be packed; answering 500", e));
      held.complete(500, Payload.text("Internal Server Error"));
      return;
    }
    NewClient create = new NewClient(request, id.uid(), clientId, codec);
    AjaxClient client;
    try {
      synchronized (uidLocks.of(id.uid())) { // the check and the registration, one step for the uid
        AjaxClient existing = registry.get(id.uid(), clientId);
        if (existing != null && existing.codec() != codec) { // the same tab, now with another packer
          existing.close(CloseReason.REQUESTED, "the client handshook again with another packer");
        }
        client = registry.handshake(id.uid(), clientId, request, create);
      }
    } catch (RuntimeException e) { // a bug of ours (nothing here packs or calls the application): give the place back
      if (create.reserved) {
        guard.closed(request);
      }
      dispatch.report(new ServerError(ServerError.Kind.HANDLER_FAILED, id.uid(), clientId,
          "the Ajax connection could not be started; answering 500", e));
      held.complete(500, Payload.text("Internal Server Error"));
      return;
    }
    if (create.refused != null) {
      counters.rejected(create.refused);
      ServerAnswer.Reject answer = guard.response(RejectionReason.TOO_MANY_CONNECTIONS);
      held.complete(answer.status(), Payload.text(answer.body()));
      return;
    }
    if (client == null) {
      if (create.reserved) {
        guard.closed(request);
      }
      held.complete(503, Payload.text(STOPPED));
      return;
    }
    // Checked after the registration, as a POST is after adding its reply: a stop that began first (it runs its
    // drain before it closes the clients) would close this one, and a 200 would start a client polling on a server
    // that answers its next poll 503. Refused as a request after the stop is; a stop that begins after this check
    // finds the client registered, and closes it.
    if (host.stopping()) {
      if (create.reserved) { // never counted: the place at its address is given back here
        guard.closed(request);
      }
      client.close(CloseReason.SERVER_STOP, "the server stopped");
      held.complete(503, Payload.text(STOPPED));
      return;
    }
    countOpened(client, request, create.reserved);
    if (client.forgottenUntimed()) { // reported by timerRefused
      held.complete(503, Payload.text(UNTIMED_HANDSHAKE));
      return;
    }
    LOG.debug("Ajax handshake");
    held.complete(200, packed);
  }

  /**
   * A handshake's new client, created only when the registry has no live one for the uid and client id: the limits
   * are checked, and a place reserved at the request's address, here and nowhere else. A client found open under the
   * uid's lock may be forgotten before the handshake reaches it, the handshake then starting a new client: checked
   * at its creation, that one cannot be counted past the limits.
   */
  private final class NewClient implements Supplier<AjaxClient> {
    private final ServerRequest request;
    private final Object uid;
    private final String clientId;
    private final FrameCodec codec;
    /** Why the new client would be one too many; then {@link #get} gives none. */
    RejectionReason refused;
    /** Whether a place is counted at the request's address for the client (once, whatever the registry's retries). */
    boolean reserved;

    NewClient(ServerRequest request, Object uid, String clientId, FrameCodec codec) {
      this.request = request;
      this.uid = uid;
      this.clientId = clientId;
      this.codec = codec;
    }

    @Override
    public AjaxClient get() {
      if (!reserved) {
        refused = overLimit(request, uid, clientId);
        if (refused != null) {
          return null;
        }
        reserved = true;
      }
      return new AjaxClient(uid, clientId, request, codec, packers.constantsFor(codec).timeout(), handlers, scheduler,
          settings, AjaxPath.this);
    }
  }

  /**
   * Counts a client open in the metrics and at its request's address, once. Under the client's lock, under which a
   * forget uncounts it: a forget racing the handshake comes wholly before the count (a forgotten client is not
   * counted) or wholly after it (and uncounts exactly what was counted).
   *
   * @param reserved whether this handshake created a client, and holds a place at the request's address for it
   *     ({@link RequestGuard#tryOpen}): the client's count at its address, or given back when the client is forgotten
   *     already or counted by another of its handshakes (of the nil uid, which takes no lock, at once). A handshake
   *     that created nothing counts nothing: the one that created the client counts it
   */
  private void countOpened(AjaxClient client, ServerRequest request, boolean reserved) {
    if (!reserved) {
      return;
    }
    boolean[] placeTaken = new boolean[1];
    client.ifLive(() -> {
      if (counted.putIfAbsent(client, request) == null) {
        counters.opened(Via.AJAX_POLL);
        placeTaken[0] = true;
      }
    });
    if (!placeTaken[0]) {
      guard.closed(request);
    }
  }

  /**
   * Why a new Ajax connection would be one too many (PROTOCOL.md §11.4): the remote address or the uid (not the
   * shared nil uid) already has the most allowed; {@code null} when it is within the limits, the new connection then
   * counted at the remote address (the check and the count one step, {@link RequestGuard#tryOpen}).
   */
  private RejectionReason overLimit(ServerRequest request, Object uid, String clientId) {
    if (!guard.tryOpen(request)) {
      dispatch.report(guard.addressFull(request, uid, clientId, refusal()));
      return RejectionReason.TOO_MANY_CONNECTIONS;
    }
    int others = host.connections(uid, clientId);
    if (ServerCore.overUidLimit(uid, others, maxConnectionsPerUid)) {
      guard.closed(request); // the place just counted at the address
      dispatch.report(ServerCore.uidFull(uid, clientId, others, refusal()));
      return RejectionReason.TOO_MANY_CONNECTIONS;
    }
    return null;
  }

  /** The first words of the report of a handshake refused for a limit: the status it is answered with. */
  private String refusal() {
    return "Ajax handshake refused (" + guard.response(RejectionReason.TOO_MANY_CONNECTIONS).status() + ")";
  }

  private ServerAnswer post(ServerRequest request, String clientId) {
    FrameCodec codec = packers.codecFor(request);
    Payload body = framePayload(request, codec);
    if (body == null) {
      return new ServerAnswer.Reject(400, "Missing ppstr: a form-encoded POST carries its frame in the ppstr field");
    }
    int limit = codec.packer().limits().maxInputBytes();
    if (body.byteLength() > limit) {
      counters.rejected(RejectionReason.FRAME_TOO_LARGE);
      dispatch.report(new ServerError(ServerError.Kind.BAD_FRAME, null, clientId, "an Ajax POST's frame of "
          + body.byteLength() + " bytes is over the frame limit of " + limit + " bytes; answered 413", null));
      return new ServerAnswer.Reject(413, "Frame too large: " + body.byteLength() + " bytes, the limit is " + limit);
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
    AjaxAdmission.Ticket ticket = admission.admit();
    if (ticket == null) {
      return overloaded(clientId, "POST");
    }
    int size = body.byteLength();
    if (!inbound.tryAdmit(clientId, size)) {
      ticket.release();
      return refuseFull(clientId, event, codec);
    }
    // Read by the reply's end on a timer thread: a volatile slot, so an end after the add below sees the reply and
    // takes it out of the pending list (an end before the add is caught by the isOpen check after it).
    AtomicReference<HeldReply> reply = new AtomicReference<>();
    Runnable work = () -> {
      try {
        HandledEvent.run(inbound, () -> onPost(request, clientId, event.event(), reply.get()));
      } finally {
        inbound.release(clientId, size);
      }
    };
    if (!event.wantsReply()) {
      String[] refused = new String[1];
      run(() -> {
        try {
          work.run();
        } finally {
          ticket.release();
        }
      }, refusal -> {
        inbound.release(clientId, size);
        ticket.release();
        refused[0] = refusedByHandlers(clientId, "POST", refusal);
      });
      return refused[0] != null ? new ServerAnswer.Reject(503, refused[0])
          : new ServerAnswer.Respond(200, packers.constantsFor(codec).ajaxAck());
    }
    return new ServerAnswer.Hold(untracked -> {
      HeldResponse held = ticket.track(untracked);
      HeldReply r;
      try {
        // The end may run at once, inside the constructor (the client went away already), before the slot is set.
        Payload timedOut = packers.constantsFor(codec).timeout();
        r = new HeldReply(held, codec, timedOut, scheduler, settings.replyTimeout(), () -> {
          HeldReply ended = reply.get();
          if (ended != null) {
            pendingReplies.remove(ended);
          }
        });
      } catch (RuntimeException e) { // the scheduler refuses the reply timeout: stopped, or the application's is shut
        inbound.release(clientId, size);
        if (registry.isStopped()) { // the server's own timer, shut down by the stop: nothing to report
          held.complete(503, Payload.text(STOPPED));
          return;
        }
        dispatch.report(new ServerError(ServerError.Kind.SCHEDULER_REFUSED, null, clientId, "the scheduler refused "
            + "the Ajax reply timeout timer of a POST (" + event.event().id() + "); answered 503, not handled", e));
        held.complete(503, Payload.text(UNTIMED));
        return;
      }
      reply.set(r);
      pendingReplies.add(r);
      if (!r.isOpen()) { // ended before it was added
        pendingReplies.remove(r);
      }
      // Checked after the add: a stop that came first answered the replies it found, and would never end this one
      // (its timer may be dropped with the server's scheduler). Refused unhandled, as a request after the stop is.
      if (registry.isStopped()) {
        inbound.release(clientId, size);
        r.refuse(503, STOPPED);
        return;
      }
      run(work, refusal -> {
        inbound.release(clientId, size);
        r.refuse(503, refusedByHandlers(clientId, "POST", refusal));
      });
    });
  }

  /**
   * A POST whose event does not fit in the client id's receive queue (PROTOCOL.md §11.3; the queue is bounded as a
   * WebSocket's is) is answered {@code [:chsk/error nil]}, with or without a reply wanted.
   */
  private ServerAnswer refuseFull(String clientId, Frame.AjaxEvent event, FrameCodec codec) {
    dispatch.report(new ServerError(ServerError.Kind.OVERFLOW, null, clientId, "the handler's queue for the "
        + "client's POSTs is full (" + inbound.limit() + "); answered :chsk/error to " + event.event().id(), null));
    counters.replySent(Chsk.ERROR);
    return new ServerAnswer.Respond(200, packers.constantsFor(codec).errorReply());
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
  private static Payload framePayload(ServerRequest request, FrameCodec codec) {
    if (request.queryParam(BINARY).isPresent()) {
      return Payload.binary(request.body().asBytes());
    }
    return request.formParam(PPSTR).<Payload>map(Payload::text)
        .orElse(codec.packer().isBinary() ? Payload.binary(request.body().asBytes()) : null);
  }

  /** The server holds its most Ajax requests: {@code 503}, counted and reported. */
  private ServerAnswer overloaded(String clientId, String method) {
    counters.rejected(RejectionReason.TOO_MANY_PENDING_REQUESTS);
    dispatch.report(new ServerError(ServerError.Kind.OVERFLOW, null, clientId, "an Ajax " + method
        + " refused (503): the server holds its most Ajax requests (maxPendingAjaxRequests " + settings.maxPending()
        + ")", null));
    return new ServerAnswer.Reject(503, TOO_MANY_PENDING);
  }

  private ServerAnswer badFrame(String clientId, FrameException e) {
    dispatch.report(new ServerError(ServerError.Kind.BAD_FRAME, null, clientId, e.getMessage(), e));
    return new ServerAnswer.Reject(400, "Bad frame (" + e.reason() + "): " + e.getMessage());
  }

  /**
   * The body of the {@code 503} for a request whose work the handler executor refused: {@link #STOPPED} when the stop
   * shut it down, else (a bounded pool that is full, or an application's executor shut down) an overflow, reported as
   * a WebSocket's refused work is.
   */
  private String refusedByHandlers(String clientId, String method, Throwable refusal) {
    if (registry.isStopped()) {
      return STOPPED;
    }
    dispatch.report(ServerDispatch.refusedWork(null, clientId, "an Ajax " + method, refusal, "answered 503"));
    return TOO_MANY_PENDING;
  }

  /**
   * Runs a request's work on the handler executor, or {@code refused} (which gives its room back and answers 503)
   * when the executor refuses it, whatever it throws to refuse ({@link Handoff}).
   */
  private void run(Runnable work, Consumer<Throwable> refused) {
    Handoff.execute(handlers, work, refused);
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

  /** How many Ajax connections the uid has, leaving out the client id's own. */
  int count(Object uid, String clientId) {
    return (int) registry.of(uid).stream().filter(c -> !c.clientId().equals(clientId)).count();
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
      List<PushEncoder.PackedPush> push = packers.encoderFor(client.codec()).encode(uid, clientId, List.of(event));
      boolean taken = !push.isEmpty() && client.deliver(push.get(0).events(), push.get(0).payload());
      if (taken) {
        counters.eventsPushed(1);
      }
      return taken;
    });
    return Boolean.TRUE.equals(sent);
  }

  /** Closes every Ajax connection of a uid (PROTOCOL.md §10.2); returns how many there were. */
  int close(Object uid, CloseReason reason) {
    int closed = 0;
    for (AjaxClient client : registry.of(uid)) {
      if (client.close(reason, "the connection was closed (" + reason.text() + ")")) {
        closed++;
      }
    }
    return closed;
  }

  /**
   * Whether a POST's event waits for, or is in, the handler: the stop's drain waits for it, as for a WebSocket's. The
   * POST whose handler is the caller (a stop called from it) is left out: it cannot end before the stop returns.
   */
  boolean hasUnhandledPosts() {
    return inbound.items() > (HandledEvent.isIn(inbound) ? 1 : 0);
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
      client.close(CloseReason.SERVER_STOP, "the server stopped");
    }
    for (HeldReply reply : List.copyOf(pendingReplies)) {
      reply.timeOut();
    }
  }

  /** Called holding the uid's push lock: the batch, packed once per packer in use, to every Ajax client of the uid. */
  private void flush(Object uid, List<Event> batch) {
    Collection<AjaxClient> clients = registry.of(uid);
    if (clients.isEmpty()) {
      dispatch.report(new ServerError(ServerError.Kind.SEND_FAILED, uid, null,
          "no Ajax connection for the uid; " + batch.size() + " pushed event(s) dropped", null));
      return;
    }
    Map<FrameCodec, List<AjaxClient>> byCodec = new LinkedHashMap<>();
    for (AjaxClient client : clients) {
      byCodec.computeIfAbsent(client.codec(), k -> new ArrayList<>()).add(client);
    }
    byCodec.forEach((codec, group) -> {
      for (PushEncoder.PackedPush push : packers.encoderFor(codec).encode(uid, null, batch)) {
        for (AjaxClient client : group) {
          if (client.deliver(push.events(), push.payload())) {
            counters.eventsPushed(push.events().size());
          } else { // forgotten between the snapshot and the delivery
            dropped(client, push.events().size(), "the connection ended before the push was flushed");
          }
        }
      }
    });
  }

  // AjaxClient.Host

  @Override
  public void presenceOpened(AjaxClient client) {
    host.open(client);
  }

  @Override
  public void presenceEnded(AjaxClient client) {
    host.close(client);
  }

  @Override
  public void dropped(AjaxClient client, int events, String why) {
    dispatch.report(new ServerError(ServerError.Kind.PUSH_DROPPED, client.uid(), client.clientId(),
        events + " pushed event(s) dropped: " + why, null));
  }

  @Override
  public void timerRefused(AjaxClient client, String what, RuntimeException error) {
    dispatch.report(new ServerError(ServerError.Kind.SCHEDULER_REFUSED, client.uid(), client.clientId(),
        "the scheduler refused the Ajax client's " + what, error));
  }

  @Override
  public void forgotten(AjaxClient client, CloseReason reason) {
    registry.remove(client);
    ServerRequest countedFor = counted.remove(client);
    if (countedFor != null) {
      counters.closed(Via.AJAX_POLL, reason);
      guard.closed(countedFor);
    }
  }
}
