package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receive and send queues' bounds (PROTOCOL.md §11.3): nothing over them is lost without a word. */
class ServerLimitsTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private ServerFixture f;

  @AfterEach
  void stop() {
    release.countDown();
    if (f != null) {
      f.close();
    }
  }

  private void start(java.util.function.UnaryOperator<ChannelSocketServer.Builder> options) {
    f = new ServerFixture(options);
    f.onEvent = msg -> {
      if (msg.id().name().equals("block")) {
        await(release);
      }
      if (msg.wantsReply()) {
        msg.reply("ok " + msg.data());
      }
    };
  }

  @Test
  void aRequestBeyondTheReceiveQueueIsAnsweredWithAnErrorAtOnce() {
    start(b -> b.receiveQueue(QueueLimit.of(2, 1 << 20)));
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/block", 1L), "cb1")); // in the handler, still counted
    ch.clientSends(new Frame.ClientEvent(ev("app/q", 2L), "cb2"));     // waits behind it
    ch.clientSends(new Frame.ClientEvent(ev("app/q", 3L), "cb3"));     // no room
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb3"));
    ServerError overflow = f.nextError();
    assertThat(overflow.kind()).isEqualTo(ServerError.Kind.OVERFLOW);
    assertThat(overflow.message()).contains("handler's queue is full", ":chsk/error", "app/q");
    assertThat(overflow.clientId()).isEqualTo("c1");

    release.countDown();
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok 1", "cb1"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok 2", "cb2"));
    f.idle();
    ch.clientSends(new Frame.ClientEvent(ev("app/q", 4L), "cb4")); // room again
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok 4", "cb4"));
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void anEventWithoutCallbackBeyondTheReceiveQueueClosesWithOverflow() {
    start(b -> b.receiveQueue(QueueLimit.of(1, 1 << 20)));
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/block", 1L), null));
    ch.clientSends(new Frame.ClientEvent(ev("app/tell", 2L), null));
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.OVERFLOW.code());
    assertThat(f.nextError().message()).contains("app/tell wants no reply, so the connection closes");
  }

  @Test
  void theReceiveQueueCountsBytesToo() {
    String big = "x".repeat(400);
    int frameBytes = FakeChannel.CODEC.encode(new Frame.ClientEvent(ev("app/block", big), "cb1")).byteLength();
    start(b -> b.receiveQueue(QueueLimit.of(100, 2L * frameBytes)));
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/block", big), "cb1"));
    ch.clientSends(new Frame.ClientEvent(ev("app/q", big), "cb2"));   // exactly at the byte bound: fits
    ch.clientSends(new Frame.ClientEvent(ev("app/q", "y"), "cb3"));   // one more byte of room is needed
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb3"));
    release.countDown();
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok " + big, "cb1"));
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok " + big, "cb2"));
  }

  @Test
  void aStalledClientIsDisconnectedWhenItsSendQueueIsFull() {
    start(b -> b.sendQueue(QueueLimit.of(2, 1 << 20), OverflowPolicy.DISCONNECT));
    FakeChannel ch = f.connect("alice", "c1");
    ch.holdSends = true;
    f.server.sendNow("alice", ev("app/p", 1L));
    f.server.sendNow("alice", ev("app/p", 2L));
    assertThat(ch.isOpen()).isTrue();
    f.server.sendNow("alice", ev("app/p", 3L));
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.OVERFLOW.code());
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.OVERFLOW);
    assertThat(e.message()).contains("send queue is full", "closing the connection");
    assertThat(ch.drainPushedEvents()).containsExactly(ev("app/p", 1L), ev("app/p", 2L));
  }

  @Test
  void underDropNewestAFullSendQueueDropsPushesButNotReplies() {
    start(b -> b.sendQueue(QueueLimit.of(2, 1 << 20), OverflowPolicy.DROP_NEWEST));
    FakeChannel ch = f.connect("alice", "c1");
    ch.holdSends = true;
    f.server.sendNow("alice", ev("app/p", 1L));
    f.server.sendNow("alice", ev("app/p", 2L));
    f.server.sendNow("alice", ev("app/p", 3L)); // dropped, reported
    assertThat(f.nextError().message()).contains("send queue is full", "was dropped");
    ch.clientSends(new Frame.ClientEvent(ev("app/q", 9L), "cb9"));
    f.idle();
    List<Frame> sent = ch.drain();
    assertThat(sent).containsExactly(new Frame.Push(List.of(ev("app/p", 1L))),
        new Frame.Push(List.of(ev("app/p", 2L))), new Frame.Reply("ok 9", "cb9"));

    ch.completeHeldSends(); // the client caught up: room again
    f.server.sendNow("alice", ev("app/p", 4L));
    assertThat(ch.drainPushedEvents()).containsExactly(ev("app/p", 4L));
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void theSendQueueCountsBytesAndAdmitsOneLargeFrameIntoAnEmptyQueue() {
    start(b -> b.sendQueue(QueueLimit.of(100, 10), OverflowPolicy.DROP_NEWEST));
    FakeChannel ch = f.connect("alice", "c1");
    ch.holdSends = true;
    f.server.sendNow("alice", ev("app/p", "larger than ten bytes on its own"));
    f.server.sendNow("alice", ev("app/p", 2L));
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.OVERFLOW);
    assertThat(ch.drainPushedEvents()).containsExactly(ev("app/p", "larger than ten bytes on its own"));
  }

  @Test
  void theEventThatFillsAPushBufferFlushesItWithoutWaitingForTheWindow() {
    start(b -> b.maxBatchEvents(3));
    FakeChannel ch = f.connect("alice", "c1");
    for (long i = 1; i <= 7; i++) {
      f.server.send("alice", ev("app/p", i));
    }
    f.idle();
    assertThat(ch.drain()).containsExactly(
        new Frame.Push(List.of(ev("app/p", 1L), ev("app/p", 2L), ev("app/p", 3L))),
        new Frame.Push(List.of(ev("app/p", 4L), ev("app/p", 5L), ev("app/p", 6L))));
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.drain()).containsExactly(new Frame.Push(List.of(ev("app/p", 7L))));
  }

  @Test
  void aBatchOverTheFrameLimitGoesAsSeveralFramesInOrderAndAnEventOverItAloneIsReported() {
    String text = "z".repeat(60);
    int oneEvent = FakeChannel.CODEC.encode(new Frame.Push(List.of(ev("app/p", text)))).byteLength();
    f = new ServerFixture(ToyPacker.textWithMaxInputBytes(2 * oneEvent), b -> b);
    FakeChannel ch = f.connect("alice", "c1");
    for (int i = 0; i < 5; i++) {
      f.server.send("alice", ev("app/p", text));
    }
    f.server.sendNow("alice", ev("app/big", "w".repeat(3 * oneEvent)));
    f.idle();
    List<Frame> frames = ch.drain();
    assertThat(frames).hasSizeGreaterThan(1)
        .allSatisfy(fr -> assertThat(((Frame.Push) fr).events()).hasSizeLessThan(3));
    assertThat(frames.stream().flatMap(fr -> ((Frame.Push) fr).events().stream()).toList())
        .containsExactly(ev("app/p", text), ev("app/p", text), ev("app/p", text), ev("app/p", text),
            ev("app/p", text));
    ServerError dropped = f.nextError();
    assertThat(dropped.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(dropped.message()).contains("app/big", "over the frame limit of " + 2 * oneEvent);
  }

  @Test
  void aBatchOverTheCollectionLimitGoesAsSeveralFramesInOrder() {
    // Regression: batches were split by bytes only, so with maxBatchEvents above the packer's collection limit a
    // flushed batch went as one frame the client refuses (its events one vector over the limit): all of it lost.
    f = new ServerFixture(ToyPacker.textWithLimits(PackerLimits.builder().maxCollectionSize(3).build()),
        b -> b.maxBatchEvents(10));
    FakeChannel ch = f.connect("alice", "c1");
    List<Event> sent = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      sent.add(ev("app/p", (long) i));
    }
    f.pushBatch("alice", sent);
    f.idle();
    List<Frame> frames = ch.drain();
    assertThat(frames).extracting(fr -> ((Frame.Push) fr).events().size()).containsExactly(3, 3, 2);
    assertThat(frames.stream().flatMap(fr -> ((Frame.Push) fr).events().stream()).toList()).isEqualTo(sent);
    assertThat(f.errors).isEmpty();
  }

  @Test
  void stopWaitsForQueuedFramesAndHandledEventsThenCloses() throws Exception {
    start(b -> b.stopTimeout(java.time.Duration.ofSeconds(10)));
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/block", 1L), "cb1"));
    ch.holdSends = true;
    f.server.send("alice", ev("app/p", 1L)); // buffered, not yet flushed
    Thread stopper = f.stopWhileAHandlerRuns();
    assertThat(ch.isOpen()).isTrue();
    release.countDown();
    assertThat(ch.next()).isEqualTo(new Frame.Push(List.of(ev("app/p", 1L))));
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok 1", "cb1"));
    stopper.join(200);
    assertThat(stopper.isAlive()).as("stop waits for the client to take the frames").isTrue();
    ch.completeHeldSends();
    ServerFixture.awaitStopped(stopper);
    assertThat(ch.closeCode()).isEqualTo(CloseReason.SERVER_STOP.code());
  }

  @Test
  void aPushFromAHandlerStillRunningWhileStopDrainsIsDeliveredBeforeTheClose() throws Exception {
    // Regression: the push buffers were stopped before the drain, so what a handler finishing its event pushed was
    // reported dropped instead of delivered.
    start(b -> b.stopTimeout(java.time.Duration.ofSeconds(10)));
    f.onEvent = msg -> {
      await(release);
      f.server.send("alice", ev("app/late", 1L));
    };
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/block", 1L), null));
    Thread stopper = f.stopWhileAHandlerRuns();
    release.countDown();
    ServerFixture.awaitStopped(stopper);
    assertThat(ch.drain()).containsExactly(Frame.Push.of(ev("app/late", 1L)));
    assertThat(ch.closeCode()).isEqualTo(CloseReason.SERVER_STOP.code());
    assertThat(f.errors).isEmpty();
  }

  @Test
  void stopGivesUpWaitingAfterItsTimeout() throws Exception {
    start(b -> b.stopTimeout(java.time.Duration.ofMillis(100)));
    FakeChannel ch = f.connect("alice", "c1");
    ch.holdSends = true;
    f.server.sendNow("alice", ev("app/p", 1L)); // never written
    Thread stopper = new Thread(f.server::stop);
    stopper.start();
    ServerFixture.awaitStopped(stopper);
    assertThat(ch.closeCode()).isEqualTo(CloseReason.SERVER_STOP.code());
  }

  @Test
  void aMessageOverTheFrameLimitClosesWithTooLargeAndOneAtTheLimitIsRead() {
    String text = "q".repeat(100);
    int size = FakeChannel.CODEC.encode(new Frame.ClientEvent(ev("app/q", text), "cb1")).byteLength();
    f = new ServerFixture(ToyPacker.textWithMaxInputBytes(size), b -> b);
    f.onEvent = msg -> msg.reply("ok");
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("app/q", text), "cb1")); // exactly the limit
    assertThat(ch.next()).isEqualTo(new Frame.Reply("ok", "cb1"));
    ch.clientSends(new Frame.ClientEvent(ev("app/q", text + "q"), "cb2")); // one byte over
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.TOO_LARGE.code());
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.BAD_FRAME);
    assertThat(e.message()).contains((size + 1) + " bytes, over the frame limit of " + size);
  }

  @Test
  void aMessageOverTheFrameLimitBeforeTheHandshakeIsNotHeld() {
    f = new ServerFixture(ToyPacker.textWithMaxInputBytes(64), b -> b);
    FakeChannel ch = new FakeChannel();
    ServerAnswer answer = f.server.handle(ServerFixture.upgrade("alice", "c1"));
    ch.listener = ((ServerAnswer.Upgrade) answer).onOpen().apply(ch);
    ch.clientSends("[[:app/q \"" + "x".repeat(100) + "\"] nil]"); // before the handshake has been sent
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.TOO_LARGE.code());
  }

  @Test
  void queueLimitsRejectNonsense() {
    assertThatThrownBy(() -> QueueLimit.of(0, 1)).hasMessageContaining("maxItems");
    assertThatThrownBy(() -> QueueLimit.of(1, 0)).hasMessageContaining("maxBytes");
    assertThat(QueueLimit.of(2, 10).admits(0, 0, 50)).isTrue();
    assertThat(QueueLimit.of(2, 10).admits(1, 5, 5)).isTrue();
    assertThat(QueueLimit.of(2, 10).admits(1, 5, 6)).isFalse();
    assertThat(QueueLimit.of(2, 10).admits(2, 0, 0)).isFalse();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
