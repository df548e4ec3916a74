package io.sente4j.spec;

import static org.assertj.core.api.Assertions.fail;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ConnectedUids;
import io.sente4j.core.Event;
import io.sente4j.core.EventHandler;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Packer;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerError;
import io.sente4j.core.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One test's world: a fixture, a virtual clock that drives every sente4j timer of the server and its clients, an
 * executor for handlers, one server and the clients the test made. Time moves only by {@link #advance}; waiting for
 * the transport's I/O is {@link #await}, which also runs the timers due now (a retry "at once" is a timer of zero).
 */
final class KitHarness implements AutoCloseable {
  /** The query parameter that carries a kit client's uid; the kit's user-id function reads it. */
  static final String UID_PARAM = "kit-uid";

  final VirtualScheduler clock = new VirtualScheduler();
  final TransportFixture fixture;
  final WatchedTransport transport;
  final Packer packer;
  final List<EventMessage> received = new CopyOnWriteArrayList<>();
  final List<EventMessage> presenceEvents = new CopyOnWriteArrayList<>();
  final List<ConnectedUids> presenceSnapshots = new CopyOnWriteArrayList<>();
  final List<ServerError> errors = new CopyOnWriteArrayList<>();
  final AtomicInteger requestsSeen = new AtomicInteger();
  final ParkedPolls parkedPolls = new ParkedPolls();
  volatile boolean refuseAtEndpoint;

  private final ExecutorService executor;
  private final List<ChannelSocketClient> clients = new ArrayList<>();
  private final Duration settle;
  private final long seed;
  private ChannelSocketServer server;
  private URI uri;

  KitHarness(TransportFixture fixture, Packer packer, long seed) {
    this.fixture = fixture;
    this.packer = packer;
    this.transport = new WatchedTransport(fixture.clientTransport());
    this.settle = fixture.settleTimeout();
    this.seed = seed;
    AtomicInteger threads = new AtomicInteger();
    this.executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "sente4j-kit-handler-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** A server builder with the kit's clock, executor, user-id function and recorders; the test adds the rest. */
  ChannelSocketServer.Builder serverBuilder(EventHandler handler) {
    return ChannelSocketServer.builder(packer).withoutCsrfCheck()
        .scheduler(clock)
        .handlerExecutor(executor)
        .userId((request, clientId) -> request.queryParam(UID_PARAM).orElse(null))
        .handshakeData((request, uid) -> Map.of("greeting", "hello " + uid))
        .eventHandler(msg -> {
          if (msg.event().isReserved()) {
            presenceEvents.add(msg);
          } else {
            received.add(msg);
            handler.handle(msg);
          }
        })
        .presenceListener(presenceSnapshots::add)
        .errorListener(errors::add);
  }

  /**
   * Builds the server and serves it; the endpoint refuses upgrades with 403 while {@link #refuseAtEndpoint}, and
   * counts the Ajax polls the server parks ({@link #parkedPolls}).
   */
  ChannelSocketServer start(ChannelSocketServer.Builder builder) {
    server = builder.build();
    ChannelSocketServer s = server;
    uri = fixture.serve(request -> {
      requestsSeen.incrementAndGet();
      return refuseAtEndpoint ? new ServerAnswer.Reject(403, "refused by the kit")
          : parkedPolls.watch(request, s.handle(request));
    });
    return server;
  }

  ChannelSocketServer server() {
    return server;
  }

  /** The address the fixture serves the server at (a WebSocket address; Ajax uses its http form). */
  URI uri() {
    return uri;
  }

  /** A client of {@code uid} (not yet connected), with the kit's clock and executor; {@code options} adds more. */
  ChannelSocketClient client(String uid, Consumer<Event> pushes, Consumer<ChannelSocketClient.Builder> options) {
    ChannelSocketClient.Builder b = ChannelSocketClient.builder(uri, transport)
        .packer(packer)
        .params(() -> Map.of(UID_PARAM, uid))
        .scheduler(clock)
        .executor(executor)
        .random(new SplittableRandom(seed + clients.size()))
        .pushHandler(pushes);
    options.accept(b);
    ChannelSocketClient c = b.build();
    synchronized (clients) {
      clients.add(c);
    }
    return c;
  }

  /** A connected client of {@code uid}: connects and waits for its handshake. */
  ChannelSocketClient connected(String uid, Consumer<Event> pushes, Consumer<ChannelSocketClient.Builder> options) {
    ChannelSocketClient c = client(uid, pushes, options);
    c.connect();
    await("client of " + uid + " to finish its handshake", () -> c.state().isOpen());
    return c;
  }

  /** Waits until the server has parked a poll of this Ajax client (and started its long-poll timer). */
  void awaitParkedPoll(String clientId) {
    await("the server to park a poll of " + clientId, () -> parkedPolls.parked(clientId) == 1);
  }

  /** Moves virtual time, running the timers that fall due. */
  void advance(Duration by) {
    clock.advance(by);
  }

  /**
   * Waits in real time, up to the fixture's settle timeout, for {@code condition}, running due timers meanwhile;
   * fails the test with {@code what} if it does not come true.
   */
  void await(String what, BooleanSupplier condition) {
    await(what, condition, () -> "");
  }

  /** As {@link #await(String, BooleanSupplier)}, with {@code state} describing, on failure, what was seen instead. */
  void await(String what, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + settle.toNanos();
    while (true) {
      clock.runDue();
      if (condition.getAsBoolean()) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        String seen = state.get();
        fail("waited " + settle.toMillis() + " ms for " + what + (seen.isEmpty() ? "" : " (" + seen + ")"));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /**
   * Moves virtual time in steps of {@code step}, up to {@code limit}, until {@code condition} comes true, letting the
   * transport's I/O settle for a moment after each step; fails the test with {@code what} if it never does. For
   * waits whose virtual length is random, such as reconnect backoff.
   */
  void advanceUntil(String what, BooleanSupplier condition, Duration step, Duration limit) {
    for (Duration moved = Duration.ZERO; moved.compareTo(limit) <= 0; moved = moved.plus(step)) {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
      while (System.nanoTime() - until < 0) {
        clock.runDue();
        if (condition.getAsBoolean()) {
          return;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      }
      advance(step);
    }
    await(what + " (after " + limit + " of virtual time)", condition);
  }

  /** Keeps running due timers for a short real-time moment, for the checks that something did not happen. */
  void quiesce() {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    while (System.nanoTime() - until < 0) {
      clock.runDue();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  /** How many presence events of this kind the server's handler saw for {@code uid}. */
  long presenceCount(io.sente4j.core.Keyword kind, Object uid) {
    return presenceEvents.stream().filter(m -> m.id().equals(kind) && uid.equals(m.uid())).count();
  }

  @Override
  public void close() {
    synchronized (clients) {
      clients.forEach(ChannelSocketClient::close);
    }
    if (server != null) {
      server.stop();
    }
    clock.runDue();
    fixture.close();
    executor.shutdownNow();
  }
}
