package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client under test: a {@link FakeClientTransport} whose listener calls run on a {@code fake-io} thread, a
 * single-thread {@code client-exec} executor, and a {@link VirtualScheduler}. States, pushes and errors are
 * recorded in queues the test waits on (5 s at most).
 */
final class ClientFixture implements AutoCloseable {
  static final URI URI_BASE = URI.create("ws://app.test/chsk");
  static final Duration WAIT = Duration.ofSeconds(5);
  /** Attempt 1 at once, then 10 s × attempt: a backoff easy to step through with the virtual clock. */
  static final Backoff STEPS = (attempt, random) -> attempt <= 1 ? Duration.ZERO : Duration.ofSeconds(10L * attempt);

  final VirtualScheduler time = new VirtualScheduler();
  final ExecutorService io = Executors.newSingleThreadExecutor(r -> daemon(r, "fake-io"));
  final ExecutorService exec;
  final FakeClientTransport transport;
  final BlockingQueue<ClientState> states = new LinkedBlockingQueue<>();
  final List<ClientState> allStates = new ArrayList<>();
  final BlockingQueue<Event> pushes = new LinkedBlockingQueue<>();
  final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
  ChannelSocketClient client;

  ClientFixture() {
    this(1, ToyPacker.TEXT);
  }

  ClientFixture(int threads, Packer packer) {
    exec = Executors.newFixedThreadPool(threads, r -> daemon(r, "client-exec"));
    transport = new FakeClientTransport(io, packer);
  }

  /**
   * A builder with the fixture's transport, packer, time, executor and recorders, for a WebSocket-only client (the
   * WebSocket tests refuse first opens, which would make an {@link ClientType#AUTO} client fall back to Ajax).
   */
  ChannelSocketClient.Builder builder(Packer packer) {
    return ChannelSocketClient.builder(URI_BASE, transport)
        .type(ClientType.WEBSOCKET)
        .packer(packer)
        .clientId("c1")
        .scheduler(time)
        .executor(exec)
        .random(new SplittableRandom(42))
        .stateListener(s -> {
          synchronized (allStates) {
            allStates.add(s);
          }
          states.add(s);
        })
        .pushHandler(pushes::add)
        .errorListener(errors::add);
  }

  /** Builds the client with the defaults of {@link #builder}. */
  ChannelSocketClient start() {
    return start(builder(ToyPacker.TEXT));
  }

  /** Builds the client from {@code builder}. */
  ChannelSocketClient start(ChannelSocketClient.Builder builder) {
    client = builder.build();
    return client;
  }

  /** Connects, accepts the open, sends the handshake and waits for the client to be open. */
  FakeConnection connectOpen(Object uid) {
    CompletableFuture<ClientState> connected = client.connect();
    FakeConnection c = transport.nextOpen();
    c.handshake(uid, null);
    join(connected);
    awaitState(s -> s.isOpen());
    return c;
  }

  /**
   * Connects an Ajax client: answers the handshake GET, waits for the client to be open, and returns the first
   * long-poll, which waits for the test's answer.
   */
  FakeHttpExchange connectAjax(Object uid) {
    CompletableFuture<ClientState> connected = client.connect();
    FakeHttpExchange handshake = transport.nextGet();
    assertThat(handshake.isHandshake()).as("the first GET is the handshake: " + handshake).isTrue();
    handshake.answer(new Frame.Handshake(uid, null));
    join(connected);
    awaitState(ClientState::isOpen);
    FakeHttpExchange poll = transport.nextGet();
    assertThat(poll.isHandshake()).as("then a long-poll: " + poll).isFalse();
    return poll;
  }

  /** Waits for the next state that matches; earlier states are skipped. */
  ClientState awaitState(Predicate<ClientState> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    try {
      while (true) {
        ClientState s = states.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        assertThat(s).as("a matching state within 5 s").isNotNull();
        if (wanted.test(s)) {
          return s;
        }
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** The next push, waiting up to 5 s. */
  Event nextPush() {
    return poll(pushes, "a push");
  }

  /** The next reported error, waiting up to 5 s. */
  Throwable nextError() {
    return poll(errors, "an error report");
  }

  /** Waits until the I/O thread and the executor have run everything queued so far, a few rounds deep. */
  void settle() {
    for (int i = 0; i < 4; i++) {
      join(io.submit(() -> { }));
      join(exec.submit(() -> { }));
    }
  }

  /** Every state published so far. */
  List<ClientState> allStates() {
    settle();
    synchronized (allStates) {
      return new ArrayList<>(allStates);
    }
  }

  /**
   * Whether the executor the calling test gave the client is being handed a connection attempt's start: the session
   * hands it nothing else itself (callbacks come from its dispatcher, completions from its completions' executor). A
   * hand-off may wrap the task ({@link io.sente4j.core.internal.Handoff}), so the class that handed it over tells,
   * not the task's class. Call it from the executor's {@code execute}, written in a test of this package.
   */
  static boolean handingOverAnAttemptStart() {
    String handoff = io.sente4j.core.internal.Handoff.class.getName();
    return StackWalker.getInstance().walk(frames -> frames
        .dropWhile(f -> f.getClassName().startsWith("io.sente4j.core.") && !f.getClassName().contains(".internal."))
        .dropWhile(f -> f.getClassName().equals(handoff)).findFirst()
        .map(f -> f.getClassName().equals(io.sente4j.core.internal.ClientSession.class.getName())).orElse(false));
  }

  static <T> T join(java.util.concurrent.Future<T> f) {
    try {
      return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("did not complete normally within 5 s", e);
    }
  }

  /** The failure of a future that must fail within 5 s. */
  static Throwable failure(CompletableFuture<?> f) {
    try {
      f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("did not fail within 5 s", e);
    }
    throw new AssertionError("completed normally: " + f.join());
  }

  private static <T> T poll(BlockingQueue<T> q, String what) {
    try {
      T t = q.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(t).as(what + " within 5 s").isNotNull();
      return t;
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    exec.shutdownNow();
    io.shutdownNow();
  }
}
