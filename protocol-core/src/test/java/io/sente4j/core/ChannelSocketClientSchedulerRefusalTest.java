package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import io.sente4j.core.internal.ReconnectLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application's {@link Scheduler} that throws instead of arming a timer (its executor was shut down). Nothing is
 * thrown to the application's call, a transport's thread or the timer's. Without a timer it needs (the handshake
 * timeout, a reconnect's backoff, the keep-alive) the client cannot bound an attempt, notice a dead connection or
 * come back after a loss, so it stops: closed with {@code ERROR}, connect()'s futures failed, a {@link
 * Sente4jException} caused by the refusal reported, and no attempt until the application connects again. A request
 * whose reply timeout cannot be armed fails with {@link ReplyErrorException}, unsent.
 */
class ChannelSocketClientSchedulerRefusalTest {
  private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration PING_INTERVAL = Duration.ofSeconds(20);
  private static final Duration PONG_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration AJAX_TIMEOUT = Duration.ofSeconds(60);
  /** Every reconnect after 3 s: a delay no other timer of these tests has. */
  private static final Duration BACKOFF = Duration.ofSeconds(3);

  private final ClientFixture f = new ClientFixture();
  private final RefusingScheduler scheduler = new RefusingScheduler(f.time);
  /** Refuses the starts of connection attempts, the only tasks the session itself hands the executor. */
  private final AtomicBoolean refuseAttempts = new AtomicBoolean();

  @AfterEach
  void tearDown() {
    scheduler.acceptAll();
    refuseAttempts.set(false);
    f.close();
  }

  private ChannelSocketClient.Builder builder() {
    return f.builder(ToyPacker.TEXT)
        .scheduler(scheduler)
        .handshakeTimeout(HANDSHAKE_TIMEOUT)
        .pingInterval(PING_INTERVAL)
        .pongTimeout(PONG_TIMEOUT)
        .ajaxTimeout(AJAX_TIMEOUT)
        .backoff((attempt, random) -> BACKOFF)
        .executor(task -> {
          if (refuseAttempts.get() && ClientFixture.handingOverAnAttemptStart()) {
            throw new RejectedExecutionException("the pool is full (expected in this test)");
          }
          f.exec.execute(task);
        });
  }

  /**
   * Waits for the client to stop for its scheduler, and checks the state and the report name {@code timer}: closed
   * by the client with {@code ERROR}, saying it stays closed.
   */
  private ClientState awaitStopped(String timer) {
    ClientState stopped = f.awaitState(s -> s.status() == Status.CLOSED
        && s.lastClose().map(info -> info.text().contains("the scheduler refused")).orElse(false));
    assertThat(stopped.lastClose()).hasValueSatisfying(info -> {
      assertThat(info.reason()).isEqualTo(CloseReason.ERROR);
      assertThat(info.code()).isEqualTo(CloseReason.ERROR.code());
      assertThat(info.byClient()).isTrue();
      assertThat(info.text()).contains("the scheduler refused the client's " + timer + " timer")
          .contains("stays closed until connect() or reconnect()");
    });
    Throwable error = f.nextError();
    while (!String.valueOf(error.getMessage()).contains("the scheduler refused")) {
      error = f.nextError(); // an earlier report of the same story (a refused start)
    }
    assertThat(error).isInstanceOf(Sente4jException.class)
        .hasMessageContaining("the scheduler refused the client's " + timer + " timer")
        .hasCauseInstanceOf(RejectedExecutionException.class);
    return stopped;
  }

  /** Once stopped, the client makes no attempt of its own, even with a working scheduler again. */
  private void assertStaysClosed() {
    scheduler.acceptAll();
    refuseAttempts.set(false);
    f.settle();
    f.time.advance(Duration.ofMinutes(5));
    f.settle();
    assertThat(f.transport.pollOpen()).as("no attempt after the client stopped").isNull();
    assertThat(f.client.state().status()).isEqualTo(Status.CLOSED);
  }

  /** With a working scheduler again, connect() opens the client as usual. */
  private void assertConnectsAgain() {
    scheduler.acceptAll();
    refuseAttempts.set(false);
    CompletableFuture<ClientState> connected = f.client.connect();
    f.transport.nextOpen().handshake("alice", null);
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
  }

  @Test
  void aHandshakeTimeoutTheSchedulerRefusesStopsTheClientInsteadOfLeavingItConnecting() {
    // Regression: the refusal was thrown on the executor's thread that started the attempt, and the client stayed
    // CONNECTING for good, its connect() future never completing.
    f.start(builder());
    scheduler.refuse(HANDSHAKE_TIMEOUT);
    CompletableFuture<ClientState> connected = f.client.connect();
    awaitStopped("handshake-timeout");
    assertThat(ClientFixture.failure(connected)).isInstanceOf(Sente4jException.class)
        .hasMessageContaining("the scheduler refused");
    assertThat(f.transport.pollOpen()).as("an attempt that cannot time out is not made").isNull();
    assertStaysClosed();
    assertConnectsAgain();
  }

