package io.sente4j.core;

import io.sente4j.core.internal.AjaxSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of a channel socket: the {@link ServerEndpoint} a transport serves on the channel-socket path
 * (PROTOCOL.md §5), and the application's handle to push events to its users.
 *
 * <pre>{@code
 * ChannelSocketServer server = ChannelSocketServer.builder(packer)
 *     .csrfToken(request -> sessionToken(request))   // or withoutCsrfCheck(): build() requires one of the two
 *     .userId((request, clientId) -> request.attribute("user").orElse(null))
 *     .eventHandler(msg -> msg.reply("got " + msg.id()))
 *     .build();
 * server.send("alice", Event.of("chat/message", "hi"));
 * }</pre>
 *
 * <p>It serves WebSocket connections and Ajax long-polling on the same path. Each connection starts with its
 * handshake; a new connection of the same client (uid and client id) replaces the older one, which is closed
 * {@link CloseReason#REQUESTED}. Client events reach the {@link EventHandler} on the handler executor, one WebSocket
 * connection's events one at a time and in order. Pushes to a uid are batched within the send-buffer window and reach
 * each of its connections in send order. Idle WebSocket connections are pinged, and closed {@link
 * CloseReason#PING_TIMEOUT} when nothing arrives within the ping timeout. Thread-safe.
 *
 * <p><b>Ajax</b> (PROTOCOL.md §5.4, §5.5). A GET that is not a WebSocket upgrade is an Ajax handshake (when it has
 * {@code handshake?}, or the client has no Ajax connection) or a long-poll, parked without holding a thread until a
 * push, the {@linkplain Builder#longPollTimeout long-poll timeout}, a newer poll of the same client, or a close;
 * every parked poll is answered exactly once, with the push or {@code [:chsk/timeout nil]}. A POST carries one event,
 * handed to the {@link EventHandler} with {@link Via#AJAX_POST}: answered at once {@code [:chsk/dummy-cb-200 nil]}
 * when the client wants no reply, otherwise with the reply, or {@code [:chsk/timeout nil]} after the {@linkplain
 * Builder#ajaxReplyTimeout Ajax reply timeout}. A batch flushed for an Ajax client between two polls is held for its
 * next poll during the {@linkplain Builder#ajaxPushRetryWindow push retry window} (bounded by {@link
 * Builder#ajaxMaxHeldEvents} and {@link Builder#ajaxMaxHeldBytes}); a batch dropped is reported as {@link
 * ServerError.Kind#PUSH_DROPPED}. An Ajax client counts as connected from its first poll, and while it keeps polling
 * within the {@linkplain Builder#ajaxDisconnectGrace Ajax disconnect grace}. {@link #send}, {@link #sendToClient},
 * {@link #broadcast}, {@link #close} and {@link #stop} cover Ajax clients too.
 */
public final class ChannelSocketServer implements ServerEndpoint, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSocketServer.class);

  private final ServerCore core;
  private final Duration pingInterval;
  private final Duration longestHeldRequest;
  private final int maxFrameBytes;

  private ChannelSocketServer(ServerOptions options) {
    this.core = new ServerCore(options);
    this.pingInterval = options.pingInterval();
    Duration poll = options.ajax().longPollTimeout();
    Duration reply = options.ajax().replyTimeout();
    this.longestHeldRequest = poll.compareTo(reply) >= 0 ? poll : reply;
    this.maxFrameBytes = options.packers().stream().mapToInt(p -> p.limits().maxInputBytes()).max()
        .orElse(PackerLimits.DEFAULT_MAX_INPUT_BYTES);
  }

  /** A builder for a server that packs with {@code packer}. */
  public static Builder builder(Packer packer) {
    return new Builder(packer);
  }

  /**
   * Answers one request, in the order of PROTOCOL.md §5.7: {@code 405} for a method other than GET and POST,
   * {@code 400} for a missing or blank {@code client-id} or a {@code sente4j-packer} this server does not offer,
   * {@code 503} once stopped, then the security checks ({@code 403} CSRF, {@code 403} Origin, {@code 401} the
   * authorizer, {@code 429} connections per address), and then: an {@link ServerAnswer.Upgrade} for a WebSocket
   * upgrade; a {@link ServerAnswer.Hold} for an Ajax GET (handshake or poll) and for a POST that wants a reply;
   * {@code 200} with {@code [:chsk/dummy-cb-200 nil]} at once for a POST that wants none; {@code 413} for a POST
   * whose packed frame is over the packer's frame limit, and {@code 400} naming the reason for one whose frame cannot
   * be read; {@code 429} for an Ajax handshake beyond {@link Builder#maxConnectionsPerUid}; {@code 503 Too many Ajax
   * requests waiting} for an Ajax request beyond {@link Builder#maxPendingAjaxRequests}, or whose work the handler
   * executor refuses. Of the application's code only the CSRF token function and the
   * authorizer run here, on the transport's thread (if either throws: {@code 500}, reported {@link
   * ServerError.Kind#HANDLER_FAILED}); the user id, the handshake data and the event handler run on the handler
   * executor.
   */
  @Override
  public ServerAnswer handle(ServerRequest request) {
    return core.handle(Objects.requireNonNull(request, "request"));
  }

  /**
   * The builder's {@linkplain Builder#pingInterval ping interval}, for a transport to check its own idle timeout
   * against.
   */
  @Override
  public Optional<Duration> pingInterval() {
    return Optional.of(pingInterval);
  }

  /**
   * The longer of the builder's {@linkplain Builder#longPollTimeout long-poll timeout} and {@linkplain
   * Builder#ajaxReplyTimeout Ajax reply timeout}, for a transport to check its HTTP idle timeout against.
   */
  @Override
  public Optional<Duration> longestHeldRequest() {
    return Optional.of(longestHeldRequest);
  }

  /** The largest {@link PackerLimits#maxInputBytes()} among the packers this server offers. */
  @Override
  public OptionalInt maxFrameBytes() {
    return OptionalInt.of(maxFrameBytes);
  }

  /**
   * Pushes an event to every connection of a user, batched: the uid's buffer of each transport is flushed one
   * send-buffer window (WebSocket, Ajax) after its first event, as one push frame per connection; an Ajax client
   * between two polls gets it with its next poll (see the class comment). Events to a uid without a connection at
   * flush time, and events sent while or after the server stops (past its flush of the buffers), are dropped and
   * reported ({@link ServerError.Kind#SEND_FAILED}).
   *
   * @param uid the user id; {@code null} stands for {@link Chsk#NIL_UID}
   * @param event an application event (not in the {@code chsk} namespace)
   * @throws IllegalArgumentException if the event is in the {@code chsk} namespace
   */
  public void send(Object uid, Event event) {
    core.send(uid, event, false);
  }

  /**
   * Pushes an event to every connection of a user at once: flushes the uid's buffer with this event as its last.
   *
   * @param uid the user id; {@code null} stands for {@link Chsk#NIL_UID}
   * @param event an application event
   * @throws IllegalArgumentException if the event is in the {@code chsk} namespace
   */
  public void sendNow(Object uid, Event event) {
    core.send(uid, event, true);
  }

  /**
   * Pushes an event to one connection of a user, at once. The uid's buffer is flushed first, so the connection
   * receives everything in send order.
   *
   * @param uid the user id; {@code null} stands for {@link Chsk#NIL_UID}
   * @param clientId the client id of the connection
   * @param event an application event
   * @return whether the uid has an open connection with that client id (WebSocket, or Ajax: the push then answers
   *     its parked poll or is held for its next one) and the push was handed to it
   * @throws IllegalArgumentException if the event is in the {@code chsk} namespace
   */
  public boolean sendToClient(Object uid, String clientId, Event event) {
    return core.sendToClient(uid, clientId, event);
  }

  /**
   * {@link #send Sends} the event to every uid in {@link #connectedUids()}{@code .any()}.
   *
   * @throws IllegalArgumentException if the event is in the {@code chsk} namespace
   */
  public void broadcast(Event event) {
    core.broadcast(event);
  }

  /** The connected uids now (PROTOCOL.md §8.1), an immutable snapshot. */
  public ConnectedUids connectedUids() {
    return core.connectedUids();
  }

  /**
   * The client ids of a user's open connections now, an immutable snapshot: one per tab or device. A WebSocket
   * connection leaves this set as soon as the server has seen it close, before its disconnect grace has passed; an
   * Ajax connection when the server forgets it (no poll within the Ajax disconnect grace and nothing held for it).
   *
   * @param uid the user id; {@code null} stands for {@link Chsk#NIL_UID}
   */
  public Set<String> clientIds(Object uid) {
    return core.clientIds(uid);
  }

  /**
   * Closes every connection of a user with a reason the client sees, for example {@link CloseReason#REQUESTED} to
   * make it reconnect after a logout, or {@link CloseReason#UNAUTHORIZED} to make it stay away. An Ajax connection
   * has no close frame (PROTOCOL.md §10.2): its parked poll is answered {@code [:chsk/timeout nil]}, pushes held for
   * it are dropped and reported, and it is forgotten, so its next poll gets a new handshake (or the rejection of the
   * request checks).
   *
   * @param uid the user id; {@code null} stands for {@link Chsk#NIL_UID}
   * @return how many connections were closed
   */
  public int close(Object uid, CloseReason reason) {
    return core.close(uid, reason);
  }

  /** A snapshot of the server's counters: connections, events in and out, replies, errors, rejections. */
  public ServerMetrics metrics() {
    return core.metrics();
  }

  /**
   * Stops the server: refuses new requests ({@code 503}), flushes the push buffers, waits (up to the builder's
   * {@code stopTimeout}, in real time, on the calling thread) until every WebSocket's send queue is written and its
   * received events are handled, and the events of Ajax POSTs too (a POST's reply given meanwhile answers it), then
   * closes every connection with {@link CloseReason#SERVER_STOP} (a parked Ajax poll is answered {@code [:chsk/timeout
   * nil]}; pushes still held for an Ajax client are dropped and reported), cancels the timers and shuts down the
   * executors the server created itself (a handler pool finishes its queued work first). Does nothing the second
   * time. Presence is forgotten without {@code uidport-close} events.
   *
   * <p>A handshake whose request came before the stop but whose work (the user-id function, on the handler executor)
   * ends after the stop began is refused as a request after the stop is: an Ajax handshake is answered {@code 503
   * Server stopped}, and a WebSocket is closed {@link CloseReason#SERVER_STOP} without its handshake, so that no
   * client is told it connected to a server that is closing it.
   *
   * <p>Called from an event's handler, it does not wait for the event being handled, which cannot be handled before
   * the handler returns, nor, over a WebSocket, for the events queued behind it on that connection (handled one at a
   * time, they wait for the handler too); a given handler executor still runs them afterwards. It waits for every
   * other event, so a handler executor without another free thread for them makes it wait the {@code stopTimeout}.
   * A reply the handler gives after calling it is dropped ({@link ServerError.Kind#REPLY_DROPPED}): its connection is
   * closed, or its Ajax POST answered {@code [:chsk/timeout nil]}.
   */
  public void stop() {
    core.stop();
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /** Builds a {@link ChannelSocketServer}; every setting has a default (PROTOCOL.md §7) except the packer. */
  public static final class Builder {
    /** The default for {@link #maxConnectionsPerAddress(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 1000;
    /** The default for {@link #maxConnectionsPerUid(int)}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_UID = 100;
    /** The default for {@link #maxPendingAjaxRequests(int)}. */
    public static final int DEFAULT_MAX_PENDING_AJAX_REQUESTS = 10_000;
    /** The default for {@link #maxBatchEvents(int)}. */
    public static final int DEFAULT_MAX_BATCH_EVENTS = 1000;
    /** The default count bound of a connection's receive queue. */
    public static final int DEFAULT_RECEIVE_ITEMS = 1000;
    /** The default count bound of a connection's send queue. */
    public static final int DEFAULT_SEND_ITEMS = 1000;
    /**
     * How long a Sente client waits for an Ajax request (PROTOCOL.md §5.4): the long-poll and Ajax reply timeouts stay
     * below it.
     */
    private static final Duration SENTE_AJAX_TIMEOUT = Duration.ofSeconds(60);
    private static final QueueLimit DEFAULT_RECEIVE_QUEUE = QueueLimit.of(DEFAULT_RECEIVE_ITEMS, 16L << 20);
    private static final QueueLimit DEFAULT_SEND_QUEUE = QueueLimit.of(DEFAULT_SEND_ITEMS, 16L << 20);

    private final Packer packer;
    private final Map<String, Packer> packers = new LinkedHashMap<>();
    private UserIdFunction userId = (request, clientId) -> Chsk.NIL_UID;
    private HandshakeDataFunction handshakeData = (request, uid) -> null;
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(10);
    private Duration sendBufferWindow = Duration.ofMillis(30);
    private int maxBatchEvents = DEFAULT_MAX_BATCH_EVENTS;
    private Duration stopTimeout = Duration.ofSeconds(5);
    private CsrfTokenFunction csrfToken;
    private boolean csrfOff;
    private Set<String> allowedOrigins;
    private Authorizer authorizer;
    private int maxConnectionsPerAddress = DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    private int maxConnectionsPerUid = DEFAULT_MAX_CONNECTIONS_PER_UID;
    private final Map<RejectionReason, ServerAnswer.Reject> responses = new EnumMap<>(RejectionReason.class);
    private Duration disconnectGrace = Duration.ofMillis(2500);
    private Executor handlerExecutor;
    private Scheduler scheduler;
    private EventHandler eventHandler = msg -> LOG.debug("No event handler; {} ignored", msg);
    private ServerErrorListener errorListener;
    private PresenceListener presenceListener;
    private QueueLimit receiveQueue = DEFAULT_RECEIVE_QUEUE;
    private QueueLimit sendQueue = DEFAULT_SEND_QUEUE;
    private OverflowPolicy overflowPolicy = OverflowPolicy.DISCONNECT;
    private Duration longPollTimeout = Duration.ofSeconds(20);
    private Duration ajaxReplyTimeout;
    private Duration ajaxSendBufferWindow = Duration.ofMillis(100);
    private Duration ajaxDisconnectGrace = Duration.ofSeconds(5);
    private Duration ajaxPushRetryWindow = Duration.ofSeconds(10);
    private int ajaxMaxHeldEvents = 1000;
    private int ajaxMaxHeldBytes = 1 << 20;
    private int maxPendingAjaxRequests = DEFAULT_MAX_PENDING_AJAX_REQUESTS;

    private Builder(Packer packer) {
      this.packer = Objects.requireNonNull(packer, "packer");
      packers.put(packer.name(), packer);
    }

    /**
     * More packers a client may ask for by name with the {@code sente4j-packer} parameter (PROTOCOL.md §5.2); the
     * builder's packer stays the default, which is what a client that names none (every Sente client) gets. One
     * server then serves, say, edn to Clojure clients and JSON to plain browsers, and packs each push once per
     * packer in use.
     *
     * @throws IllegalArgumentException if two packers have the same name
     */
    public Builder additionalPackers(Packer... more) {
      for (Packer p : more) {
        Objects.requireNonNull(p, "packer");
        if (packers.putIfAbsent(p.name(), p) != null) {
          throw new IllegalArgumentException("two packers named \"" + p.name() + "\"");
        }
      }
      return this;
    }

    /** How the user id of a connection is computed; default: every connection is {@link Chsk#NIL_UID}'s. */
    public Builder userId(UserIdFunction userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /** How the handshake data of a connection is computed; default: none ({@code nil}). */
    public Builder handshakeData(HandshakeDataFunction handshakeData) {
      this.handshakeData = Objects.requireNonNull(handshakeData, "handshakeData");
      return this;
    }

    /**
     * The idle window after which a connection is pinged (PROTOCOL.md §7.1); it slides: every frame sent or received
     * restarts it. Default 25 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = positive(pingInterval, "pingInterval");
      return this;
    }

    /**
     * How long after a ping a connection may stay silent before it is closed {@link CloseReason#PING_TIMEOUT}.
     * Default 10 s; {@link Duration#ZERO} pings but never closes for silence.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder pingTimeout(Duration pingTimeout) {
      this.pingTimeout = notNegative(pingTimeout, "pingTimeout");
      return this;
    }

    /**
     * The most events a uid's push buffer holds: the event that fills it flushes it at once, without waiting for the
     * window. Default {@value #DEFAULT_MAX_BATCH_EVENTS}. A batch that would pack to more than the packer's input
     * limit (the frame limit a client applies, PROTOCOL.md §11.1) is sent as several frames, in order.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxBatchEvents(int maxBatchEvents) {
      if (maxBatchEvents < 1) {
        throw new IllegalArgumentException("maxBatchEvents must be at least 1, got " + maxBatchEvents);
      }
      this.maxBatchEvents = maxBatchEvents;
      return this;
    }

    /**
     * How long a uid's WebSocket push buffer waits after its first event before it is flushed (PROTOCOL.md §7.3).
     * Default 30 ms; see {@link #ajaxSendBufferWindow} for Ajax.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder sendBufferWindow(Duration sendBufferWindow) {
      this.sendBufferWindow = notNegative(sendBufferWindow, "sendBufferWindow");
      return this;
    }

    /**
     * How long a uid keeps counting as connected after its WebSocket connection ended (PROTOCOL.md §8.1). Default
     * 2.5 s; see {@link #ajaxDisconnectGrace} for Ajax.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder disconnectGrace(Duration disconnectGrace) {
      this.disconnectGrace = notNegative(disconnectGrace, "disconnectGrace");
      return this;
    }

    /**
     * The executor that runs all application code: handlers, listeners, the user-id and handshake-data functions.
     * Default: a daemon pool the server owns and shuts down in {@link #stop()}. A given executor stays the caller's.
     * Work it refuses ({@code RejectedExecutionException}: a bounded pool that is full; or whatever else its {@code
     * execute} throws without having run the work, which the report then names) is handled as an overflow and
     * reported ({@link ServerError.Kind#OVERFLOW}): a WebSocket's handshake closes the connection ({@link
     * CloseReason#ERROR}), a WebSocket request is answered {@code :chsk/error} and an event without a callback closes
     * the connection ({@link CloseReason#OVERFLOW}); an Ajax request is answered {@code 503 Too many Ajax requests
     * waiting}.
     */
    public Builder handlerExecutor(Executor handlerExecutor) {
      this.handlerExecutor = Objects.requireNonNull(handlerExecutor, "handlerExecutor");
      return this;
    }

    /**
     * The clock and timers of every connection. Default: one daemon thread on real time, owned by the server, which
     * then packs the push batches whose window ended on flush threads of its own. A scheduler given here also runs
     * those timed flushes on its threads (so a {@link VirtualScheduler} flushes as the test moves time): give it
     * threads enough for the server's pushes.
     *
     * <p>A scheduler that throws from {@link Scheduler#schedule} (its executor was shut down) throws nothing out of
     * the server's calls, a transport's thread or a timer's: each refused timer is reported ({@link
     * ServerError.Kind#SCHEDULER_REFUSED}, naming the timer) and the server does at once what stays safe without it. A
     * WebSocket whose keep-alive is refused is closed with {@link CloseReason#ERROR} (a dead connection would never be
     * noticed); a push window is flushed at once; a disconnect grace ends at once (the uid leaves the connected
     * uids, an Ajax client is forgotten; an Ajax handshake whose grace is refused is answered 503); an Ajax long-poll
     * whose timeout is refused is answered 503 at once (not {@code :chsk/timeout}, after which a client would poll
     * again at once, but a failure it retries after its backoff); the pushes held for an Ajax client's next poll are
     * dropped and reported ({@link ServerError.Kind#PUSH_DROPPED}); an Ajax POST whose reply timeout is refused is
     * answered 503, not handled.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The handler of client events and presence events; default: log them at DEBUG. */
    public Builder eventHandler(EventHandler eventHandler) {
      this.eventHandler = Objects.requireNonNull(eventHandler, "eventHandler");
      return this;
    }

    /** Hears of every {@link ServerError}; default: none (errors are logged either way). */
    public Builder errorListener(ServerErrorListener errorListener) {
      this.errorListener = Objects.requireNonNull(errorListener, "errorListener");
      return this;
    }

    /** Hears every change of {@link ChannelSocketServer#connectedUids()}; default: none. */
    public Builder presenceListener(PresenceListener presenceListener) {
      this.presenceListener = Objects.requireNonNull(presenceListener, "presenceListener");
      return this;
    }

    /**
     * The bound of each connection's receive queue: client events waiting for the event handler (or in it), counted
     * with the size of the frames they came in. Default {@value #DEFAULT_RECEIVE_ITEMS} events and 16 MiB. An event
     * that does not fit is not dropped silently (PROTOCOL.md §11.3): a request is answered {@code :chsk/error} at
     * once, and an event without a callback closes the connection with {@link CloseReason#OVERFLOW}; both are
     * reported as {@link ServerError.Kind#OVERFLOW}.
     */
    public Builder receiveQueue(QueueLimit receiveQueue) {
      this.receiveQueue = Objects.requireNonNull(receiveQueue, "receiveQueue");
      return this;
    }

    /**
     * How long an Ajax poll stays parked without a push before it is answered {@code [:chsk/timeout nil]}
     * (PROTOCOL.md §7.2). It must stay below the clients' Ajax request timeout (60 s for Sente clients). Default
     * 20 s.
     *
     * @throws IllegalArgumentException if not positive, or 60 s or more
     */
    public Builder longPollTimeout(Duration longPollTimeout) {
      this.longPollTimeout = belowSenteAjaxTimeout(longPollTimeout, "longPollTimeout");
      return this;
    }

    /**
     * The bound of each connection's send queue: frames handed to the transport that it has not written yet (a slow
     * or stalled client), and what a push that does not fit does. Default {@value #DEFAULT_SEND_ITEMS} frames, 16
     * MiB, {@link OverflowPolicy#DISCONNECT}. Every overflow is reported as {@link ServerError.Kind#OVERFLOW}.
     */
    public Builder sendQueue(QueueLimit sendQueue, OverflowPolicy overflowPolicy) {
      this.sendQueue = Objects.requireNonNull(sendQueue, "sendQueue");
      this.overflowPolicy = Objects.requireNonNull(overflowPolicy, "overflowPolicy");
      return this;
    }

    /**
     * How long an Ajax POST that wants a reply waits for the handler's reply before it is answered {@code
     * [:chsk/timeout nil]} (PROTOCOL.md §7.2, §9.3). It must stay below the clients' Ajax request timeout (60 s for
     * Sente clients), as the long-poll timeout does: a client that gives up on the POST first never reads the
     * timeout, and takes the POST for a failure. Default: the long-poll timeout.
     *
     * @throws IllegalArgumentException if not positive, or 60 s or more
     */
    public Builder ajaxReplyTimeout(Duration ajaxReplyTimeout) {
      this.ajaxReplyTimeout = belowSenteAjaxTimeout(ajaxReplyTimeout, "ajaxReplyTimeout");
      return this;
    }

    /**
     * How long {@link ChannelSocketServer#stop()} waits for connections to write what is queued for them and for
     * their received events (and those of Ajax POSTs) to be handled before it closes them. Default 5 s; zero closes at
     * once.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder stopTimeout(Duration stopTimeout) {
      this.stopTimeout = notNegative(stopTimeout, "stopTimeout");
      return this;
    }

    /**
     * How long a uid's Ajax push buffer waits after its first event before it is flushed to the uid's Ajax clients
     * (PROTOCOL.md §7.3). Default 100 ms.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder ajaxSendBufferWindow(Duration ajaxSendBufferWindow) {
      this.ajaxSendBufferWindow = notNegative(ajaxSendBufferWindow, "ajaxSendBufferWindow");
      return this;
    }

    /**
     * Turns the CSRF check on (PROTOCOL.md §6.2): every request must carry the token this function gives for it, as
     * the {@code csrf-token} parameter or the {@code X-CSRF-Token} or {@code X-XSRF-Token} header; tokens are
     * compared in constant time. A missing or wrong token is answered {@code 403 Bad CSRF token}. Either this or
     * {@link #withoutCsrfCheck()} is required.
     */
    public Builder csrfToken(CsrfTokenFunction csrfToken) {
      this.csrfToken = Objects.requireNonNull(csrfToken, "csrfToken");
      this.csrfOff = false;
      return this;
    }

    /**
     * Turns the CSRF check off, for servers whose clients do not authenticate with cookies (native apps, services,
     * tests). A browser application that keeps its session in a cookie should use {@link #csrfToken} instead.
     */
    public Builder withoutCsrfCheck() {
      this.csrfToken = null;
      this.csrfOff = true;
      return this;
    }

    /**
     * Only these origins may connect (PROTOCOL.md §6.3): the {@code Origin} header must equal one, or, without it,
     * the {@code Referer} must start with one followed by {@code /}. A request with neither is refused, as is a
     * mismatch: {@code 403 Unauthorized origin}. Default: every origin, as in Sente.
     *
     * @param origins as browsers send them, {@code scheme://host[:port]}, no trailing slash
     * @throws IllegalArgumentException if an origin is not of that form
     */
    public Builder allowedOrigins(String... origins) {
      Set<String> set = new LinkedHashSet<>();
      for (String o : origins) {
        Objects.requireNonNull(o, "origin");
        if (!o.matches("[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#\\s]+")) {
          throw new IllegalArgumentException("not an origin (scheme://host[:port], no path or trailing slash): " + o);
        }
        set.add(o);
      }
      this.allowedOrigins = Set.copyOf(set);
      return this;
    }

    /**
     * How long an Ajax client keeps counting as connected after a poll of it was answered without a new one
     * (PROTOCOL.md §8.1); a client that polls again within it stays connected throughout. Default 5 s.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder ajaxDisconnectGrace(Duration ajaxDisconnectGrace) {
      this.ajaxDisconnectGrace = notNegative(ajaxDisconnectGrace, "ajaxDisconnectGrace");
      return this;
    }

    /**
     * The application's authorization, checked after CSRF and Origin (PROTOCOL.md §6.5); a refusal is answered
     * {@code 401 Unauthorized request}. Default: every request that passed the other checks.
     */
    public Builder authorizer(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * The most connections (WebSockets and Ajax clients) one remote address may have open; the next upgrade or Ajax
     * handshake is answered {@code 429 Too many connections}; the polls of Ajax clients already open are never
     * refused. Default {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS} (many users can share an address).
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxConnectionsPerAddress(int max) {
      this.maxConnectionsPerAddress = atLeastOne(max, "maxConnectionsPerAddress");
      return this;
    }

    /**
     * How long a push batch flushed for an Ajax client that has no parked poll is held for the client's next poll
     * (PROTOCOL.md §7.4). A batch still held when it passes is dropped and reported ({@link
     * ServerError.Kind#PUSH_DROPPED}). Default 10 s (Sente: about 3 s, dropped silently).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder ajaxPushRetryWindow(Duration ajaxPushRetryWindow) {
      this.ajaxPushRetryWindow = notNegative(ajaxPushRetryWindow, "ajaxPushRetryWindow");
      return this;
    }

    /**
     * The most connections one uid may have open (its tabs and devices, WebSocket and Ajax together); a WebSocket
     * beyond it is closed with {@link CloseReason#OVERFLOW} right after the upgrade (the uid is known only then), an
     * Ajax handshake beyond it is answered {@code 429 Too many connections}; both are reported. A new
     * connection of the same client id replaces the old one and does not count twice. Connections without a user
     * ({@link Chsk#NIL_UID}) share one uid and are not limited here: {@link #maxConnectionsPerAddress} bounds them.
     * Default {@value #DEFAULT_MAX_CONNECTIONS_PER_UID}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxConnectionsPerUid(int max) {
      this.maxConnectionsPerUid = atLeastOne(max, "maxConnectionsPerUid");
      return this;
    }

    /**
     * How many pushed events one Ajax client may have held between two polls. Past it the oldest held batches are
     * dropped and reported ({@link ServerError.Kind#PUSH_DROPPED}). Default 1,000.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder ajaxMaxHeldEvents(int ajaxMaxHeldEvents) {
      this.ajaxMaxHeldEvents = atLeastOne(ajaxMaxHeldEvents, "ajaxMaxHeldEvents");
      return this;
    }

    /**
     * The response to a request refused for {@code reason}, instead of the default of PROTOCOL.md §5.6.
     *
     * @param reason one of {@link RejectionReason#CSRF}, {@link RejectionReason#ORIGIN}, {@link
     *     RejectionReason#UNAUTHORIZED}, {@link RejectionReason#TOO_MANY_CONNECTIONS}
     * @throws IllegalArgumentException for another reason, or a status outside 400–599
     */
    public Builder respondTo(RejectionReason reason, int status, String body) {
      if (!EnumSet.of(RejectionReason.CSRF, RejectionReason.ORIGIN, RejectionReason.UNAUTHORIZED,
          RejectionReason.TOO_MANY_CONNECTIONS).contains(Objects.requireNonNull(reason, "reason"))) {
        throw new IllegalArgumentException("the response to " + reason + " is the protocol's, not the application's");
      }
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("a refusal needs a 4xx or 5xx status, got " + status);
      }
      responses.put(reason, new ServerAnswer.Reject(status, Objects.requireNonNull(body, "body")));
      return this;
    }

    /**
     * How many packed bytes of pushes one Ajax client may have held between two polls; the held batches of a client
     * are joined into one push frame on its next poll, so this also bounds that frame. Past it the oldest held
     * batches are dropped and reported ({@link ServerError.Kind#PUSH_DROPPED}). Default 1 MiB, the frame limit.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder ajaxMaxHeldBytes(int ajaxMaxHeldBytes) {
      this.ajaxMaxHeldBytes = atLeastOne(ajaxMaxHeldBytes, "ajaxMaxHeldBytes");
      return this;
    }

    /**
     * The most Ajax requests the server holds at once: parked polls, and POSTs waiting for the handler or for their
     * reply. One more is answered {@code 503 Too many Ajax requests waiting} and reported as {@link
     * ServerError.Kind#OVERFLOW}. Each client's POSTs are also bounded by {@link #receiveQueue}: a request beyond it
     * is answered {@code :chsk/error} at once, with or without a reply wanted. Default {@value
     * #DEFAULT_MAX_PENDING_AJAX_REQUESTS}.
     *
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxPendingAjaxRequests(int max) {
      this.maxPendingAjaxRequests = atLeastOne(max, "maxPendingAjaxRequests");
      return this;
    }

    /**
     * Builds the server. It packs the frames whose bytes never change ({@code [:chsk/timeout nil]}, the Ajax ack,
     * {@code [:chsk/error nil]}) once with each packer.
     *
     * @throws IllegalStateException if neither {@link #csrfToken} nor {@link #withoutCsrfCheck()} was chosen
     * @throws IllegalArgumentException naming the packer, if one of the packers cannot pack those frames
     */
    public ChannelSocketServer build() {
      if (csrfToken == null && !csrfOff) {
        throw new IllegalStateException("choose the CSRF check: csrfToken(request -> the session's token) for "
            + "browser clients with cookie sessions, or withoutCsrfCheck() for clients that send no cookies");
      }
      RequestGuard.Settings security = new RequestGuard.Settings(csrfToken, csrfOff, allowedOrigins, authorizer,
          maxConnectionsPerAddress, Map.copyOf(responses));
      AjaxSettings ajax = new AjaxSettings(longPollTimeout, ajaxReplyTimeout == null ? longPollTimeout
          : ajaxReplyTimeout, ajaxSendBufferWindow, ajaxDisconnectGrace, ajaxPushRetryWindow, ajaxMaxHeldEvents,
          ajaxMaxHeldBytes, maxPendingAjaxRequests);
      return new ChannelSocketServer(new ServerOptions(packer, List.copyOf(packers.values()), userId, handshakeData,
          pingInterval, pingTimeout, sendBufferWindow, maxBatchEvents, disconnectGrace, handlerExecutor, scheduler,
          eventHandler, errorListener, presenceListener, receiveQueue, sendQueue, overflowPolicy, stopTimeout, security,
          maxConnectionsPerUid, ajax));
    }

    private static Duration positive(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }

    /**
     * An Ajax timeout of the server's, which must end an exchange before the client gives up on it: positive and below
     * {@link #SENTE_AJAX_TIMEOUT}.
     */
    private static Duration belowSenteAjaxTimeout(Duration d, String name) {
      positive(d, name);
      if (d.compareTo(SENTE_AJAX_TIMEOUT) >= 0) {
        throw new IllegalArgumentException(name + " must be below the 60 s Ajax request timeout of Sente clients, got "
            + d);
      }
      return d;
    }

    private static int atLeastOne(int n, String name) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, got " + n);
      }
      return n;
    }

    private static Duration notNegative(Duration d, String name) {
      if (Objects.requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }
  }
}
