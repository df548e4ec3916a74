package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server's keep-alive with the default settings: ping after 25 s idle, close 10 s later without traffic. */
class ServerKeepAliveTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  @Test
  void anIdleConnectionIsPingedAfterThePingInterval() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(24_999);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
  }

  @Test
  void aPingIntervalTooLongForNanosecondsMeansNoPings() {
    try (ServerFixture never = new ServerFixture(b -> b.pingInterval(Duration.ofSeconds(Long.MAX_VALUE)))) {
      FakeChannel ch = never.connect("alice", "c1");
      never.time.advance(Duration.ofDays(365L * 200)); // 200 years: as far as nanosecond time goes
      assertThat(ch.drain()).isEmpty();
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void inboundTrafficSlidesTheIdleWindow() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(20_000);
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    f.advanceMillis(24_999);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
  }

  @Test
  void outboundTrafficSlidesTheIdleWindow() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(10_000);
    f.server.sendNow("alice", ev("a/b", null));
    assertThat(ch.drain()).hasSize(1);
    f.advanceMillis(24_999);
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(1);
    assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
  }

  @Test
  void noTrafficWithinThePingTimeoutClosesWithPingTimeout() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(25_000);
    assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
    f.advanceMillis(9_999);
    assertThat(ch.isOpen()).isTrue();
    f.advanceMillis(1);
    assertThat(ch.isOpen()).isFalse();
    assertThat(ch.closeCode()).isEqualTo(4000);
    assertThat(ch.closeText()).isEqualTo("ping-timeout");
    f.advance(ServerFixture.GRACE);
    assertThat(f.server.connectedUids().any()).isEmpty();
  }

  @Test
  void aPongCancelsTheTimeoutAndTheNextPingFollowsAnIntervalLater() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(25_000);
    ch.drain();
    f.advanceMillis(5_000);
    ch.clientSends(new Frame.ClientPong());
    f.advanceMillis(10_000);
    assertThat(ch.isOpen()).isTrue();
    assertThat(ch.drain()).isEmpty();
    f.advanceMillis(15_000); // 25 s after the pong
    assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
  }

  @Test
  void evenABadFrameCountsAsTraffic() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(25_000);
    ch.drain();
    ch.clientSends("not a frame");
    f.advanceMillis(10_000);
    assertThat(ch.isOpen()).isTrue();
  }

  @Test
  void outboundTrafficDoesNotAnswerAPing() {
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(25_000);
    f.server.sendNow("alice", ev("a/b", null));
    f.advanceMillis(10_000);
    assertThat(ch.closeCode()).isEqualTo(4000);
  }

  @Test
  void aZeroPingTimeoutPingsButNeverCloses() {
    try (ServerFixture g = new ServerFixture(b -> b.pingTimeout(Duration.ZERO))) {
      FakeChannel ch = g.connect("alice", "c1");
      g.advance(Duration.ofSeconds(75));
      assertThat(ch.drain()).containsExactly(new Frame.ServerPing(), new Frame.ServerPing(), new Frame.ServerPing());
      g.advance(Duration.ofHours(1));
      assertThat(ch.isOpen()).isTrue();
    }
  }

  @Test
  void customIntervals() {
    try (ServerFixture g = new ServerFixture(b -> b.pingInterval(Duration.ofSeconds(5))
        .pingTimeout(Duration.ofSeconds(1)))) {
      FakeChannel ch = g.connect("alice", "c1");
      g.advance(Duration.ofSeconds(5));
      assertThat(ch.drain()).containsExactly(new Frame.ServerPing());
      g.advance(Duration.ofSeconds(1));
      assertThat(ch.closeCode()).isEqualTo(4000);
    }
  }

  @Test
  void aClientPingIsAnsweredPongAtOnceAndNotHandedToTheHandler() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientPing("cb1"));
    assertThat(ch.drain()).containsExactly(new Frame.Pong("cb1"));
    ch.clientSends(new Frame.ClientPing(null)); // Sente 1.17: no callback, no answer
    ch.clientSends(new Frame.ClientPong());
    f.idle();
    assertThat(ch.drain()).isEmpty();
    assertThat(f.events).isEmpty();
  }

  @Test
  void thePongOnTheWireIsTheStringPongWithTheCallbackId() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends("[[:chsk/ws-ping] \"a1b2c3\"]");
    Frame pong = ch.next();
    assertThat(FrameCodec.toWire(pong)).containsExactly("pong", "a1b2c3");
  }
}
