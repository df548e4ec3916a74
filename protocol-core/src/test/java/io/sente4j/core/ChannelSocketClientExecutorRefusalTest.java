package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sente4j.core.ClientState.Status;
import io.sente4j.core.internal.ReconnectLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An executor that refuses a client's tasks (a bounded pool that is full, or one the application shut down). Refused
 * completions of futures still happen, never on the transport thread that read the frame and never under the
 * client's lock, since completing runs their dependent stages, which are application code. A refused connection
 * attempt fails as an attempt does, is reported, and the next one comes after the backoff; no refusal is thrown to
 * the application's call, the transport's thread or the timer's.
 */
class ChannelSocketClientExecutorRefusalTest {
  private final ClientFixture f = new ClientFixture();
  private final AtomicBoolean refuse = new AtomicBoolean();
  /** Refuses only the session's own tasks: the starts of connection attempts (not callbacks, not completions). */
  private final AtomicBoolean refuseAttempts = new AtomicBoolean();
  /**
   * What the executor throws to refuse: a {@link RejectedExecutionException} as the {@code Executor} contract says,
   * or, for an executor that breaks it (a bounded custom one), anything else.
   */
  private volatile Supplier<RuntimeException> refusal =
      () -> new RejectedExecutionException("the pool is full (expected in this test)");

  @AfterEach
  void tearDown() {
    refuse.set(false);
    refuseAttempts.set(false);
    f.close();
  }

  private void start() {
    start(f.builder(ToyPacker.TEXT));
  }

  private void start(ChannelSocketClient.Builder builder) {
    f.start(builder.executor(task -> {
      if (refuse.get() || refuseAttempts.get() && ClientFixture.handingOverAnAttemptStart()) {
        throw refusal.get();
      }
      f.exec.execute(task);
    }));
  }

  /** The fixture's virtual time, counting {@code armed} down once a timer of {@code delay} is armed. */
  private Scheduler signalling(Duration delay, CountDownLatch armed) {
    return new Scheduler() {
      @Override
      public long nanoTime() {
        return f.time.nanoTime();
      }

      @Override
      public Cancellable schedule(Duration after, Runnable task) {
        Cancellable timer = f.time.schedule(after, task);
        if (after.equals(delay)) {
          armed.countDown();
        }
        return timer;
      }
    };
  }

  /** The executor refuses by throwing an {@link IllegalStateException}, against the {@code Executor} contract. */
  private void refuseWithIllegalState() {
    refusal = () -> new IllegalStateException("the bounded queue is full (expected in this test)");
  }

  /** The state of a refused attempt: closed as an attempt that could not reach the server, and its report. */
  private void assertRefusedAttempt(ClientState closed) {
    assertRefusedAttempt(closed, RejectedExecutionException.class);
  }

  private void assertRefusedAttempt(ClientState closed, Class<? extends Throwable> thrown) {
    assertThat(closed.lastClose()).hasValueSatisfying(info -> {
      assertThat(info.reason()).isEqualTo(CloseReason.ERROR);
      assertThat(info.code()).isEqualTo(1006);
      assertThat(info.text()).contains("the executor refused to start a connection attempt");
    });
    assertThat(f.nextError()).isInstanceOf(Sente4jException.class)
        .hasMessageContaining("the executor refused to start a connection attempt")
        .hasCauseInstanceOf(thrown);
  }

