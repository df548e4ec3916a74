package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerPushTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void sendsWithinTheWindowAreOnePush() {
    FakeChannel ch = f.connect("alice", "c1");
    for (long i = 0; i < 5; i++) {
      f.server.send("alice", ev("n/n", i));
    }
    f.advanceMillis(29);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(new Frame.Push(List.of(ev("n/n", 0L), ev("n/n", 1L), ev("n/n", 2L),
        ev("n/n", 3L), ev("n/n", 4L))));
  }

  @Test
  void theWindowStartsAtTheFirstEventOfABuffer() {
    FakeChannel ch = f.connect("alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.advanceMillis(20);
    f.server.send("alice", ev("n/n", 2L));
    f.advanceMillis(10);
    assertThat(ch.drainPushedEvents()).containsExactly(ev("n/n", 1L), ev("n/n", 2L));
    f.server.send("alice", ev("n/n", 3L));
    f.advanceMillis(29);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("n/n", 3L)));
  }

  @Test
  void pushesSentOnceTheServerStoppedAreReportedDropped() {
    // Regression: they were cleared from the stopped buffers with a debug log only, neither delivered nor reported.
    f.connect("alice", "c1");
    f.server.stop();
    f.idle();
    ServerFixture.drain(f.errors);
    long before = f.server.metrics().errors().get(ServerError.Kind.SEND_FAILED);
    f.server.send("alice", ev("a/b", 1L));
    f.server.sendNow("alice", ev("a/b", 2L));
    f.server.broadcast(ev("a/b", 3L)); // presence is forgotten on stop: reaches no uid, so nothing to drop
    f.idle();
    List<ServerError> errors = ServerFixture.drain(f.errors);
    assertThat(errors).extracting(ServerError::kind).containsExactly(ServerError.Kind.SEND_FAILED,
        ServerError.Kind.SEND_FAILED);
    assertThat(errors).allSatisfy(e -> {
      assertThat(e.uid()).isEqualTo("alice");
      assertThat(e.message()).contains("server stopped").contains("1 pushed event(s)");
    });
    assertThat(f.server.metrics().errors().get(ServerError.Kind.SEND_FAILED)).isEqualTo(before + 2);
  }

  @Test
  void aPushFlushedToAConnectionThatIsClosingIsReportedDropped() throws Exception {
    // Regression: a connection stays registered until its channel's close returns; a flush meanwhile found it, was
    // refused (it is closed), and the push was neither delivered nor reported.
    CountDownLatch closing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Channel slowClose = new Channel() {
      @Override
      public java.util.concurrent.CompletableFuture<Void> send(Payload payload) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
      }

      @Override
      public void close(int code, String reason) {
        closing.countDown();
        ServerFixture.awaitRelease(release); // a transport's close that takes a while
      }

      @Override
      public boolean isOpen() {
        return closing.getCount() > 0;
      }
    };
    ServerAnswer answer = f.server.handle(ServerFixture.upgrade("alice", "c1"));
    ((ServerAnswer.Upgrade) answer).onOpen().apply(slowClose);
    f.idle();
    assertThat(f.server.clientIds("alice")).containsExactly("c1");
    Thread closer = new Thread(() -> f.server.close("alice", CloseReason.REQUESTED));
    closer.start();
    assertThat(closing.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      f.server.sendNow("alice", ev("a/b", 1L));
      ServerError e = f.nextError();
      assertThat(e.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
      assertThat(e.uid()).isEqualTo("alice");
      assertThat(e.clientId()).isEqualTo("c1");
      assertThat(e.message()).contains("1 pushed event(s) dropped");
    } finally {
      release.countDown();
      closer.join(10_000);
    }
  }

  @Test
  void aPushFlushedToAConnectionStillSendingItsHandshakeFollowsTheHandshake() throws Exception {
    // A connection is registered just before its handshake leaves: a flush meanwhile waits for the handshake and is
    // delivered after it, not taken for a push to a closed connection.
    List<Frame> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread[] pusher = new Thread[1];
    Channel slowHandshake = new TappedChannel(frame -> {
      if (frame instanceof Frame.Handshake) {
        pusher[0] = new Thread(() -> f.server.sendNow("alice", ev("a/b", 1L)));
        pusher[0].start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pusher[0].getState() != Thread.State.BLOCKED && pusher[0].isAlive()
            && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // until the push waits for the handshake, or has given up on the connection
        }
      }
      sent.add(frame);
    });
    ((ServerAnswer.Upgrade) f.server.handle(ServerFixture.upgrade("alice", "c1"))).onOpen().apply(slowHandshake);
    f.idle();
    pusher[0].join(10_000);
    assertThat(sent).hasSize(2);
    assertThat(sent.get(0)).isInstanceOf(Frame.Handshake.class);
    assertThat(sent.get(1)).isEqualTo(Frame.Push.of(ev("a/b", 1L)));
    assertThat(f.errors).isEmpty();
  }

  @Test
  void aPackerThatThrowsAnythingDropsOnlyTheEventsItCannotPackAndReportsThem() {
    // Regression: only a PackerException was caught; any other exception from the packer went out of the flush,
    // so the whole batch was lost, for every connection of the uid still to be served, with an error log only.
    ServerError e = pushPastAFaultyPacker(FaultyPacker.throwingOn("boom"), "boom");
    assertThat(e.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(e.uid()).isEqualTo("alice");
    assertThat(e.message()).contains(":a/b").contains("dropped");
    assertThat(e.cause()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPackerThatThrowsAnErrorDropsOnlyTheEventsItCannotPackAndReportsThem() {
    // Regression: only a RuntimeException was caught; an Error (not a VM's) from a third party's packer went out of
    // the flush to the pushing thread, and the batch was lost for every connection of the uid still to be served.
    ServerError e = pushPastAFaultyPacker(FaultyPacker.erringOn("oops"), "oops");
    assertThat(e.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(e.message()).contains(":a/b").contains("dropped");
    assertThat(e.cause()).isInstanceOf(AssertionError.class);
  }

  /**
   * Alice has a connection on {@code packer} and one on the toy packer, served after it; a batch of a fine event and
   * one holding {@code marker} reaches the first without the marked event and the second whole.
   *
   * @return the error reported for the event left out
   */
  private static ServerError pushPastAFaultyPacker(FaultyPacker packer, String marker) {
    try (ServerFixture g = new ServerFixture(ToyPacker.TEXT, b -> b.additionalPackers(packer))) {
      FakeChannel faulty = g.connect("alice", "c1", packer.name());
      FakeChannel toy = g.connect("alice", "c2"); // served after the faulty packer's connection
      g.server.send("alice", ev("a/b", "fine"));
      g.server.sendNow("alice", ev("a/b", marker));
      assertThat(faulty.drainPushedEvents()).containsExactly(ev("a/b", "fine"));
      assertThat(toy.drainPushedEvents()).containsExactly(ev("a/b", "fine"), ev("a/b", marker));
      return g.nextError();
    }
  }

  @Test
  void aTimedFlushPacksOnTheServersFlushThreadsNotItsTimerThread() throws Exception {
    // Regression: the window's timer flushed on the scheduler's one thread, which serves every user's buffers, pings
    // and timeouts, so a server's timed pushes were packed on one core and its pings waited behind them.
    BlockingQueue<String> pushedOn = new LinkedBlockingQueue<>();
    CountDownLatch handshakeSent = new CountDownLatch(1);
    ChannelSocketServer realTime = ChannelSocketServer.builder(ToyPacker.TEXT).withoutCsrfCheck()
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .sendBufferWindow(Duration.ofMillis(5))
        .build();
    try {
      Channel tapped = new TappedChannel(frame -> {
        if (frame instanceof Frame.Handshake) {
          handshakeSent.countDown();
        } else if (frame instanceof Frame.Push) {
          pushedOn.add(Thread.currentThread().getName());
        }
      });
      ((ServerAnswer.Upgrade) realTime.handle(ServerFixture.upgrade("alice", "c1"))).onOpen().apply(tapped);
      // The connection registers on the handler executor, just before its handshake leaves: a push before that
      // finds no connection for the uid and is dropped.
      assertThat(handshakeSent.await(10, TimeUnit.SECONDS)).as("the handshake was sent").isTrue();
      realTime.send("alice", ev("a/b", 1L));
      assertThat(pushedOn.poll(10, TimeUnit.SECONDS)).startsWith("sente4j-server-flush-");
    } finally {
      realTime.stop();
    }
  }

  @Test
  void aPackerThatReturnsNullDropsOnlyTheEventsItReturnsNullForAndReportsThem() {
    // Regression: the null payload failed the frame-limit check with a NullPointerException, out of the flush.
    ServerError e = pushPastAFaultyPacker(FaultyPacker.NULLING, "nothing");
    assertThat(e.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(e.message()).contains(":a/b").contains("dropped").contains("pack returned null");
    assertThat(e.cause()).isInstanceOf(PackerException.class);
  }

  @Test
  void aPushGoesToEveryConnectionOfTheUidOnly() {
    FakeChannel tab1 = f.connect("alice", "c1");
    FakeChannel tab2 = f.connect("alice", "c2");
    FakeChannel bob = f.connect("bob", "c3");
    f.server.send("alice", ev("a/b", "x"));
    f.advance(ServerFixture.WINDOW);
    assertThat(tab1.drain()).containsExactly(Frame.Push.of(ev("a/b", "x")));
    assertThat(tab2.drain()).containsExactly(Frame.Push.of(ev("a/b", "x")));
    assertThat(bob.drain()).isEmpty();
  }

  @Test
  void sendNowFlushesTheBufferWithTheEventAtOnce() {
    FakeChannel ch = f.connect("alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.server.send("alice", ev("n/n", 2L));
    f.server.sendNow("alice", ev("n/n", 3L));
    assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("n/n", 1L), ev("n/n", 2L), ev("n/n", 3L)));
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.drain()).isEmpty();
  }

  @Test
  void eventsSentAfterAFlushOnRequestStillWaitTheirWholeWindow() {
    FakeChannel ch = f.connect("alice", "c1");
    f.server.send("alice", ev("n/n", 1L)); // arms the uid's timer for t = 30 ms
    f.server.sendNow("alice", ev("n/n", 2L));
    assertThat(ch.drainPushedEvents()).containsExactly(ev("n/n", 1L), ev("n/n", 2L));
    f.advanceMillis(10);
    f.server.send("alice", ev("n/n", 3L)); // its window ends at t = 40 ms
    f.advanceMillis(20);
    assertThat(ch.drain()).as("the timer armed for the earlier window flushes nothing").isEmpty();
    f.advanceMillis(9);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("n/n", 3L)));
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.drain()).isEmpty();
  }

  @Test
  void aStreamOfBatchesFlushedOnRequestSetsNoTimerPerBatch() {
    FakeChannel ch = f.connect("alice", "c1");
    f.server.send("alice", ev("n/n", 0L));
    f.server.sendNow("alice", ev("n/n", 1L));
    int timers = f.time.pending(); // the keep-alive's and the push buffer's
    for (long i = 2; i < 2_000; i += 2) {
      f.server.send("alice", ev("n/n", i));
      f.server.sendNow("alice", ev("n/n", i + 1));
    }
    assertThat(f.time.pending()).isEqualTo(timers);
    assertThat(ch.drainPushedEvents()).hasSize(2_000);
    f.advance(ServerFixture.WINDOW);
    assertThat(f.time.pending()).as("the idle buffer's timer ran out and left").isEqualTo(timers - 1);
    f.server.send("alice", ev("n/n", 2_000L)); // a new buffer, a new window
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.drainPushedEvents()).containsExactly(ev("n/n", 2_000L));
  }

  @Test
  void theEventThatFillsTheBufferFlushesItAndTheRestWaitTheirWindow() {
    try (ServerFixture g = new ServerFixture(b -> b.maxBatchEvents(3))) {
      FakeChannel ch = g.connect("alice", "c1");
      for (long i = 0; i < 7; i++) {
        g.server.send("alice", ev("n/n", i));
      }
      assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("n/n", 0L), ev("n/n", 1L), ev("n/n", 2L)),
          Frame.Push.of(ev("n/n", 3L), ev("n/n", 4L), ev("n/n", 5L)));
      g.advance(ServerFixture.WINDOW);
      assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("n/n", 6L)));
    }
  }

  @Test
  void sendToClientFlushesTheUidsBufferFirst() {
    FakeChannel tab1 = f.connect("alice", "c1");
    FakeChannel tab2 = f.connect("alice", "c2");
    f.server.send("alice", ev("n/n", 1L));
    assertThat(f.server.sendToClient("alice", "c1", ev("n/n", 2L))).isTrue();
    assertThat(tab1.drain()).containsExactly(Frame.Push.of(ev("n/n", 1L)), Frame.Push.of(ev("n/n", 2L)));
    assertThat(tab2.drain()).containsExactly(Frame.Push.of(ev("n/n", 1L)));
  }

  @Test
  void sendToClientWithoutSuchAConnectionIsFalse() {
    f.connect("alice", "c1");
    assertThat(f.server.sendToClient("alice", "c9", ev("n/n", 1L))).isFalse();
    assertThat(f.server.sendToClient("bob", "c1", ev("n/n", 1L))).isFalse();
  }

  @Test
  void broadcastSendsToEveryConnectedUid() {
    FakeChannel alice = f.connect("alice", "c1");
    FakeChannel bob = f.connect("bob", "c2");
    FakeChannel anon = f.connect(null, "c3");
    f.server.broadcast(ev("all/hello", null));
    f.advance(ServerFixture.WINDOW);
    for (FakeChannel ch : List.of(alice, bob, anon)) {
      assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("all/hello", null)));
    }
  }

  @Test
  void aNullUidMeansTheNilUid() {
    FakeChannel anon = f.connect(null, "c1");
    f.server.sendNow(null, ev("a/b", null));
    f.server.sendNow(Chsk.LEGACY_NIL_UID, ev("a/c", null));
    assertThat(anon.drainPushedEvents()).containsExactly(ev("a/b", null), ev("a/c", null));
  }

  @Test
  void pushesToAUidWithoutConnectionAreReported() {
    f.server.send("nobody", ev("a/b", null));
    f.server.send("nobody", ev("a/b", null));
    f.advance(ServerFixture.WINDOW);
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(err.uid()).isEqualTo("nobody");
    assertThat(err.message()).contains("2 pushed event(s) dropped");
  }

  @Test
  void reservedEventsCannotBePushed() {
    Event reserved = Event.of(Chsk.UIDPORT_OPEN, "x");
    assertThatIllegalArgumentException().isThrownBy(() -> f.server.send("alice", reserved));
    assertThatIllegalArgumentException().isThrownBy(() -> f.server.sendNow("alice", reserved));
    assertThatIllegalArgumentException().isThrownBy(() -> f.server.sendToClient("alice", "c1", reserved));
    assertThatIllegalArgumentException().isThrownBy(() -> f.server.broadcast(reserved));
  }

  @Test
  void anUnpackableEventIsDroppedAndReportedAndTheRestArrive() {
    FakeChannel ch = f.connect("alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.server.send("alice", ev("n/bad", 1.5));
    f.server.send("alice", ev("n/n", 2L));
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.drainPushedEvents()).containsExactly(ev("n/n", 1L), ev("n/n", 2L));
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(err.message()).contains(":n/bad");
    assertThat(err.cause()).isInstanceOf(PackerException.class);
  }

  @Test
  void aFailedTransportWriteIsReported() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.failSends = true;
    f.server.sendNow("alice", ev("a/b", null));
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(err.clientId()).isEqualTo("c1");
    assertThat(err.cause()).hasMessage("write failed");
  }

  @Test
  void aPushToAChannelThatClosedBeforeTheCoreHeardIsReportedAsDroppedWithoutATransportError() {
    // Regression: it was reported as a transport failure with the transport's exception (an INFO log with a stack
    // trace, for a push that only raced the connection's close; the demo's stop showed one).
    FakeChannel ch = f.connect("alice", "c1");
    ch.closeUnheard();
    f.server.sendNow("alice", ev("a/b", null));
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(err.clientId()).isEqualTo("c1");
    assertThat(err.message()).contains("the connection closed before a message was written");
    assertThat(err.cause()).isNull();
  }

  @Test
  void tenThousandPushesArriveInSendOrderWhileTimersFlushConcurrently() throws InterruptedException {
    try (ServerFixture g = new ServerFixture(b -> b.pingInterval(Duration.ofDays(1)))) {
      FakeChannel tab1 = g.connect("alice", "c1");
      FakeChannel tab2 = g.connect("alice", "c2");
      int n = 10_000;
      List<Event> toTab1 = new ArrayList<>();
      List<Event> toTab2 = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        toTab1.add(ev("n/n", i));
        if (i % 101 != 0 || i % 997 == 0) { // sendToClient goes to tab1 only
          toTab2.add(ev("n/n", i));
        }
      }
      AtomicBoolean done = new AtomicBoolean();
      CountDownLatch finished = new CountDownLatch(1);
      Thread sender = new Thread(() -> {
        for (int i = 0; i < n; i++) {
          Event e = toTab1.get(i);
          if (i % 997 == 0) {
            g.server.sendNow("alice", e);
          } else if (i % 101 == 0) {
            g.server.sendToClient("alice", "c1", e);
          } else {
            g.server.send("alice", e);
          }
        }
        done.set(true);
        finished.countDown();
      }, "test-sender");
      sender.start();
      while (!done.get()) { // the window's timers fire on this thread while the sender sends
        g.time.advance(Duration.ofMillis(7));
      }
      assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
      g.advance(ServerFixture.WINDOW);

      assertThat(tab1.drainPushedEvents()).containsExactlyElementsOf(toTab1);
      assertThat(tab2.drainPushedEvents()).containsExactlyElementsOf(toTab2);
    }
  }
}
