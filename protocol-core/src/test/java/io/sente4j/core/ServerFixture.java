package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A {@link ChannelSocketServer} on virtual time and a tracked handler pool, with {@link FakeChannel} clients. The
 * uid of a connection is its request's {@code uid} query parameter (none: nil uid), its handshake data the {@code
 * data} parameter. Client events, presence events, errors and presence snapshots are collected in queues; an event
 * is queued once the handler ({@link #onEvent}) has returned.
 */
final class ServerFixture implements AutoCloseable {
  static final Duration WINDOW = Duration.ofMillis(30);
  static final Duration GRACE = Duration.ofMillis(2500);

  final VirtualScheduler time = new VirtualScheduler();
  /** The server's scheduler: {@link #time}, arming every timer until a test tells it to refuse some. */
  final RefusingScheduler scheduler = new RefusingScheduler(time);
  final TrackingExecutor executor = new TrackingExecutor(3);
  final BlockingQueue<EventMessage> events = new LinkedBlockingQueue<>();
  final BlockingQueue<EventMessage> presenceEvents = new LinkedBlockingQueue<>();
  final BlockingQueue<ServerError> errors = new LinkedBlockingQueue<>();
  final BlockingQueue<ConnectedUids> snapshots = new LinkedBlockingQueue<>();
  volatile EventHandler onEvent = msg -> {};
  final ChannelSocketServer server;

  ServerFixture() {
    this(b -> b);
  }

  ServerFixture(UnaryOperator<ChannelSocketServer.Builder> options) {
    this(ToyPacker.TEXT, options);
  }

  ServerFixture(Packer packer, UnaryOperator<ChannelSocketServer.Builder> options) {
    server = options.apply(ChannelSocketServer.builder(packer).withoutCsrfCheck()
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .handshakeData((request, uid) -> request.queryParam("data").orElse(null))
        .handlerExecutor(executor)
        .scheduler(scheduler)
        .eventHandler(msg -> {
          if (msg.event().isReserved()) {
            presenceEvents.add(msg);
            return;
          }
          try {
            onEvent.handle(msg);
          } finally {
            events.add(msg);
          }
        })
        .errorListener(errors::add)
        .presenceListener(snapshots::add))
        .build();
  }

  static ServerRequest upgrade(String uid, String clientId) {
    ServerRequest.Builder b = ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true)
        .queryParam("client-id", clientId);
    if (uid != null) {
      b.queryParam("uid", uid);
    }
    return b.build();
  }

  /** Opens a connection and waits for (and checks) its handshake. */
  FakeChannel connect(String uid, String clientId) {
    FakeChannel ch = open(upgrade(uid, clientId));
    idle();
    assertThat(ch.next()).isInstanceOf(Frame.Handshake.class);
    return ch;
  }

  /** Opens a connection whose client names {@code packer}, and waits for (and checks) its handshake. */
  FakeChannel connect(String uid, String clientId, String packer) {
    FakeChannel ch = open(ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true).queryParam("client-id", clientId)
        .queryParam("uid", uid).queryParam("sente4j-packer", packer).build());
    idle();
    assertThat(ch.next()).isInstanceOf(Frame.Handshake.class);
    return ch;
  }

  /** Upgrades a request to a connection, without waiting for anything. */
  FakeChannel open(ServerRequest request) {
    ServerAnswer answer = server.handle(request);
    assertThat(answer).isInstanceOf(ServerAnswer.Upgrade.class);
    FakeChannel ch = new FakeChannel();
    ch.listener = ((ServerAnswer.Upgrade) answer).onOpen().apply(ch);
    return ch;
  }

  /** Pushes the events to the uid as one batch: sends all but the last, then {@code sendNow}s the last with them. */
  void pushBatch(Object uid, List<Event> batch) {
    for (int i = 0; i < batch.size() - 1; i++) {
      server.send(uid, batch.get(i));
    }
    server.sendNow(uid, batch.get(batch.size() - 1));
  }

  /** Waits (bounded) until the handler executor has nothing left to do. */
  void idle() {
    executor.awaitIdle();
  }

  void advance(Duration by) {
    time.advance(by);
    idle();
  }

  void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  EventMessage nextEvent() {
    return poll(events, "an event");
  }

  ServerError nextError() {
    return poll(errors, "a server error");
  }

  /**
   * Starts {@code stop()} on a thread of its own, which must still be waiting 200 ms on: for a handler that has not
   * returned yet.
   */
  Thread stopWhileAHandlerRuns() throws InterruptedException {
    Thread stopper = new Thread(server::stop);
    stopper.start();
    stopper.join(200);
    assertThat(stopper.isAlive()).as("stop waits for the handler").isTrue();
    return stopper;
  }

  /** Holds a handler until the test counts {@code release} down, at most 10 s; an interrupt ends the wait. */
  static void awaitRelease(CountDownLatch release) {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits, at most 10 s, for the {@code stop()} of {@link #stopWhileAHandlerRuns} to return. */
  static void awaitStopped(Thread stopper) throws InterruptedException {
    stopper.join(10_000);
    assertThat(stopper.isAlive()).isFalse();
  }

  /** Everything queued and not read yet. */
  static <T> List<T> drain(BlockingQueue<T> queue) {
    List<T> all = new ArrayList<>();
    queue.drainTo(all);
    return all;
  }

  static <T> T poll(BlockingQueue<T> queue, String what) {
    try {
      T t = queue.poll(5, TimeUnit.SECONDS);
      assertThat(t).as(what + " within 5 s").isNotNull();
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static Event ev(String id, Object data) {
    return Event.of(id, data);
  }

  @Override
  public void close() {
    server.stop();
    executor.close();
  }
}
