package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence of Ajax clients: from the first poll, kept while polling, ended after the grace (PROTOCOL.md §8). */
class ServerAjaxPresenceTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void aHandshakeAloneDoesNotCountTheFirstPollDoes() {
    handshake(f, "alice", "c1");
    assertThat(f.server.connectedUids().any()).isEmpty();
    assertThat(f.presenceEvents).isEmpty();
    poll(f, "alice", "c1");
    assertThat(f.server.connectedUids().ajax()).containsExactly("alice");
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
    assertThat(f.server.connectedUids().ws()).isEmpty();
    EventMessage open = ServerFixture.poll(f.presenceEvents, "uidport-open");
    assertThat(open.event()).isEqualTo(Event.of(Chsk.UIDPORT_OPEN, "alice"));
    assertThat(open.via()).isEqualTo(Via.AJAX_POLL);
    assertThat(open.clientId()).isEqualTo("c1");
    assertThat(ServerFixture.poll(f.snapshots, "a presence snapshot").ajax()).containsExactly("alice");
  }

  @Test
  void aClientThatKeepsPollingStaysConnectedThroughManyPollCycles() {
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    for (int i = 0; i < 6; i++) {
      f.advance(Duration.ofSeconds(20)); // the poll times out
      f.advanceMillis(30);               // the client polls again a little later
      poll(f, "alice", "c1");
    }
    assertThat(f.server.connectedUids().ajax()).containsExactly("alice");
    assertThat(ServerFixture.drain(f.presenceEvents)).extracting(EventMessage::id).containsExactly(Chsk.UIDPORT_OPEN);
  }

  @Test
  void aClientThatStopsPollingLeavesOneGraceAfterItsLastPollEnded() {
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    f.advance(Duration.ofSeconds(20)); // answered timeout; no new poll
    f.advanceMillis(4999);
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
    f.advanceMillis(1);
    assertThat(f.server.connectedUids().any()).isEmpty();
    assertThat(ServerFixture.drain(f.presenceEvents)).extracting(EventMessage::id)
        .containsExactly(Chsk.UIDPORT_OPEN, Chsk.UIDPORT_CLOSE);
    assertThat(f.server.clientIds("alice")).as("forgotten with its presence").isEmpty();
  }

  @Test
  void theAjaxGraceIsConfigurableApartFromTheWebSocketOne() {
    try (ServerFixture g = new ServerFixture(b -> b.ajaxDisconnectGrace(Duration.ofSeconds(1)))) {
      handshake(g, "alice", "c1");
      FakeHeld p = poll(g, "alice", "c1");
      p.abandon(); // the tab closed
      g.advanceMillis(999);
      assertThat(g.server.connectedUids().ajax()).containsExactly("alice");
      g.advanceMillis(1);
      assertThat(g.server.connectedUids().ajax()).isEmpty();
    }
  }

  @Test
  void aClientThatSwitchesFromWebSocketToAjaxStaysInAny() {
    FakeChannel ws = f.connect("alice", "c1");
    assertThat(ServerFixture.poll(f.presenceEvents, "uidport-open").id()).isEqualTo(Chsk.UIDPORT_OPEN);
    ws.clientCloses(1006);
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    f.advance(Duration.ofSeconds(3));
    assertThat(f.server.connectedUids().ws()).isEmpty();
    assertThat(f.server.connectedUids().ajax()).containsExactly("alice");
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
    assertThat(f.presenceEvents).isEmpty();
  }

  @Test
  void twoTabsOfOneUserCloseOnceWhenTheLastGoes() {
    handshake(f, "alice", "c1");
    handshake(f, "alice", "c2");
    FakeHeld p1 = poll(f, "alice", "c1");
    FakeHeld p2 = poll(f, "alice", "c2");
    assertThat(f.server.clientIds("alice")).isEqualTo(Set.of("c1", "c2"));
    p1.abandon();
    f.advance(Duration.ofSeconds(6));
    assertThat(f.server.connectedUids().ajax()).containsExactly("alice");
    p2.abandon();
    f.advance(Duration.ofSeconds(6));
    assertThat(f.server.connectedUids().ajax()).isEmpty();
    assertThat(ServerFixture.drain(f.presenceEvents)).extracting(EventMessage::id)
        .containsExactly(Chsk.UIDPORT_OPEN, Chsk.UIDPORT_CLOSE);
  }

  @Test
  void aClientWithHeldPushesOutlivesItsGraceUntilTheRetryWindowEnds() {
    handshake(f, "alice", "c1");
    poll(f, "alice", "c1");
    f.advance(Duration.ofSeconds(20));
    f.server.sendNow("alice", ev());
    f.advance(Duration.ofSeconds(6));
    assertThat(f.server.connectedUids().any()).as("presence follows the grace").isEmpty();
    assertThat(f.server.clientIds("alice")).as("the connection waits for the held push").containsExactly("c1");
    FakeHeld late = poll(f, "alice", "c1");
    assertThat(late.pushedEvents()).containsExactly(ev());
    assertThat(f.server.connectedUids().any()).containsExactly("alice");
  }

  private static Event ev() {
    return ServerFixture.ev("n/n", 1L);
  }
}