  @Test
  void aConnectWhoseStartTheExecutorAndThenTheSchedulerRefuseThrowsNothingAndStops() {
    // Regression: connect() threw the scheduler's exception (the executor refused the start, then the scheduler
    // refused the timer that tries it again) and left the client CLOSED but wanting a connection that never came.
    f.start(builder().backoff(ClientFixture.STEPS));
    refuseAttempts.set(true);
    scheduler.refuse(ReconnectLoop.REFUSED_START_RETRY);
    CompletableFuture<ClientState> connected = f.client.connect();
    awaitStopped("reconnect");
    assertThat(ClientFixture.failure(connected)).isInstanceOf(Sente4jException.class);
    assertStaysClosed();
    assertConnectsAgain();
  }

  @Test
  void aLossWhoseReconnectTheSchedulerRefusesStopsTheClient() {
    // Regression: the refusal was thrown to the transport's thread that reported the loss, and the client, its
    // connection forgotten, still showed OPEN.
    f.start(builder());
    FakeConnection c = f.connectOpen("alice");
    scheduler.refuse(BACKOFF);
    c.cut();
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose().get().reason()).as("first the loss, as it happened").isEqualTo(CloseReason.ABNORMAL);
    awaitStopped("reconnect");
    assertStaysClosed();
    assertConnectsAgain();
  }

  @Test
  void aHandshakeTimeoutWhoseReconnectTheSchedulerRefusesStopsTheClientWithoutThrowingOnTheTimer() {
    // Regression: the refusal was thrown on the timer's thread (here the test's, which advances time).
    f.start(builder());
    f.client.connect();
    FakeConnection silent = f.transport.nextOpen();
    scheduler.refuse(BACKOFF);
    f.time.advance(HANDSHAKE_TIMEOUT);
    assertThat(silent.awaitClientClose()).isEqualTo(CloseReason.TIMEOUT.code());
    awaitStopped("reconnect");
    assertStaysClosed();
  }

  @Test
  void aLossWhoseRefusedStartTheSchedulerRefusesToRetryStopsTheClient() {
    // Regression: the executor refused the reconnect's start and the scheduler the timer that retries it; the
    // refusal went to the transport's thread, and the client stayed CLOSED waiting for an attempt that never came.
    f.start(builder().backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    refuseAttempts.set(true);
    scheduler.refuse(ReconnectLoop.REFUSED_START_RETRY);
    c.cut();
    awaitStopped("reconnect");
    assertStaysClosed();
    assertConnectsAgain();
  }

  @Test
  void aKeepAliveTheSchedulerRefusesAtTheHandshakeStopsTheClient() {
    // Regression: the refusal was thrown to the transport's thread that delivered the handshake; the client stayed
    // CONNECTING on a connection that had opened, and connect() never completed.
    f.start(builder());
    scheduler.refuse(PING_INTERVAL);
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.handshake("alice", null);
    assertThat(c.awaitClientClose()).isEqualTo(CloseReason.ERROR.code());
    awaitStopped("keep-alive");
    assertThat(ClientFixture.failure(connected)).isInstanceOf(Sente4jException.class)
        .hasMessageContaining("the scheduler refused");
    assertStaysClosed();
    assertConnectsAgain();
  }

  @Test
  void aPongTimeoutTheSchedulerRefusesStopsTheClientWithoutThrowingOnTheTimer() {
    // Regression: the refusal was thrown on the timer's thread (the test's) when the ping was due.
    f.start(builder());
    FakeConnection c = f.connectOpen("alice");
    scheduler.refuse(PONG_TIMEOUT);
    f.time.advance(PING_INTERVAL);
    assertThat(c.awaitClientClose()).isEqualTo(CloseReason.ERROR.code());
    awaitStopped("keep-alive");
    assertThat(c.poll()).as("no ping whose pong could not be waited for").isNull();
    assertStaysClosed();
  }

  @Test
  void aKeepAliveTheSchedulerRefusesAfterAPongStopsTheClient() {
    // Regression: the refusal was thrown to the transport's thread that delivered the pong; the client stayed OPEN
    // with no keep-alive, so a dead connection was never noticed.
    f.start(builder());
    FakeConnection c = f.connectOpen("alice");
    f.time.advance(PING_INTERVAL);
    String cb = ((Frame.ClientPing) c.next()).callbackId();
    scheduler.refuse(PING_INTERVAL);
    c.push(new Frame.Pong(cb));
    assertThat(c.awaitClientClose()).isEqualTo(CloseReason.ERROR.code());
    awaitStopped("keep-alive");
    assertStaysClosed();
  }

  @Test
  void aRequestWhoseReplyTimeoutTheSchedulerRefusesFailsItsFutureUnsent() {
    // Regression: send() threw the scheduler's exception, and the request stayed in the table for good.
    f.start(builder());
    FakeConnection c = f.connectOpen("alice");
    scheduler.refuse(Duration.ofSeconds(7));
    CompletableFuture<Object> reply = f.client.send(Event.of("app/req", 1L), Duration.ofSeconds(7));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyErrorException.class)
        .hasMessageContaining("the scheduler refused")
        .hasCauseInstanceOf(RejectedExecutionException.class);
    f.settle();
    assertThat(c.poll()).as("a request that could not time out is not sent").isNull();
    assertThat(f.client.pendingReplies()).isZero();
    assertThat(f.client.state().isOpen()).as("the connection itself is fine").isTrue();
  }

  @Test
  void aRequestWhoseEarlierReplyTimeoutTheSchedulerRefusesLeavesTheOthersTimed() {
    // Regression: the earlier requests' timer was cancelled before the new one was armed, so with the new one
    // refused they never timed out.
    f.start(builder());
    f.connectOpen("alice");
    CompletableFuture<Object> first = f.client.send(Event.of("app/req", 1L), Duration.ofSeconds(6));
    scheduler.refuse(Duration.ofSeconds(2));
    CompletableFuture<Object> second = f.client.send(Event.of("app/req", 2L), Duration.ofSeconds(2));
    assertThat(ClientFixture.failure(second)).isInstanceOf(ReplyErrorException.class);
    scheduler.acceptAll();
    f.time.advance(Duration.ofSeconds(6));
    assertThat(ClientFixture.failure(first)).isInstanceOf(ReplyTimeoutException.class);
  }

  @Test
  void aReplyTimerTheSchedulerRefusesToArmAgainFailsTheRequestsItWouldHaveTimedWithoutThrowingOnTheTimer() {
    // Regression: the refusal was thrown on the timer's thread (the test's) and the later request never timed out.
    f.start(builder());
    f.connectOpen("alice");
    CompletableFuture<Object> soon = f.client.send(Event.of("app/req", 1L), Duration.ofSeconds(6));
    CompletableFuture<Object> later = f.client.send(Event.of("app/req", 2L), Duration.ofSeconds(10));
    scheduler.refuse(Duration.ofSeconds(4)); // the timer for `later`, armed when `soon` times out
    f.time.advance(Duration.ofSeconds(6));
    assertThat(ClientFixture.failure(soon)).isInstanceOf(ReplyTimeoutException.class);
    assertThat(ClientFixture.failure(later)).isInstanceOf(ReplyErrorException.class)
        .hasMessageContaining("the scheduler refused")
        .hasCauseInstanceOf(RejectedExecutionException.class);
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void anAjaxConnectionWhoseTimerTheSchedulerRefusesFailsItsRequestsAndIsLost() {
    // The requests of an Ajax connection share one timer, armed again for the next deadline each time it fires: when
    // the scheduler refuses that, nothing would bound the requests' wait, so they fail, POSTs with the refusal as their
    // cause, and the poll's failure ends the connection, which is tried again after the backoff.
    Duration seven = Duration.ofSeconds(7); // from the first poll's deadline to the second's: no other timer's delay
    f.start(builder().type(ClientType.AJAX));
    FakeHttpExchange poll = f.connectAjax("alice");
    f.time.advance(seven);
    poll.answer(new Frame.Timeout());
    f.transport.nextGet(); // the second poll, due 7 s after the first
    CompletableFuture<Void> sent = f.client.send(Event.of("app/n", 1L));
    FakeHttpExchange post = f.transport.nextPost();
    scheduler.refuse(seven);
    f.time.advance(AJAX_TIMEOUT.minus(seven)); // the timer fires for the first poll, answered, and is refused
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyErrorException.class)
        .hasCauseInstanceOf(RejectedExecutionException.class);
    assertThat(post.cancelled()).isTrue();
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose().get().reason()).isEqualTo(CloseReason.ERROR);
    assertThat(f.nextError()).isInstanceOf(RejectedExecutionException.class);
    scheduler.acceptAll();
    f.settle();
    f.time.advance(BACKOFF);
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    f.awaitState(ClientState::isOpen);
  }

  @Test
  void anAjaxHandshakeWhoseTimerTheSchedulerRefusesFailsTheAttempt() {
    // A guard: this already held (the handshake GET fails, and the attempt with it, reported).
    f.start(builder().type(ClientType.AJAX));
    scheduler.refuse(AJAX_TIMEOUT);
    CompletableFuture<ClientState> connected = f.client.connect();
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose().get().reason()).isEqualTo(CloseReason.ERROR);
    assertThat(f.nextError()).isInstanceOf(RejectedExecutionException.class);
    assertThat(f.transport.pollGet()).as("no request without its timer").isNull();
    scheduler.acceptAll();
    f.settle();
    f.time.advance(BACKOFF);
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
  }
}
