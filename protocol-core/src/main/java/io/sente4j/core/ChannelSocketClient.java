package io.sente4j.core;

import io.sente4j.core.internal.AjaxConnection;
import io.sente4j.core.internal.ClientConfig;
import io.sente4j.core.internal.ClientSession;
import io.sente4j.core.internal.WebSocketConnection;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The client end of a channel socket: one logical connection to a Sente (or sente4j) server over a WebSocket or Ajax
 * long-polling, kept open across losses (PROTOCOL.md §4–§10).
 *
 * <pre>{@code
 * ChannelSocketClient client = ChannelSocketClient.builder(URI.create("ws://host/chsk"), transport)
 *     .packer(packer)
 *     .pushHandler(event -> ...)
 *     .build();
 * client.connect().join();
 * client.send(Event.of("chat/send", "hi"), Duration.ofSeconds(5)).thenAccept(reply -> ...);
 * }</pre>
 *
 * <p><b>Threads.</b> Application code (the push handler, the state listener, the error listener, and the stages of
 * the returned futures) runs on the configured executor, never on a transport thread (a future's completion that the
 * executor refuses runs on a thread of the client's own, see {@link Builder#executor}). The push handler, state
 * listener and error listener run one at a time, in order; futures complete independently of them, so a handler may
 * wait for a reply. One exception: when a thread is blocked in {@code join()} or {@code get()} on a reply's future
 * as the reply is read, the reply is handed to that thread, which completes the future, so the future's stages run
 * there (still never on a transport thread); a blocking request/reply so costs one thread wake-up less. All methods
 * are thread-safe.
 *
 * <p><b>Connections.</b> Every connection attempt builds its address and headers afresh from the suppliers. The
 * server's first frame must be the handshake; it opens the client. An attempt without a handshake within {@code
 * handshakeTimeout} (10 s) is abandoned as lost. After any close the client did not ask for it reconnects with its
 * {@link Backoff}, except after {@link CloseReason#UNAUTHORIZED}, when it stays closed until {@link #connect()} or
 * {@link #reconnect()} (its held sends fail, see {@link OfflineSendPolicy}). The attempt count starts over once a
 * connection has stayed open for {@code backoffResetAfter} (5 s) after its handshake; a connection lost sooner counts
 * as one more failed attempt, so a server that closes connections right after their handshake is not hammered. The
 * client pings the server after {@code pingInterval} without traffic and reconnects when no pong comes within {@code
 * pongTimeout}; it answers the server's pings at once.
 *
 * <p><b>WebSocket or Ajax.</b> {@link Builder#type(ClientType)} chooses the transport; the default, {@link
 * ClientType#AUTO}, opens a WebSocket and falls back to Ajax for the rest of the client's life if its first WebSocket
 * fails before it opens (once a WebSocket has opened, later losses reconnect over WebSocket). {@link ClientState#via()}
 * shows which is in use: {@link Via#WEBSOCKET} or {@link Via#AJAX_POLL}. Over Ajax the client sends a handshake GET,
 * then keeps exactly one long-poll GET waiting at the server, sending the next as soon as one is answered (with
 * pushes, in order, or {@code :chsk/timeout}); the long-poll is the keep-alive, so no pings are sent. Each event is its
 * own POST, answered with the reply, an acknowledgement, or {@code :chsk/timeout} when the server's Ajax reply timeout
 * passed; POSTs run concurrently, so events sent at once may reach the server in any order. The CSRF token travels in
 * the {@code X-CSRF-Token} header instead of the URL. Every Ajax request waits at most {@link
 * Builder#ajaxTimeout(Duration)}. A handshake or poll that fails (no response, an HTTP error status, no response in
 * time) is a lost connection, with the same reconnect and backoff as a lost WebSocket; a poll answered 401 means the
 * server withdrew the connection's authorization and closes the client as {@link CloseReason#UNAUTHORIZED}
 * (PROTOCOL.md §10.2).
 *
 * <p><b>Replies.</b> A request ends exactly once: with the reply, or with a {@link ReplyFailedException} (closed,
 * timeout, error). Every request waiting when a connection closes fails with {@link ReplyClosedException}. Over Ajax a
 * POST answered with an HTTP error status, or not at all, fails with {@link ReplyErrorException}, one not answered
 * within the Ajax timeout with {@link ReplyTimeoutException}.
 */
public final class ChannelSocketClient implements AutoCloseable {
  private final ClientSession session;
  private final ExecutorService ownedExecutor;
  private final ScheduledExecutorService ownedScheduler;

  private ChannelSocketClient(ClientSession session, ExecutorService ownedExecutor,
      ScheduledExecutorService ownedScheduler) {
    this.session = session;
    this.ownedExecutor = ownedExecutor;
    this.ownedScheduler = ownedScheduler;
  }

  /**
   * A builder for a client of the server at {@code uri}.
   *
   * @param uri the address of the server's channel-socket path, without the protocol's query parameters (it may
   *     carry the application's own); {@code ws:} or {@code wss:}, or {@code http:} or {@code https:}. WebSockets use
   *     {@code ws:}/{@code wss:} and Ajax {@code http:}/{@code https:} whichever is given; other schemes are used as
   *     they are
   * @param transport opens the WebSockets and makes the Ajax requests
   */
  public static Builder builder(URI uri, ClientTransport transport) {
    return new Builder(uri, transport);
  }

  /**
   * Connects, unless the client is already connected or connecting.
   *
   * @return completes with the state at the first handshake after this call (at once if the client is open), or
   *     fails if the client is disconnected or the server closes as unauthorized before a handshake
   * @throws IllegalStateException if the client has been closed
   */
  public CompletableFuture<ClientState> connect() {
    return session.connect();
  }

  /**
   * Sends an event that wants no reply.
   *
   * @return completes when the transport has written the event (over Ajax: when the server has acknowledged its
   *     POST); fails with {@link ReplyClosedException} when the client is not open and the offline policy does not
   *     hold it, or the connection ended before the POST was answered, with {@link ReplyErrorException} when the send
   *     failed (over Ajax: also an HTTP error status), with {@link ReplyTimeoutException} when a POST got no answer
   *     within the Ajax timeout
   * @throws IllegalArgumentException if the event is in the reserved {@code chsk} namespace
   */
  public CompletableFuture<Void> send(Event event) {
    return session.sender().send(event);
  }

  /**
   * Sends an event and waits for the server's reply. Cancelling the returned future forgets the request: a reply
   * that comes later is dropped.
   *
   * @param event the event
   * @param timeout how long to wait for the reply (a held request's wait counts too); positive
   * @return completes with the reply, or fails with {@link ReplyClosedException}, {@link ReplyTimeoutException} or
   *     {@link ReplyErrorException} (also when the scheduler refuses the reply's timer); a reply equal to {@code
   *     :chsk/closed}, {@code :chsk/timeout} or {@code :chsk/error} fails with the matching exception
   * @throws IllegalArgumentException if the event is in the reserved {@code chsk} namespace or the timeout is not
   *     positive
   */
  public CompletableFuture<Object> send(Event event, Duration timeout) {
    return session.sender().send(event, timeout);
  }

  /** The current state. */
  public ClientState state() {
    return session.state();
  }

  /**
   * Closes the connection with {@link CloseReason#REQUESTED} and stays closed until {@link #connect()} or {@link
   * #reconnect()}. Requests waiting for a reply and held sends fail with {@link ReplyClosedException} at once, and so
   * do sends made until then, whatever the {@link OfflineSendPolicy}.
   */
  public void disconnect() {
    session.disconnect();
  }

  /**
   * Closes the current connection with {@link CloseReason#REQUESTED} and connects again at once; connects if the
   * client was not connected.
   *
   * @throws IllegalStateException if the client has been closed
   */
  public void reconnect() {
    session.reconnect();
  }

  /** Disconnects, cancels the timers and shuts down the executor and scheduler the client created. Idempotent. */
  @Override
  public void close() {
    session.terminate();
    if (ownedScheduler != null) {
      ownedScheduler.shutdownNow();
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  /** The number of requests waiting for a reply, held or sent; for tests. */
  int pendingReplies() {
    return session.pendingReplies();
  }

  /** The options of a {@link ChannelSocketClient}; {@link #packer} is required. */
  public static final class Builder {
    private final URI uri;
    private final ClientTransport transport;
    private ClientType type = ClientType.AUTO;
    private Duration ajaxTimeout = Duration.ofSeconds(60);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Packer packer;
    private String clientId = UUID.randomUUID().toString();
    private Supplier<String> csrfToken = () -> null;
    private Supplier<Map<String, String>> params = Map::of;
    private Supplier<Map<String, List<String>>> headers = Map::of;
    private Duration pingInterval = Duration.ofSeconds(20);
    private Duration pongTimeout = Duration.ofSeconds(5);
    private Backoff backoff = Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(30));
    private Duration backoffResetAfter = Duration.ofSeconds(5);
    private RandomGenerator random;
    private OfflineSendPolicy offlineSends = OfflineSendPolicy.failFast();
    private Scheduler scheduler;
    private Executor executor;
    private Consumer<Event> pushHandler = event -> {};
    private Consumer<ClientState> stateListener = state -> {};
    private Consumer<Throwable> errorListener = error -> {};

    private Builder(URI uri, ClientTransport transport) {
      this.uri = Objects.requireNonNull(uri, "uri");
      this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * How the client reaches the server: {@link ClientType#WEBSOCKET}, {@link ClientType#AJAX}, or {@link
     * ClientType#AUTO} (the default, as in Sente): a WebSocket, with a fallback to Ajax for the rest of the client's
     * life when its first WebSocket fails before it opens.
     */
    public Builder type(ClientType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * How long each Ajax request (handshake, long-poll, POST) waits for its response; default 60 s, Sente's. It must
     * exceed the server's long-poll timeout (20 s by default), or polls are given up before the server answers them.
     * A handshake or poll without a response in time is a lost connection ({@link CloseReason#TIMEOUT}); a POST
     * fails with {@link ReplyTimeoutException}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder ajaxTimeout(Duration ajaxTimeout) {
      this.ajaxTimeout = requirePositive(ajaxTimeout, "ajaxTimeout");
      return this;
    }

    /**
     * How long a connection attempt may take from its start to the server's handshake; default 10 s. An attempt
     * without a handshake by then (a WebSocket upgrade that never completes, a server that accepted the socket and
     * sends nothing, as a stopping server or a proxy can) is abandoned as lost ({@link CloseReason#TIMEOUT}) and the
     * client reconnects with its backoff; under {@link ClientType#AUTO} a WebSocket abandoned while no WebSocket of
     * this client has ever carried a handshake falls back to Ajax (a proxy may complete the upgrade and forward
     * nothing).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = requirePositive(handshakeTimeout, "handshakeTimeout");
      return this;
    }

    /** The packer; required. Its name goes into every request as {@code sente4j-packer}. */
    public Builder packer(Packer packer) {
      this.packer = Objects.requireNonNull(packer, "packer");
      return this;
    }

    /**
     * The client id sent on every request; default: a random UUID.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder clientId(String clientId) {
      Objects.requireNonNull(clientId, "clientId");
      if (clientId.isBlank()) {
        throw new IllegalArgumentException("a client id must not be blank");
      }
      this.clientId = clientId;
      return this;
    }

    /**
     * The CSRF token, sent as the query parameter {@code csrf-token} of a WebSocket upgrade and as the header {@code
     * X-CSRF-Token} of every Ajax request; called on every connection attempt.
     */
    public Builder csrfToken(Supplier<String> csrfToken) {
      this.csrfToken = Objects.requireNonNull(csrfToken, "csrfToken");
      return this;
    }

    /** A fixed CSRF token, sent as with {@link #csrfToken(Supplier)}. */
    public Builder csrfToken(String csrfToken) {
      Objects.requireNonNull(csrfToken, "csrfToken");
      this.csrfToken = () -> csrfToken;
      return this;
    }

    /**
     * The application's query parameters, called on every connection attempt; they come first in the query, in the
     * map's order. The protocol's names ({@code client-id}, {@code csrf-token}, ...) are not allowed: one fails the
     * attempt with an {@link IllegalArgumentException}, reported.
     */
    public Builder params(Supplier<Map<String, String>> params) {
      this.params = Objects.requireNonNull(params, "params");
      return this;
    }

    /**
     * Extra request headers (a bearer token, cookies), called on every connection attempt. A header without a name
     * or with a null value list or value fails the attempt with an {@link IllegalArgumentException}, reported.
     */
    public Builder headers(Supplier<Map<String, List<String>>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /**
     * The idle window after which the client pings the server; default 20 s; {@link Duration#ZERO}: never ping.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder pingInterval(Duration pingInterval) {
      this.pingInterval = requireNotNegative(pingInterval, "pingInterval");
      return this;
    }

    /**
     * How long a client ping waits for its pong before the client reconnects; default 5 s.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder pongTimeout(Duration pongTimeout) {
      this.pongTimeout = requirePositive(pongTimeout, "pongTimeout");
      return this;
    }

    /**
     * The reconnect delays; default {@link Backoff#exponentialFullJitter} with base 1 s and cap 30 s. It is called on
     * the {@link #executor}, outside the client's lock; the state listener hears of a close once the next attempt is
     * armed. A backoff that throws stops the client: it closes with {@link CloseReason#ERROR}, fails its requests,
     * held sends and the futures of {@link ChannelSocketClient#connect()}, reports a {@link Sente4jException} caused
     * by the exception to the error listener, and stays closed until {@code connect()} or {@code reconnect()}.
     */
    public Builder backoff(Backoff backoff) {
      this.backoff = Objects.requireNonNull(backoff, "backoff");
      return this;
    }

    /**
     * How long a connection must stay open after its handshake for the reconnect count to start over; default 5 s
     * (PROTOCOL.md §7.6). A connection lost sooner goes on counting from the attempt that opened it, so a server that
     * closes every connection right after its handshake, or fails every Ajax poll after it, meets the growing backoff
     * instead of an immediate retry each time. {@link Duration#ZERO}: every handshake starts the count over.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder backoffResetAfter(Duration backoffResetAfter) {
      this.backoffResetAfter = requireNotNegative(backoffResetAfter, "backoffResetAfter");
      return this;
    }

    /** The source of the backoff's jitter; default {@link RandomGenerator#getDefault()}. Tests pass a seeded one. */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** What happens to sends while the client is not open; default {@link OfflineSendPolicy#failFast()}. */
    public Builder offlineSends(OfflineSendPolicy offlineSends) {
      this.offlineSends = Objects.requireNonNull(offlineSends, "offlineSends");
      return this;
    }

    /**
     * The clock and timers; default: a daemon thread on real time that {@link #close()} shuts down. A scheduler that
     * throws instead of arming a timer (one whose executor the application shut down) is not thrown to the
     * application's calls nor to a transport's or timer's thread. Without the handshake timeout, the keep-alive or a
     * reconnect's backoff the client could not bound an attempt, notice a dead connection or come back after a loss,
     * so when one of those is refused it stops: it closes with {@link CloseReason#ERROR} (the close text says the
     * scheduler refused), fails its requests, held sends and the futures of {@link ChannelSocketClient#connect()},
     * reports a {@link Sente4jException} caused by the scheduler's exception to the error listener, and stays closed
     * until {@code connect()} or {@code reconnect()}. A request whose reply timeout is refused fails with {@link
     * ReplyErrorException}, unsent (requests waiting on a timer refused when it is set again fail the same way). An
     * Ajax connection's requests share one timer: when it is refused they fail as requests without a response do (a
     * POST with {@link ReplyErrorException} caused by the refusal, a poll ending the connection).
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Runs the application's callbacks, completes the futures and makes the connection attempts (which call the
     * suppliers); default: a pool of daemon threads that {@link #close()} shuts down. It should not run tasks on the
     * calling thread, or application code would run on transport threads and under the client's lock. A future's
     * completion it refuses (it was shut down, or is a bounded pool that is full) runs on a thread of the client's
     * own, which runs such completions one at a time and ends once idle; callbacks it refuses are dropped and logged.
     * A connection attempt it refuses to start fails as an attempt that cannot reach the server does: the client
     * closes with {@link CloseReason#ERROR}, reports a {@link Sente4jException} caused by the refusal to the error
     * listener (if the executor takes that callback), and tries again after its {@link Backoff}; the future of {@link
     * ChannelSocketClient#connect()} waits for the next handshake. A refusal is whatever {@code execute} throws without
     * having run the task: a {@link java.util.concurrent.RejectedExecutionException} as the {@link Executor} contract
     * says, or anything else a custom executor throws instead (the report then names it). What an executor that runs
     * tasks on the calling thread throws out of a task that ran is that task's failure, not a refusal.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Receives the events the server pushes, one at a time, in order. */
    public Builder pushHandler(Consumer<Event> pushHandler) {
      this.pushHandler = Objects.requireNonNull(pushHandler, "pushHandler");
      return this;
    }

    /** Receives every new state, one at a time, in order. */
    public Builder stateListener(Consumer<ClientState> stateListener) {
      this.stateListener = Objects.requireNonNull(stateListener, "stateListener");
      return this;
    }

    /**
     * Receives what went wrong, which does not end the client unless said: bad frames from the server (a {@link
     * FrameException}), a WebSocket message over the frame limit (a {@link MessageTooLargeException}; the client
     * closes the connection as {@link CloseReason#TOO_LARGE} and reconnects), failed connection attempts (an {@link
     * UpgradeRefusedException} or the transport's error), failed Ajax handshakes and polls (an {@link AjaxRefusedException}, a {@link
     * java.util.concurrent.TimeoutException} after the Ajax timeout, or the transport's error), a first frame that was
     * not the handshake, exceptions thrown by the push handler or state listener, and a {@link Sente4jException} when
     * the {@link #scheduler(Scheduler)} refused a timer the client needs, after which the client stays closed. Each is
     * also logged.
     */
    public Builder errorListener(Consumer<Throwable> errorListener) {
      this.errorListener = Objects.requireNonNull(errorListener, "errorListener");
      return this;
    }

    /**
     * Builds the client; it does not connect until {@link ChannelSocketClient#connect()}.
     *
     * @throws IllegalStateException if no packer was given
     */
    public ChannelSocketClient build() {
      if (packer == null) {
        throw new IllegalStateException("a client needs a packer: call packer(...) before build()");
      }
      ExecutorService ownExecutor = executor == null ? Executors.newCachedThreadPool(daemons("sente4j-client-")) : null;
      ScheduledExecutorService ownScheduler = null;
      if (scheduler == null) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemons("sente4j-client-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        ownScheduler = timer;
      }
      ClientConfig config = new ClientConfig(uri, transport, type, ajaxTimeout, handshakeTimeout, packer, clientId,
          csrfToken, params, headers, pingInterval, pongTimeout, backoff, backoffResetAfter,
          random == null ? RandomGenerator.getDefault() : random, offlineSends,
          scheduler == null ? Scheduler.of(ownScheduler) : scheduler, executor == null ? ownExecutor : executor,
          pushHandler, stateListener, errorListener);
      FrameCodec codec = new FrameCodec(packer);
      AtomicReference<ClientSession> self = new AtomicReference<>();
      ClientSession session = new ClientSession(config, (via, events) -> via == Via.WEBSOCKET
          ? new WebSocketConnection(transport, codec, events)
          : new AjaxConnection(transport, codec, config.scheduler(), ajaxTimeout, clientId, self.get()::inMdc, events));
      self.set(session);
      return new ChannelSocketClient(session, ownExecutor, ownScheduler);
    }

    private static ThreadFactory daemons(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, prefix + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
    }

    private static Duration requireNotNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, got " + d);
      }
      return d;
    }

    private static Duration requirePositive(Duration d, String name) {
      if (requireNotNegative(d, name).isZero()) {
        throw new IllegalArgumentException(name + " must be positive, got " + d);
      }
      return d;
    }
  }
}
