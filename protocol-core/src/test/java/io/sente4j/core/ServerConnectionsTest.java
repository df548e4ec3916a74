package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Bad frames, replacement, closing a user's connections, and stopping. */
class ServerConnectionsTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aBadFrameIsReportedAndLoggedAndTheConnectionStaysOpen() {
    FakeChannel ch = f.connect("alice", "c-bad");
    ch.clientSends("[:oops");
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.BAD_FRAME);
    assertThat(err.uid()).isEqualTo("alice");
    assertThat(err.clientId()).isEqualTo("c-bad");
    assertThat(err.cause()).isInstanceOfSatisfying(FrameException.class,
        e -> assertThat(e.reason()).isEqualTo(FrameException.Reason.UNPACKABLE));
    assertThat(TestLogging.lines()).anySatisfy(line -> {
      assertThat(line.level()).isEqualTo(Level.WARN);
      assertThat(line.message()).contains("Bad frame", "c-bad");
      assertThat(line.mdc()).containsEntry("sente4j.uid", "alice").containsEntry("sente4j.clientId", "c-bad");
    });

    ch.clientSends(new Frame.ClientEvent(ev("a/b", 1L), null));
    assertThat(f.nextEvent().data()).isEqualTo(1L);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void everyKindOfBadFrameIsReportedWithItsReason() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends("[[:chsk/handshake] nil]");
    ch.clientSends("[[:a/b] 42]");
    ch.clientSends("[[:no-namespace] nil]");
    ch.clientSends("[1 2 3]");
    f.idle();
    assertThat(ServerFixture.drain(f.errors)).extracting(e -> ((FrameException) e.cause()).reason()).containsExactly(
        FrameException.Reason.RESERVED_EVENT, FrameException.Reason.BAD_CALLBACK_ID, FrameException.Reason.BAD_EVENT,
        FrameException.Reason.MALFORMED_FRAME);
    assertThat(ch.isOpen()).isTrue();
    assertThat(f.events).isEmpty();
  }

  @Test
  void aNewConnectionOfTheSameClientReplacesTheOldOne() {
    FakeChannel old = f.connect("alice", "c1");
    FakeChannel other = f.connect("alice", "c2");
    FakeChannel replacement = f.connect("alice", "c1");
    assertThat(old.isOpen()).isFalse();
    assertThat(old.closeCode()).isEqualTo(1000);
    assertThat(old.closeText()).isEqualTo("requested");
    assertThat(other.isOpen()).isTrue();

    f.server.sendNow("alice", ev("a/b", null));
    assertThat(replacement.drain()).containsExactly(Frame.Push.of(ev("a/b", null)));
    assertThat(other.drain()).containsExactly(Frame.Push.of(ev("a/b", null)));
    assertThat(old.drain()).isEmpty();
    f.advance(ServerFixture.GRACE.multipliedBy(2));
    assertThat(ServerFixture.drain(f.presenceEvents)).extracting(EventMessage::id)
        .containsExactly(Chsk.UIDPORT_OPEN);
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
  }

  @Test
  void clientIdsListsAUsersOpenConnectionsAndDropsAClosedOneAtOnce() {
    FakeChannel tab1 = f.connect("alice", "c1");
    f.connect("alice", "c2");
    f.connect("bob", "c3");
    assertThat(f.server.clientIds("alice")).containsExactlyInAnyOrder("c1", "c2");
    tab1.clientCloses(1000);
    f.idle();
    assertThat(f.server.clientIds("alice")).containsExactly("c2");
    assertThat(f.server.connectedUids().any()).contains("alice", "bob");
    assertThat(f.server.clientIds("nobody")).isEmpty();
  }

  @Test
  void theSameClientIdOfAnotherUidIsAnotherConnection() {
    FakeChannel alice = f.connect("alice", "c1");
    FakeChannel bob = f.connect("bob", "c1");
    assertThat(alice.isOpen()).isTrue();
    assertThat(bob.isOpen()).isTrue();
  }

  @Test
  void closeUidClosesEveryConnectionOfTheUidWithTheReason() {
    FakeChannel tab1 = f.connect("alice", "c1");
    FakeChannel tab2 = f.connect("alice", "c2");
    FakeChannel bob = f.connect("bob", "c3");
    assertThat(f.server.close("alice", CloseReason.UNAUTHORIZED)).isEqualTo(2);
    for (FakeChannel ch : List.of(tab1, tab2)) {
      assertThat(ch.closeCode()).isEqualTo(4003);
      assertThat(ch.closeText()).isEqualTo("unauthorized");
    }
    assertThat(bob.isOpen()).isTrue();
    assertThat(f.server.close("alice", CloseReason.REQUESTED)).isZero();
    assertThat(f.server.close("nobody", CloseReason.REQUESTED)).isZero();
    f.advance(ServerFixture.GRACE);
    assertThat(f.server.connectedUids().any()).containsExactly("bob");
  }

  @Test
  void aClosedConnectionGetsNoMorePushes() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientCloses(1001);
    f.server.sendNow("alice", ev("a/b", null));
    assertThat(ch.drain()).isEmpty();
    assertThat(f.nextError().kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
  }

  @Test
  void stopFlushesThenClosesEverythingWithServerStopAndIsIdempotent() {
    FakeChannel alice = f.connect("alice", "c1");
    FakeChannel bob = f.connect("bob", "c2");
    f.server.send("alice", ev("a/last", null));
    f.server.stop();
    assertThat(alice.drain()).containsExactly(Frame.Push.of(ev("a/last", null)));
    for (FakeChannel ch : List.of(alice, bob)) {
      assertThat(ch.closeCode()).isEqualTo(1001);
      assertThat(ch.closeText()).isEqualTo("server-stop");
    }
    f.server.stop();
    f.server.close();
    f.server.send("alice", ev("a/b", null));
    assertThat(f.server.sendToClient("alice", "c1", ev("a/b", null))).isFalse();
    assertThat(f.server.connectedUids()).isEqualTo(ConnectedUids.empty());
    f.advance(java.time.Duration.ofMinutes(1)); // past every timer: none ran (none left to reach)
    assertThat(f.time.pending()).isZero();
    assertThat(alice.drain()).isEmpty();
    assertThat(ServerFixture.drain(f.presenceEvents)).extracting(EventMessage::id)
        .containsOnly(Chsk.UIDPORT_OPEN);
  }

  @Test
  void anUpgradeThatOpensAfterStopIsClosed() {
    ServerAnswer.Upgrade upgrade = (ServerAnswer.Upgrade) f.server.handle(ServerFixture.upgrade("alice", "c1"));
    f.server.stop();
    FakeChannel ch = new FakeChannel();
    ch.listener = upgrade.onOpen().apply(ch);
    assertThat(ch.closeCode()).isEqualTo(1001);
  }

  @Test
  void stopLeavesAGivenExecutorRunning() {
    f.server.stop();
    f.executor.execute(() -> {});
    f.idle();
  }

  @Test
  void withItsOwnExecutorsAServerWorksAndStopsThem() {
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      ChannelSocketServer server = ChannelSocketServer.builder(ToyPacker.TEXT).withoutCsrfCheck()
          .userId((request, clientId) -> "alice")
          .eventHandler(msg -> msg.reply(Thread.currentThread().getName()))
          .build();
      FakeChannel ch = new FakeChannel();
      ch.listener = ((ServerAnswer.Upgrade) server.handle(ServerFixture.upgrade("alice", "c1"))).onOpen().apply(ch);
      assertThat(ch.next()).isEqualTo(new Frame.Handshake("alice", null));
      ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb"));
      Frame reply = ch.next();
      assertThat(((Frame.Reply) reply).value()).asString().startsWith("sente4j-server-handler-");
      server.sendNow("alice", ev("a/b", null));
      assertThat(ch.next()).isEqualTo(Frame.Push.of(ev("a/b", null)));
      server.close();
      assertThat(ch.closeCode()).isEqualTo(1001);
    } finally {
      caller.shutdownNow();
    }
  }
}
