package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The application's {@link Backoff} (and its random source) run on the client's executor, outside the client's lock:
 * a slow backoff, or one that calls the client, holds up no send; the attempt still comes its delay after the loss.
 */
class ChannelSocketClientBackoffTest {
  private static final Event EV = Event.of("app/e", 1L);

  private final ClientFixture f = new ClientFixture(2, ToyPacker.TEXT);
  private final ExecutorService other = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "other-application-thread");
    t.setDaemon(true);
    return t;
  });
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() {
    release.countDown();
    f.close();
    other.shutdownNow();
  }

  /** A backoff that, for attempt 1, says so and waits for the test's release, then answers {@code delay}. */
  private Backoff blockingOnce(Duration delay, AtomicReference<String> thread) {
    return (attempt, random) -> {
      if (attempt == 1) {
        thread.set(Thread.currentThread().getName());
        entered.countDown();
        await(release);
      }
      return delay;
    };
  }

  @Test
  void aBackoffThatWaitsHoldsUpNoSendAndRunsOnTheExecutor() throws Exception {
    // Regression: the backoff ran under the client's lock, on the transport's thread that reported the loss: while it
    // waited, every send (every call taking the lock) waited with it.
    AtomicReference<String> thread = new AtomicReference<>();
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO).backoff(blockingOnce(Duration.ZERO, thread)));
    FakeConnection c = f.connectOpen("alice");
    c.cut();
    await(entered);
    CompletableFuture<CompletableFuture<Void>> sending = CompletableFuture.supplyAsync(() -> f.client.send(EV), other);
    CompletableFuture<Void> sent = sending.get(5, TimeUnit.SECONDS); // bounds a deadlock; it returns at once
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyClosedException.class);
    assertThat(f.client.state().status()).as("closed, while the backoff still draws").isEqualTo(Status.CLOSED);
    assertThat(thread.get()).isEqualTo("client-exec");
    release.countDown();
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void aBackoffThatCallsTheClientFromAnotherThreadDoesNotDeadlock() {
    AtomicReference<String> seen = new AtomicReference<>();
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO).backoff((attempt, random) -> {
      try {
        // The other thread's send takes the client's lock: under it, this wait would be a deadlock, bounded here.
        CompletableFuture<Void> sent = CompletableFuture.supplyAsync(() -> f.client.send(EV), other)
            .get(5, TimeUnit.SECONDS);
        seen.set("returned, " + (sent != null ? "with a future" : "null"));
      } catch (Exception e) {
        seen.set("blocked: " + e);
      }
      return Duration.ZERO;
    }));
    FakeConnection c = f.connectOpen("alice");
    c.cut();
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    assertThat(seen.get()).isEqualTo("returned, with a future");
  }

  @Test
  void theAttemptComesItsDelayAfterTheLossEvenWhenTimeMovesWhileTheBackoffDraws() {
    AtomicReference<String> thread = new AtomicReference<>();
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO)
        .backoff(blockingOnce(Duration.ofSeconds(20), thread)));
    FakeConnection c = f.connectOpen("alice");
    c.cut();
    await(entered);
    f.time.advance(Duration.ofSeconds(5)); // while the backoff draws
    release.countDown();
    f.awaitState(s -> s.status() == Status.CLOSED); // heard once the attempt is armed
    f.time.advance(Duration.ofMillis(14_999));
    f.settle();
    assertThat(f.transport.pollOpen()).as("not before 20 s after the loss").isNull();
    f.time.advance(Duration.ofMillis(1));
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void theStateListenerHearsTheCloseBeforeTheNextAttempt() {
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    c.cut();
    f.transport.nextOpen().handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    assertThat(f.allStates()).extracting(ClientState::status)
        .containsExactly(Status.CONNECTING, Status.OPEN, Status.CLOSED, Status.CONNECTING, Status.OPEN);
  }

  @Test
  void aBackoffThatThrowsStopsTheClientAndIsReported() {
    // Before, a throwing backoff was taken for a refused timer: the report blamed the scheduler.
    IllegalStateException broken = new IllegalStateException("no more retries (expected in this test)");
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO).backoff((attempt, random) -> {
      throw broken;
    }));
    FakeConnection c = f.connectOpen("alice");
    c.cut();
    ClientState stopped = f.awaitState(s -> s.status() == Status.CLOSED
        && s.lastClose().get().reason() == CloseReason.ERROR);
    assertThat(stopped.lastClose().get().text()).contains("the backoff threw")
        .contains("stays closed until connect() or reconnect()");
    assertThat(f.nextError()).isInstanceOf(Sente4jException.class).hasMessageContaining("the backoff threw")
        .hasCause(broken);
    f.settle();
    f.time.advance(Duration.ofMinutes(5));
    f.settle();
    assertThat(f.transport.pollOpen()).as("no attempt of its own").isNull();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).as("the latch").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
