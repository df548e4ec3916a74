package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  private final ServerFixture f = new ServerFixture(b -> b.receiveQueue(QueueLimit.of(1, 1 << 20)));

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aNewServerCountsNothingAndListsEverySeries() {
    ServerMetrics m = f.server.metrics();
    assertThat(m.openWebSockets()).isZero();
    assertThat(m.connectionsOpened()).isZero();
    assertThat(m.errors()).hasSize(ServerError.Kind.values().length).containsValue(0L).doesNotContainValue(1L);
    assertThat(m.rejections()).hasSize(RejectionReason.values().length);
    assertThat(m.badFrames()).hasSize(FrameException.Reason.values().length);
    assertThat(m.connectionsClosed()).hasSize(CloseReason.values().length);
    assertThat(m.overflows()).isZero();
  }

  @Test
  void aConnectionClosedAsSoonAsItOpenedIsNeverCountedBelowZero() throws Exception {
    // Regression: the open was counted after the connection had opened (outside its lock), so a close right after
    // (here from the transport's thread, while the server answers a ping the client sent before its handshake) was
    // counted first, and the metrics showed -1 open WebSockets meanwhile.
    java.util.concurrent.CountDownLatch pingSent = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicLong seenOpen = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
    try (ServerFixture g = new ServerFixture(b -> b.userId((r, id) -> {
      try {
        pingSent.await(); // the identification waits for the client's early ping
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "alice";
    }))) {
      ChannelListener[] conn = new ChannelListener[1];
      Channel closesOnPong = new TappedChannel(frame -> {
        if (frame instanceof Frame.Pong) {
          conn[0].onClose(1000, "the client leaves at once");
          seenOpen.set(g.server.metrics().openWebSockets());
        }
      });
      ServerAnswer answer = g.server.handle(ServerFixture.upgrade("alice", "c1"));
      conn[0] = ((ServerAnswer.Upgrade) answer).onOpen().apply(closesOnPong);
      conn[0].onMessage(FakeChannel.CODEC.encode(new Frame.ClientPing("p1")));
      pingSent.countDown();
      g.idle();
      assertThat(seenOpen.get()).as("open WebSockets seen right after the close").isZero();
      assertThat(g.server.metrics().openWebSockets()).isZero();
      assertThat(g.server.metrics().connectionsOpened()).isOne();
    }
  }

  @Test
  void countsConnectionsEventsRepliesPushesAndCloses() {
    f.onEvent = msg -> {
      if (msg.wantsReply()) {
        msg.reply(msg.id().name().equals("fail") ? Chsk.ERROR : "ok");
      }
    };
    FakeChannel a1 = f.connect("alice", "a1");
    FakeChannel a2 = f.connect("alice", "a2");
    FakeChannel b1 = f.connect("bob", "b1");
    assertThat(f.server.metrics().openWebSockets()).isEqualTo(3);

    a1.clientSends(new Frame.ClientEvent(ev("app/q", 1L), "cb1"));
    f.idle();
    a1.clientSends(new Frame.ClientEvent(ev("app/tell", 2L), null));
    f.idle();
    a1.clientSends(new Frame.ClientEvent(ev("app/fail", 3L), "cb3"));
    f.idle();
    f.server.send("alice", ev("app/p", 1L));
    f.server.sendNow("alice", ev("app/p", 2L)); // one frame of two events to each of two tabs
    f.server.sendToClient("bob", "b1", ev("app/p", 3L));
    b1.clientCloses(1000);
    f.idle();

    ServerMetrics m = f.server.metrics();
    assertThat(m.connectionsOpened()).isEqualTo(3);
    assertThat(m.openWebSockets()).isEqualTo(2);
    assertThat(m.connectionsClosed().get(CloseReason.REQUESTED)).isEqualTo(1);
    assertThat(m.eventsReceived()).isEqualTo(3);
    assertThat(m.repliesSent()).isEqualTo(1);
    assertThat(m.errorRepliesSent()).isEqualTo(1);
    assertThat(m.eventsPushed()).isEqualTo(2 * 2 + 1);
  }

  @Test
  void countsBadFramesOverflowsAndRejections() {
    f.server.handle(ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true).build());
    f.server.handle(ServerRequest.builder("PUT", "/chsk").build());
    f.server.handle(ServerRequest.builder("GET", "/chsk").queryParam("client-id", "c9")
        .queryParam("sente4j-packer", "no-such-packer").build());
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends("[[:no-namespace 1] nil]");
    f.nextError();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    f.onEvent = msg -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    ch.clientSends(new Frame.ClientEvent(ev("app/slow", 1L), null));
    ch.clientSends(new Frame.ClientEvent(ev("app/q", 2L), "cb2")); // receive queue of 1: refused
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb2"));
    release.countDown();
    f.idle();

    ServerMetrics m = f.server.metrics();
    assertThat(m.rejections()).containsEntry(RejectionReason.MISSING_CLIENT_ID, 1L)
        .containsEntry(RejectionReason.METHOD_NOT_ALLOWED, 1L)
        .containsEntry(RejectionReason.UNKNOWN_PACKER, 1L)
        .containsEntry(RejectionReason.SERVER_STOPPED, 0L);
    assertThat(m.badFrames().get(FrameException.Reason.BAD_EVENT)).isEqualTo(1);
    assertThat(m.errors().get(ServerError.Kind.BAD_FRAME)).isEqualTo(1);
    assertThat(m.overflows()).isEqualTo(1);
    assertThat(m.errorRepliesSent()).isEqualTo(1);
  }
}
