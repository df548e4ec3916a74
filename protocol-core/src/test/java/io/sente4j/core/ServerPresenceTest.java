package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerPresenceTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private List<String> presenceEvents() {
    f.idle();
    return ServerFixture.drain(f.presenceEvents).stream().map(m -> m.id().name() + " " + m.data()).toList();
  }

  @Test
  void theFirstConnectionOfAUidOpensItsUidport() {
    ServerRequest request = ServerFixture.upgrade("alice", "c1");
    f.open(request);
    f.idle();
    EventMessage open = ServerFixture.poll(f.presenceEvents, "uidport-open");
    assertThat(open.event()).isEqualTo(Event.of(Chsk.UIDPORT_OPEN, "alice"));
    assertThat(open.uid()).isEqualTo("alice");
    assertThat(open.clientId()).isEqualTo("c1");
    assertThat(open.request()).isSameAs(request);
    assertThat(open.wantsReply()).isFalse();
    assertThat(f.server.connectedUids()).isEqualTo(new ConnectedUids(Set.of("alice"), Set.of(), Set.of("alice")));
    assertThat(ServerFixture.drain(f.snapshots)).containsExactly(f.server.connectedUids());
  }

  @Test
  void aSecondTabFiresNothing() {
    f.connect("alice", "c1");
    f.connect("alice", "c2");
    assertThat(presenceEvents()).containsExactly("uidport-open alice");
    assertThat(ServerFixture.drain(f.snapshots)).hasSize(1);
  }

  @Test
  void aReloadWithinTheGraceFiresNothing() {
    FakeChannel tab = f.connect("alice", "c1");
    presenceEvents();
    ServerFixture.drain(f.snapshots);
    tab.clientCloses(1001);
    f.advanceMillis(2000);
    f.connect("alice", "c-new"); // a reload gets a new client id
    f.advance(ServerFixture.GRACE.multipliedBy(2));
    assertThat(presenceEvents()).isEmpty();
    assertThat(ServerFixture.drain(f.snapshots)).isEmpty();
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
  }

  @Test
  void theSameClientReconnectingWithinTheGraceFiresNothing() {
    FakeChannel tab = f.connect("alice", "c1");
    presenceEvents();
    tab.clientCloses(1006);
    f.advanceMillis(2499);
    f.connect("alice", "c1");
    f.advance(ServerFixture.GRACE.multipliedBy(2));
    assertThat(presenceEvents()).isEmpty();
  }

  @Test
  void theLastCloseFiresUidportCloseOnceAfterTheGrace() {
    FakeChannel tab1 = f.connect("alice", "c1");
    FakeChannel tab2 = f.connect("alice", "c2");
    presenceEvents();
    ServerFixture.drain(f.snapshots);
    tab1.clientCloses(1000);
    f.advanceMillis(3000);
    assertThat(presenceEvents()).isEmpty();
    tab2.clientCloses(1000);
    f.advanceMillis(2499);
    assertThat(presenceEvents()).isEmpty();
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
    f.advanceMillis(1);
    EventMessage close = ServerFixture.poll(f.presenceEvents, "uidport-close");
    assertThat(close.event()).isEqualTo(Event.of(Chsk.UIDPORT_CLOSE, "alice"));
    assertThat(close.clientId()).isEqualTo("c2");
    f.advance(ServerFixture.GRACE.multipliedBy(2));
    assertThat(presenceEvents()).isEmpty();
    assertThat(f.server.connectedUids()).isEqualTo(ConnectedUids.empty());
    assertThat(ServerFixture.drain(f.snapshots)).containsExactly(ConnectedUids.empty());
  }

  @Test
  void thePresenceListenerSeesEveryChangeInOrder() {
    FakeChannel alice = f.connect("alice", "c1");
    FakeChannel bob = f.connect("bob", "c2");
    alice.clientCloses(1000);
    f.advance(ServerFixture.GRACE);
    bob.clientCloses(1000);
    f.advance(ServerFixture.GRACE);
    assertThat(ServerFixture.drain(f.snapshots)).extracting(ConnectedUids::any).containsExactly(
        Set.of("alice"), Set.of("alice", "bob"), Set.of("bob"), Set.of());
    assertThat(presenceEvents()).containsExactly("uidport-open alice", "uidport-open bob", "uidport-close alice",
        "uidport-close bob");
  }

  @Test
  void snapshotsAreImmutable() {
    f.connect("alice", "c1");
    ConnectedUids now = f.server.connectedUids();
    f.connect("bob", "c2");
    assertThat(now.any()).containsExactly("alice");
    assertThat(f.server.connectedUids().any()).containsExactly("alice", "bob");
    assertThat(now.isConnected("alice")).isTrue();
    assertThat(now.isConnected("bob")).isFalse();
  }
}