  @Test
  void aConnectTheExecutorRefusesToStartClosesWithAnErrorAndIsTriedAgain() {
    // Regression: connect() threw the RejectedExecutionException and left the client CONNECTING with no attempt
    // under way, for good: later connect()s only waited.
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    refuseAttempts.set(true);
    CompletableFuture<ClientState> connected = f.client.connect();
    assertRefusedAttempt(f.awaitState(s -> s.status() == Status.CLOSED));
    assertThat(connected).as("waits for the next handshake, as after any failed attempt").isNotDone();
    refuseAttempts.set(false);
    f.settle();
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY.minusMillis(1));
    f.settle();
    assertThat(f.transport.pollOpen()).as("not before the pause of a refused start").isNull();
    f.time.advance(Duration.ofMillis(1)); // attempt 1, from the timer, since the executor refused it too
    f.transport.nextOpen().handshake("alice", null);
    assertThat(ClientFixture.join(connected).uid()).isEqualTo("alice");
  }

  @Test
  void aReconnectTheExecutorRefusesToStartClosesWithAnErrorAndIsTriedAgain() {
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    f.connectOpen("alice");
    refuseAttempts.set(true);
    f.client.reconnect();
    assertRefusedAttempt(f.awaitState(s -> s.status() == Status.CLOSED
        && s.lastClose().get().reason() == CloseReason.ERROR));
    refuseAttempts.set(false);
    f.settle();
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY);
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void anExecutorThatRefusesForGoodWithABackoffOfZerosDoesNotSpinTheTimer() {
    // Regression: each refused start was armed again at once, so a backoff of zeros kept the timer's thread failing
    // attempts without a pause (here, the test's own thread in runDue, which never returned).
    start(f.builder(ToyPacker.TEXT).backoff((attempt, random) -> Duration.ZERO));
    refuseAttempts.set(true);
    f.client.connect();
    f.awaitState(s -> s.status() == Status.CLOSED);
    f.settle();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> f.time.runDue());
    int before = f.allStates().size();
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY.multipliedBy(10));
    f.settle();
    assertThat(f.allStates().size() - before).as("attempts (each a CONNECTING and a CLOSED state) in ten pauses")
        .isBetween(2, 2 * 11);
  }

  @Test
  void aReconnectAfterALossThatTheExecutorRefusesToStartIsNotLost() {
    // Regression: the refusal was thrown to the transport thread that reported the loss, and no attempt ever came.
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    refuseAttempts.set(true);
    c.cut();
    f.awaitState(s -> s.status() == Status.CLOSED);
    f.settle();
    refuseAttempts.set(false);
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY); // attempt 1, due at once, now from the timer a moment later
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aReconnectTimerWhoseAttemptTheExecutorRefusesFailsThatAttemptAndArmsTheNext() {
    // Regression: the refusal was thrown on the timer's thread (here the test's, which advances time) and the
    // reconnect was lost.
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    f.transport.failNext(new java.io.IOException("no route"));
    c.cut();
    f.transport.nextOpen(); // attempt 1, at once, fails
    assertThat(f.nextError()).isInstanceOf(java.io.IOException.class);
    f.settle();
    refuseAttempts.set(true);
    f.time.advance(Duration.ofSeconds(20)); // attempt 2's timer: the executor refuses the attempt
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED && s.attempt() == 2);
    assertRefusedAttempt(closed);
    refuseAttempts.set(false);
    f.settle();
    assertThat(f.transport.pollOpen()).isNull();
    f.time.advance(Duration.ofSeconds(30)); // attempt 3, after its backoff
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aConnectTheExecutorRefusesByThrowingAnythingElseClosesWithAnErrorAndIsTriedAgain() {
    // Regression: only a RejectedExecutionException was a refusal; connect() threw the IllegalStateException and left
    // the client CONNECTING with no attempt under way, for good.
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    refuseWithIllegalState();
    refuseAttempts.set(true);
    CompletableFuture<ClientState> connected = f.client.connect();
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertRefusedAttempt(closed, IllegalStateException.class);
    assertThat(closed.lastClose().get().text()).contains("instead of RejectedExecutionException");
    refuseAttempts.set(false);
    f.settle();
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY);
    f.transport.nextOpen().handshake("alice", null);
    assertThat(ClientFixture.join(connected).uid()).isEqualTo("alice");
  }

  @Test
  void aReconnectAfterALossThatTheExecutorRefusesByThrowingAnythingElseIsNotLost() {
    // Regression: the IllegalStateException was thrown out of the backoff's draw on the executor, and no attempt
    // ever came.
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    refuseWithIllegalState();
    refuseAttempts.set(true);
    c.cut();
    f.awaitState(s -> s.status() == Status.CLOSED);
    f.settle();
    refuseAttempts.set(false);
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY);
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aLossWhileTheExecutorRefusesEverythingByThrowingAnythingElseStillReconnects() throws InterruptedException {
    // Regression: drawing the backoff on the executor threw the IllegalStateException to the transport thread that
    // reported the loss: no attempt was ever drawn, and the close never published.
    CountDownLatch retryArmed = new CountDownLatch(1);
    start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS).pingInterval(Duration.ZERO)
        .scheduler(signalling(ReconnectLoop.REFUSED_START_RETRY, retryArmed)));
    FakeConnection c = f.connectOpen("alice");
    refuseWithIllegalState();
    refuse.set(true);
    c.cut();
    // Refused, the backoff is drawn on the client's fallback thread, which settle() does not wait for, and the refused
    // start's retry is armed there: time moved before that would arm it after the advance that should fire it.
    assertThat(retryArmed.await(5, TimeUnit.SECONDS)).as("the refused start's retry armed within 5 s").isTrue();
    refuse.set(false);
    f.time.advance(ReconnectLoop.REFUSED_START_RETRY); // the attempt, refused at once, comes from the timer
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aReplyTheExecutorRefusesByThrowingAnythingElseIsStillCompleted() {
    // Regression: the IllegalStateException was thrown to the transport thread that read the reply, and the future
    // was never completed.
    refuseWithIllegalState();
    assertARefusedReplyCompletesOffTheTransportThreadAndOutsideTheLock();
  }

  @Test
  void callbacksTheExecutorRefusedByThrowingAnythingElseDoNotStopLaterOnes() {
    // Regression: the dispatcher stayed scheduled for good after the IllegalStateException, so no state, push or
    // error was ever delivered again.
    start();
    FakeConnection c = f.connectOpen("alice");
    refuseWithIllegalState();
    refuse.set(true);
    c.push(Frame.Push.of(Event.of("app/dropped", 1L)));
    f.settle();
    refuse.set(false);
    c.push(Frame.Push.of(Event.of("app/later", 2L)));
    assertThat(f.nextPush()).isEqualTo(Event.of("app/later", 2L));
  }

  /**
   * A dependent stage that completes {@code seen} with the thread it ran on, once another thread has taken the
   * client's lock meanwhile; were the stage run under that lock, the other thread would still wait after 2 s (a
   * bound on a deadlock, not a wait for something expected).
   */
  private <T> BiConsumer<T, Throwable> probe(CompletableFuture<String> seen) {
    return (value, error) -> {
      String thread = Thread.currentThread().getName();
      Thread other = new Thread(f.client::pendingReplies, "takes-the-client-lock");
      other.start();
      try {
        other.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.complete(other.isAlive() ? "under the client's lock on " + thread : thread);
    };
  }

  @Test
  void aReplyTheExecutorRefusesToCompleteCompletesOffTheTransportThreadAndOutsideTheLock() {
    // Regression: the refused completion ran on the delivering thread, a transport thread holding the client's lock:
    // the future's stages (application code) ran there, and one that waited for another thread using the client
    // deadlocked.
    assertARefusedReplyCompletesOffTheTransportThreadAndOutsideTheLock();
  }

  /** A reply arrives while the executor refuses (as {@link #refusal} says): its future still completes, elsewhere. */
  private void assertARefusedReplyCompletesOffTheTransportThreadAndOutsideTheLock() {
    start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(Event.of("app/req", 1L), Duration.ofSeconds(5));
    String cb = c.nextEvent().callbackId();
    CompletableFuture<String> seen = new CompletableFuture<>();
    reply.whenComplete(probe(seen));
    refuse.set(true);
    c.reply("ok", cb);
    assertThat(ClientFixture.join(seen)).isNotEqualTo("fake-io").doesNotStartWith("under the client's lock");
    assertThat(reply.join()).isEqualTo("ok");
  }

  @Test
  void aConnectTheExecutorRefusesToCompleteCompletesOffTheTransportThreadAndOutsideTheLock() {
    start();
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    CompletableFuture<String> seen = new CompletableFuture<>();
    connected.whenComplete(probe(seen));
    refuse.set(true);
    c.handshake("alice", null);
    assertThat(ClientFixture.join(seen)).isNotEqualTo("fake-io").doesNotStartWith("under the client's lock");
    assertThat(connected.join().uid()).isEqualTo("alice");
  }
}
