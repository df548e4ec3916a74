package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pushes to Ajax clients: held between polls within the retry window, bounded, dropped visibly (PROTOCOL.md §7.4). */
class ServerAjaxPushTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  /** A client that has polled once and whose poll was answered: it is between two polls. */
  private void betweenPolls(ServerFixture g, String uid, String clientId) {
    handshake(g, uid, clientId);
    FakeHeld first = poll(g, uid, clientId);
    g.advance(Duration.ofSeconds(20));
    assertThat(first.pollFrame()).isEqualTo(new Frame.Timeout());
  }

  @Test
  void aPushBetweenPollsReachesTheNextPollWithinTheRetryWindow() {
    betweenPolls(f, "alice", "c1");
    f.server.sendNow("alice", ev("chat/msg", 1L));
    f.advance(Duration.ofMillis(9999));
    FakeHeld next = poll(f, "alice", "c1");
    assertThat(next.pushedEvents()).containsExactly(ev("chat/msg", 1L));
    f.idle();
    assertThat(f.errors).isEmpty();
  }

  @Test
  void anAjaxClientWhoseUidIsTheLegacyNilUidIsTheNilUidsAsOverAWebSocket() {
    // Regression: the WebSocket path read Sente 1.17's :taoensso.sente/nil-uid as :sente/nil-uid (the handshake frame
    // does), but the Ajax path kept the legacy keyword: send(null, ...) missed the client, and the anonymous users'
    // exemption from maxConnectionsPerUid did not apply to it.
    try (ServerFixture g = new ServerFixture(b -> b.userId((r, id) -> Chsk.LEGACY_NIL_UID).maxConnectionsPerUid(1))) {
      assertThat(handshake(g, "ignored", "c1").uid()).isEqualTo(Chsk.NIL_UID);
      assertThat(handshake(g, "ignored", "c2").uid()).as("the nil uid has no connection limit")
          .isEqualTo(Chsk.NIL_UID);
      assertThat(g.server.clientIds(null)).containsExactlyInAnyOrder("c1", "c2");
      FakeHeld parked = poll(g, "ignored", "c1");
      assertThat(g.server.connectedUids().ajax()).containsExactly(Chsk.NIL_UID);
      g.server.sendNow(null, ev("chat/msg", 1L));
      g.idle();
      assertThat(parked.pushedEvents()).containsExactly(ev("chat/msg", 1L));
    }
  }

  @Test
  void heldBatchesAreJoinedInOrderIntoOnePush() {
    betweenPolls(f, "alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.advanceMillis(100);
    f.server.send("alice", ev("n/n", 2L));
    f.server.sendNow("alice", ev("n/n", 3L));
    assertThat(poll(f, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 1L), ev("n/n", 2L), ev("n/n", 3L));
    FakeHeld after = poll(f, "alice", "c1");
    assertThat(after.isAnswered()).as("nothing more held: parked").isFalse();
  }

  /**
   * Held batches are joined from their packed frames (the packer concatenates packed lists): their events are packed
   * once, when flushed, not again for the poll that takes them.
   */
  @Test
  void heldBatchesAreJoinedWithoutPackingTheirEventsAgain() {
    assertThat(packsOfASecondJoin(true)).as("packs after the first join: one per batch").isEqualTo(3);
  }

  /** A packer that cannot concatenate packed lists: held batches are packed again, together, for the poll. */
  @Test
  void heldBatchesArePackedAgainWhereThePackerCannotJoinThem() {
    assertThat(packsOfASecondJoin(false)).as("one per batch, and one for them all together").isEqualTo(4);
  }

  /**
   * Alice's c1, between polls, is pushed events 1 and 2, one batch each, and polls; then events 3 to 5, and polls
   * again; each poll gets its events in order. Returns the packs of the second round only: the first also packs the
   * probes with which the server's codec checks that the packer joins correctly.
   */
  private int packsOfASecondJoin(boolean concatenates) {
    CountingPacker packer = new CountingPacker(ToyPacker.TEXT, concatenates);
    try (ServerFixture g = new ServerFixture(packer, b -> b)) {
      betweenPolls(g, "alice", "c1");
      assertThat(pollAfterBatches(g, 1, 2)).isEqualTo(List.of(ev("n/n", 1L), ev("n/n", 2L)));
      int packs = packer.packs.get();
      assertThat(pollAfterBatches(g, 3, 5)).isEqualTo(List.of(ev("n/n", 3L), ev("n/n", 4L), ev("n/n", 5L)));
      return packer.packs.get() - packs;
    }
  }

  /** Pushes events {@code from..to} to alice's c1, which has no poll parked, one batch each, then polls. */
  private static List<Event> pollAfterBatches(ServerFixture g, long from, long to) {
    for (long i = from; i <= to; i++) {
      g.server.sendNow("alice", ev("n/n", i));
    }
    return poll(g, "alice", "c1").pushedEvents();
  }

  @Test
  void aPollTakesTheHeldBatchesWithinTheCollectionLimitAndTheNextPollTheRest() {
    // Regression: every held batch was joined into one frame whatever its events, so with ajaxMaxHeldEvents above the
    // packer's maxCollectionSize a poll could carry a frame the client refuses, and its events were lost.
    PackerLimits limits = PackerLimits.builder().maxCollectionSize(3).build();
    try (ServerFixture g = new ServerFixture(ToyPacker.textWithLimits(limits), b -> b)) {
      betweenPolls(g, "alice", "c1");
      heldBatches(g, List.of(1L, 2L), List.of(3L), List.of(4L, 5L), List.of(6L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).as("exactly the limit")
          .containsExactly(ev("n/n", 1L), ev("n/n", 2L), ev("n/n", 3L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 4L), ev("n/n", 5L), ev("n/n", 6L));
      assertThat(poll(g, "alice", "c1").isAnswered()).as("nothing more held: parked").isFalse();
      g.idle();
      assertThat(g.errors).isEmpty();
    }
  }

  @Test
  void aPollTakesTheHeldBatchesWithinTheFrameLimitAndTheNextPollTheRest() {
    // Regression: held batches that did not fit the frame limit together went one by one, however many of them fit.
    int twoEvents = FakeChannel.CODEC.encode(Frame.Push.of(ev("n/n", 1L), ev("n/n", 2L))).byteLength();
    try (ServerFixture g = new ServerFixture(ToyPacker.textWithMaxInputBytes(twoEvents), b -> b)) {
      betweenPolls(g, "alice", "c1");
      heldBatches(g, List.of(1L), List.of(2L), List.of(3L), List.of(4L), List.of(5L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).as("exactly the limit")
          .containsExactly(ev("n/n", 1L), ev("n/n", 2L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 3L), ev("n/n", 4L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 5L));
      g.idle();
      assertThat(g.errors).isEmpty();
    }
  }

  /** Pushes each list of {@code n/n} events to alice's c1, which has no poll parked, as one batch. */
  @SafeVarargs
  private static void heldBatches(ServerFixture g, List<Long>... batches) {
    for (List<Long> batch : batches) {
      g.pushBatch("alice", batch.stream().map(n -> ev("n/n", n)).toList());
    }
  }

  @Test
  void heldBatchesArePackedAgainWhenThePackerThrowsAnErrorJoiningThem() {
    // Regression: only a RuntimeException from the packer's concatLists was caught; an Error (other than a
    // VirtualMachineError) went out of the poll with the held batches taken: the poll unanswered, its events lost.
    Packer packer = new CountingPacker(ToyPacker.TEXT, true) {
      @Override
      public Payload concatLists(List<Payload> lists) {
        if (lists.size() > 2) { // the splicer's probes join two: they pass
          throw new AssertionError("the packer's own assertion (expected in this test)");
        }
        return super.concatLists(lists);
      }
    };
    try (ServerFixture g = new ServerFixture(packer, b -> b)) {
      betweenPolls(g, "alice", "c1");
      heldBatches(g, List.of(1L), List.of(2L), List.of(3L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 1L), ev("n/n", 2L), ev("n/n", 3L));
      assertThat(poll(g, "alice", "c1").isAnswered()).as("nothing more held: parked").isFalse();
    }
  }

  @Test
  void heldBatchesGoOneByOneWhenThePackerThrowsAnErrorPackingThemTogether() {
    // Regression: an Error (not a VirtualMachineError) from packing the held events together went out of the poll.
    Packer packer = new CountingPacker(ToyPacker.TEXT, false) {
      @Override
      public Payload pack(Object value) {
        if (isPushOfSeveral(value)) {
          throw new AssertionError("the packer's own assertion (expected in this test)");
        }
        return super.pack(value);
      }
    };
    try (ServerFixture g = new ServerFixture(packer, b -> b)) {
      betweenPolls(g, "alice", "c1");
      heldBatches(g, List.of(1L), List.of(2L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 1L));
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 2L));
      g.idle();
      assertThat(g.errors).isEmpty();
    }
  }

  /** Whether a packed value is the wire form of a push of two events or more: {@code [[[id data] …] nil]}. */
  private static boolean isPushOfSeveral(Object value) {
    return value instanceof List<?> frame && frame.size() == 2 && frame.get(0) instanceof List<?> events
        && events.size() > 1 && events.get(0) instanceof List;
  }

  @Test
  void aBatchNotCollectedWithinTheRetryWindowIsDroppedAndReported() {
    betweenPolls(f, "alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.server.sendNow("alice", ev("n/n", 2L));
    f.advance(Duration.ofMillis(9999));
    assertThat(f.errors).isEmpty();
    f.advanceMillis(1);
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
    assertThat(e.uid()).isEqualTo("alice");
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.message()).startsWith("2 pushed event(s) dropped: no poll came within the push retry window");
    assertThat(poll(f, "alice", "c1").pollFrame()).as("forgotten: a new handshake").isInstanceOf(
        Frame.Handshake.class);
  }

  @Test
  void theRetryWindowIsConfigurableAndCountsFromTheFlush() {
    try (ServerFixture g = new ServerFixture(b -> b.ajaxPushRetryWindow(Duration.ofSeconds(2)))) {
      betweenPolls(g, "alice", "c1");
      g.server.sendNow("alice", ev("n/n", 1L));
      g.advanceMillis(1000);
      g.server.sendNow("alice", ev("n/n", 2L));
      g.advanceMillis(1000);
      ServerError e = g.nextError();
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.message()).startsWith("1 pushed event(s) dropped");
      g.advanceMillis(999);
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 2L));
    }
  }

  @Test
  void pastTheHeldEventLimitTheOldestBatchesAreDroppedAndReported() {
    try (ServerFixture g = new ServerFixture(b -> b.ajaxMaxHeldEvents(3))) {
      betweenPolls(g, "alice", "c1");
      for (long i = 1; i <= 3; i++) {
        g.server.sendNow("alice", ev("n/n", i));
      }
      g.idle();
      assertThat(g.errors).as("exactly at the limit nothing is dropped").isEmpty();
      g.server.sendNow("alice", ev("n/n", 4L));
      ServerError e = g.nextError();
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.message()).startsWith("1 pushed event(s) dropped: the pushes held for the next poll exceed");
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 2L), ev("n/n", 3L),
          ev("n/n", 4L));
    }
  }

  @Test
  void aBatchLargerThanTheHeldByteLimitIsDroppedAndReported() {
    int oneEvent = FakeChannel.CODEC.encode(Frame.Push.of(ev("n/n", 1L))).byteLength();
    try (ServerFixture g = new ServerFixture(b -> b.ajaxMaxHeldBytes(oneEvent))) {
      betweenPolls(g, "alice", "c1");
      g.server.sendNow("alice", ev("n/n", 1L));
      g.idle();
      assertThat(g.errors).as("a batch of exactly the limit is held").isEmpty();
      g.server.send("alice", ev("n/n", 2L));
      g.server.sendNow("alice", ev("n/n", 3L));
      ServerError e = g.nextError();
      assertThat(e.message()).startsWith("2 pushed event(s) dropped");
      assertThat(poll(g, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 1L));
    }
  }

  @Test
  void sendToClientAnswersThatClientsParkedPollAtOnce() {
    handshake(f, "alice", "c1");
    handshake(f, "alice", "c2");
    FakeHeld p1 = poll(f, "alice", "c1");
    FakeHeld p2 = poll(f, "alice", "c2");
    f.server.send("alice", ev("n/n", 1L));
    assertThat(f.server.sendToClient("alice", "c1", ev("n/n", 2L))).isTrue();
    assertThat(p1.pushedEvents()).as("the uid's buffer is flushed first").containsExactly(ev("n/n", 1L));
    assertThat(p2.pushedEvents()).containsExactly(ev("n/n", 1L));
    assertThat(poll(f, "alice", "c1").pushedEvents()).containsExactly(ev("n/n", 2L));
    assertThat(f.server.sendToClient("alice", "nobody", ev("n/n", 3L))).isFalse();
    assertThat(f.server.sendToClient("bob", "c1", ev("n/n", 3L))).isFalse();
  }

  @Test
  void aUidWithWebSocketAndAjaxClientsGetsThePushOnBoth() {
    FakeChannel ws = f.connect("alice", "tab1");
    handshake(f, "alice", "tab2");
    FakeHeld poll = poll(f, "alice", "tab2");
    f.server.send("alice", ev("n/n", 1L));
    f.advanceMillis(100);
    assertThat(ws.drainPushedEvents()).containsExactly(ev("n/n", 1L));
    assertThat(poll.pushedEvents()).containsExactly(ev("n/n", 1L));
    assertThat(f.errors).isEmpty();
  }

  @Test
  void aUidWithOnlyAnAjaxClientReportsNoWebSocketFailure() {
    handshake(f, "alice", "c1");
    FakeHeld poll = poll(f, "alice", "c1");
    f.server.send("alice", ev("n/n", 1L));
    f.advanceMillis(100);
    assertThat(poll.pushedEvents()).containsExactly(ev("n/n", 1L));
    f.idle();
    assertThat(f.errors).isEmpty();
  }

  @Test
  void aPushToAUidWithoutAnyConnectionIsStillReported() {
    f.server.send("nobody", ev("n/n", 1L));
    f.advanceMillis(100);
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
  }

  @Test
  void broadcastReachesAjaxClients() {
    handshake(f, "alice", "c1");
    FakeHeld alice = poll(f, "alice", "c1");
    FakeChannel bob = f.connect("bob", "c2");
    f.server.broadcast(ev("n/all", 1L));
    f.advanceMillis(100);
    assertThat(alice.pushedEvents()).containsExactly(ev("n/all", 1L));
    assertThat(bob.drainPushedEvents()).containsExactly(ev("n/all", 1L));
  }

  @Test
  void closeAnswersTheParkedPollTimeoutDropsHeldPushesVisiblyAndForgetsTheClient() {
    handshake(f, "alice", "c1");
    handshake(f, "alice", "c2");
    FakeHeld parked = poll(f, "alice", "c1");
    f.server.sendNow("alice", ev("n/n", 1L)); // answers c1's poll, held for c2
    assertThat(parked.pushedEvents()).containsExactly(ev("n/n", 1L));
    FakeHeld parkedAgain = poll(f, "alice", "c1");
    assertThat(f.server.close("alice", CloseReason.REQUESTED)).isEqualTo(2);
    assertThat(parkedAgain.pollFrame()).isEqualTo(new Frame.Timeout());
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
    assertThat(e.clientId()).isEqualTo("c2");
    assertThat(e.message()).isEqualTo("1 pushed event(s) dropped: the connection was closed (requested)");
    assertThat(f.server.clientIds("alice")).isEmpty();
    assertThat(poll(f, "alice", "c1").pollFrame()).isInstanceOf(Frame.Handshake.class);
    assertThat(f.server.close("alice", CloseReason.REQUESTED)).isEqualTo(1);
    assertThat(f.server.close("alice", CloseReason.REQUESTED)).isZero();
  }

  @Test
  void stopFlushesIntoParkedPollsThenAnswersTheRestTimeoutAndReportsHeldPushes() {
    handshake(f, "alice", "c1");
    handshake(f, "bob", "c2");
    handshake(f, "carol", "c3");
    FakeHeld alice = poll(f, "alice", "c1");
    FakeHeld bob = poll(f, "bob", "c2");
    f.server.send("alice", ev("n/n", 1L));
    f.server.sendNow("carol", ev("n/n", 2L)); // carol has no parked poll: held
    f.server.stop();
    assertThat(alice.pushedEvents()).containsExactly(ev("n/n", 1L));
    assertThat(bob.pollFrame()).isEqualTo(new Frame.Timeout());
    f.idle();
    List<ServerError> errors = ServerFixture.drain(f.errors);
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.uid()).isEqualTo("carol");
      assertThat(e.message()).isEqualTo("1 pushed event(s) dropped: the server stopped");
    });
  }

  @Test
  void aPushFromAHandlerStillRunningWhileStopDrainsReachesTheParkedPollToo() throws Exception {
    // Regression: stop() flushed the WebSocket buffers again after its drain but not the Ajax ones, so a handler's push
    // during the drain reached the user's WebSocket and was dropped (reported) on the user's Ajax client.
    CountDownLatch release = new CountDownLatch(1);
    f.onEvent = msg -> {
      ServerFixture.awaitRelease(release);
      f.server.send("alice", ev("app/late", 1L));
    };
    FakeChannel ws = f.connect("alice", "c1");
    handshake(f, "alice", "a1");
    FakeHeld parked = poll(f, "alice", "a1");
    ws.clientSends(new Frame.ClientEvent(ev("app/block", 1L), null));
    Thread stopper = f.stopWhileAHandlerRuns();
    release.countDown();
    ServerFixture.awaitStopped(stopper);
    assertThat(ws.drainPushedEvents()).containsExactly(ev("app/late", 1L));
    assertThat(parked.pushedEvents()).containsExactly(ev("app/late", 1L));
    f.idle();
    assertThat(f.errors).isEmpty();
  }
}
