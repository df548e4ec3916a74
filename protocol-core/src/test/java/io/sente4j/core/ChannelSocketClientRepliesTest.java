package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelSocketClientRepliesTest {
  private static final Duration FIVE = Duration.ofSeconds(5);
  private static final Event REQ = Event.of("app/req", 7L);

  private ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void replyCompletesTheFutureOnTheExecutor() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    CompletableFuture<Object> seen = reply.whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
    Frame.ClientEvent sent = c.nextEvent();
    assertThat(sent.event()).isEqualTo(REQ);
    assertThat(sent.callbackId()).isNotNull();
    c.reply(List.of(1L, "ok"), sent.callbackId());
    assertThat(ClientFixture.join(seen)).isEqualTo(List.of(1L, "ok"));
    assertThat(thread.get()).isEqualTo("client-exec");
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void sendWithoutReplyCarriesNoCallbackIdAndCompletesWhenWritten() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Void> sent = f.client.send(Event.of("app/tell", null));
    assertThat(ClientFixture.join(sent)).isNull();
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(Event.of("app/tell", null), null));
  }

  @Test
  void replyTimesOutAfterItsTimeoutAndALateReplyIsDropped() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    String cb = c.nextEvent().callbackId();
    f.time.advance(Duration.ofMillis(4999));
    f.settle();
    assertThat(reply).isNotDone();
    f.time.advance(Duration.ofMillis(1));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("no reply to :app/req within PT5S");
    c.reply("late", cb);
    f.settle();
    assertThat(f.errors).isEmpty();
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void requestsShareOneTimeoutTimerAndAShorterTimeoutStillEndsFirst() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    int before = f.time.pending();
    for (int i = 0; i < 50; i++) {
      CompletableFuture<Object> r = f.client.send(REQ, FIVE);
      c.reply("ok", c.nextEvent().callbackId());
      assertThat(ClientFixture.join(r)).isEqualTo("ok");
    }
    assertThat(f.time.pending()).as("timers after 50 requests with one timeout").isEqualTo(before + 1);

    CompletableFuture<Object> slow = f.client.send(REQ, Duration.ofSeconds(10));
    CompletableFuture<Object> quick = f.client.send(REQ, Duration.ofSeconds(1));
    f.time.advance(Duration.ofMillis(1000));
    assertThat(ClientFixture.failure(quick)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("no reply to :app/req within PT1S");
    f.time.advance(Duration.ofMillis(8999));
    f.settle();
    assertThat(slow).isNotDone();
    f.time.advance(Duration.ofMillis(1));
    assertThat(ClientFixture.failure(slow)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("no reply to :app/req within PT10S");
  }

  @Test
  void pendingRepliesFailClosedWhenTheConnectionCloses() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> a = f.client.send(REQ, FIVE);
    CompletableFuture<Object> b = f.client.send(REQ, FIVE);
    c.nextEvent();
    c.nextEvent();
    c.cut();
    assertThat(ClientFixture.failure(a)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the connection closed (abnormal) before the reply to :app/req came");
    assertThat(ClientFixture.failure(b)).isInstanceOf(ReplyClosedException.class);
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void aMessageOverTheFrameLimitIsReportedAndClosesTheConnectionAsTooLarge() {
    f.start(f.builder(ToyPacker.TEXT).backoff(ClientFixture.STEPS));
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    c.nextEvent();
    c.sendTooLarge(2_000_000L, 1_048_576L);
    MessageTooLargeException error = (MessageTooLargeException) f.nextError();
    assertThat(error.limit()).isEqualTo(1_048_576L);
    assertThat(c.awaitClientClose()).isEqualTo(1009);
    ClientState closed = f.awaitState(s -> s.status() == ClientState.Status.CLOSED);
    assertThat(closed.lastClose()).contains(CloseInfo.byClient(CloseReason.TOO_LARGE));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyClosedException.class);
    f.transport.nextOpen().handshake("alice", null); // attempt 1, at once
    assertThat(f.awaitState(ClientState::isOpen).lastClose()).contains(CloseInfo.byClient(CloseReason.TOO_LARGE));
  }

  @Test
  void failureKeywordsAsRepliesEndWithTheMatchingException() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    assertThat(replyWith(c, Chsk.CLOSED)).isInstanceOf(ReplyClosedException.class)
        .hasMessage("the server replied :chsk/closed to :app/req");
    assertThat(replyWith(c, Chsk.TIMEOUT)).isInstanceOf(ReplyTimeoutException.class);
    Throwable error = replyWith(c, Chsk.ERROR);
    assertThat(error).isInstanceOf(ReplyErrorException.class);
    assertThat(((ReplyFailedException) error).outcome()).isEqualTo(Chsk.ERROR);
    assertThat(ClientFixture.join(sendAndReply(c, Keyword.of("chsk", "other")))).isEqualTo(Keyword.of("chsk", "other"));
  }

  @Test
  void failureStringsCountAsFailureKeywordsForAPackerWithoutKeywords() {
    f.close();
    f = new ClientFixture(1, ToyPacker.TEXT_WITHOUT_KEYWORDS);
    f.start(f.builder(ToyPacker.TEXT_WITHOUT_KEYWORDS));
    FakeConnection c = f.connectOpen("alice");
    assertThat(replyWith(c, "chsk/error")).isInstanceOf(ReplyErrorException.class);
    assertThat(replyWith(c, ":chsk/closed")).isInstanceOf(ReplyClosedException.class);
    assertThat(replyWith(c, "chsk/timeout")).isInstanceOf(ReplyTimeoutException.class);
    assertThat(ClientFixture.join(sendAndReply(c, "chsk/errors"))).isEqualTo("chsk/errors");
  }

  @Test
  void cancelForgetsTheCallbackId() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    String cb = c.nextEvent().callbackId();
    assertThat(f.client.pendingReplies()).isEqualTo(1);
    assertThat(reply.cancel(false)).isTrue();
    assertThat(f.client.pendingReplies()).isZero();
    c.reply("late", cb);
    f.time.advance(Duration.ofSeconds(10));
    f.settle();
    assertThat(reply).isCancelled();
    assertThat(f.errors).isEmpty();
  }

  @Test
  void aPongWhoseIdIsNoPingIsAnOrdinaryReply() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    c.push(new Frame.Pong(c.nextEvent().callbackId()));
    assertThat(ClientFixture.join(reply)).isEqualTo("pong");
  }

  @Test
  void aFailedSendEndsWithError() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    c.failSends();
    assertThat(ClientFixture.failure(f.client.send(REQ, FIVE))).isInstanceOf(ReplyErrorException.class)
        .hasMessage("could not send :app/req: broken pipe").hasCauseInstanceOf(java.io.IOException.class);
    assertThat(ClientFixture.failure(f.client.send(REQ))).isInstanceOf(ReplyErrorException.class);
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void anUnpackableEventEndsWithErrorCausedByThePacker() {
    f.start();
    f.connectOpen("alice");
    Throwable t = ClientFixture.failure(f.client.send(Event.of("app/req", 1.5), FIVE));
    assertThat(t).isInstanceOf(ReplyErrorException.class).hasCauseInstanceOf(PackerException.class);
  }

  @Test
  void anEventThePackerReturnsNullForEndsWithErrorCausedByAPackerException() {
    // Regression: the null payload failed the frame-limit check with a NullPointerException.
    f.start(f.builder(FaultyPacker.NULLING));
    f.connectOpen("alice");
    Throwable t = ClientFixture.failure(f.client.send(Event.of("app/req", "nothing"), FIVE));
    assertThat(t).isInstanceOf(ReplyErrorException.class).hasCauseInstanceOf(PackerException.class)
        .cause().hasMessageContaining("pack returned null");
  }

  @Test
  void reservedEventsAndNonPositiveTimeoutsAreRefused() {
    f.start();
    assertThatIllegalArgumentException().isThrownBy(() -> f.client.send(Event.of(Chsk.WS_PING), FIVE))
        .withMessageContaining("reserved chsk namespace");
    assertThatIllegalArgumentException().isThrownBy(() -> f.client.send(Event.of("chsk/x", null)));
    assertThatIllegalArgumentException().isThrownBy(() -> f.client.send(REQ, Duration.ZERO))
        .withMessage("a reply timeout must be positive, got PT0S");
  }

  @Test
  void callbackIdsAreUniqueAcrossConnections() {
    f.start(f.builder(ToyPacker.TEXT).backoffResetAfter(Duration.ZERO)); // each cut reconnects at once
    Set<String> ids = new HashSet<>();
    FakeConnection c = f.connectOpen("alice");
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 20; i++) {
        f.client.send(REQ, FIVE);
        assertThat(ids.add(c.nextEvent().callbackId())).isTrue();
      }
      c.cut();
      c = f.transport.nextOpen();
      c.handshake("alice", null);
      f.awaitState(ClientState::isOpen);
    }
  }

  @Test
  void aReplyEndsOnceWhenReplyTimeoutAndCloseRace() throws Exception {
    f.start(f.builder(ToyPacker.TEXT).backoffResetAfter(Duration.ZERO)); // each cut reconnects at once
    FakeConnection c = f.connectOpen("alice");
    List<Object> outcomes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      AtomicInteger completions = new AtomicInteger();
      CompletableFuture<Object> reply = f.client.send(REQ, Duration.ofMillis(10));
      CompletableFuture<Object> counted = reply.whenComplete((v, e) -> completions.incrementAndGet());
      String cb = c.nextEvent().callbackId();
      CyclicBarrier start = new CyclicBarrier(3);
      CountDownLatch done = new CountDownLatch(2);
      FakeConnection conn = c;
      new Thread(() -> {
        await(start);
        conn.reply("v", cb);
        conn.cut();
        done.countDown();
      }).start();
      new Thread(() -> {
        await(start);
        f.time.advance(Duration.ofMillis(10));
        done.countDown();
      }).start();
      await(start);
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      try {
        outcomes.add(ClientFixture.join(counted));
      } catch (AssertionError e) {
        outcomes.add(e.getCause().getCause().getClass().getSimpleName());
      }
      f.settle();
      assertThat(completions.get()).isEqualTo(1);
      assertThat(f.client.pendingReplies()).isZero();
      c = f.transport.nextOpen();
      c.handshake("alice", null);
      f.awaitState(ClientState::isOpen);
    }
    assertThat(outcomes).allMatch(o -> o.equals("v") || o.equals("ReplyTimeoutException")
        || o.equals("ReplyClosedException"));
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private Throwable replyWith(FakeConnection c, Object value) {
    return ClientFixture.failure(sendAndReply(c, value));
  }

  private CompletableFuture<Object> sendAndReply(FakeConnection c, Object value) {
    CompletableFuture<Object> reply = f.client.send(REQ, FIVE);
    c.reply(value, c.nextEvent().callbackId());
    return reply;
  }
}
