package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelSocketClientKeepAliveTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void serverPingIsAnsweredWithAPongAtOnce() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    c.push(new Frame.ServerPing());
    assertThat(c.next()).isEqualTo(new Frame.ClientPong());
  }

  @Test
  void clientPingsAfterTheIdleWindowAndAPongKeepsTheConnection() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    f.time.advance(Duration.ofMillis(19_999));
    f.settle();
    assertThat(c.poll()).isNull();
    f.time.advance(Duration.ofMillis(1));
    Frame ping = c.next();
    assertThat(ping).isInstanceOf(Frame.ClientPing.class);
    String cb = ((Frame.ClientPing) ping).callbackId();
    assertThat(cb).isNotNull();
    c.push(new Frame.Pong(cb));
    f.settle();
    f.time.advance(s(5));
    f.settle();
    assertThat(c.clientClosed()).isFalse();
    f.time.advance(s(15));
    assertThat(c.next()).isInstanceOf(Frame.ClientPing.class);
  }

  @Test
  void theIdleWindowSlidesWithTraffic() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    f.time.advance(s(15));
    c.push(Frame.Push.of(Event.of("app/n", 1L)));
    f.nextPush();
    f.time.advance(s(10));
    f.settle();
    assertThat(c.poll()).as("no ping 25 s after the handshake, 10 s after traffic").isNull();
    f.client.send(Event.of("app/out", null));
    c.next();
    f.time.advance(s(19));
    f.settle();
    assertThat(c.poll()).isNull();
    f.time.advance(s(1));
    assertThat(c.next()).isInstanceOf(Frame.ClientPing.class);
  }

  @Test
  void noPongWithinTheTimeoutClosesWithPingTimeoutAndReconnectsAtOnce() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    f.time.advance(s(20));
    assertThat(c.next()).isInstanceOf(Frame.ClientPing.class);
    f.time.advance(s(2));
    c.push(Frame.Push.of(Event.of("app/n", 1L))); // other traffic does not answer a ping
    f.nextPush();
    c.push(new Frame.Pong("not-the-ping"));
    f.settle();
    f.time.advance(s(3));
    assertThat(c.awaitClientClose()).isEqualTo(4000);
    assertThat(c.clientCloseText()).isEqualTo("ping-timeout");
    ClientState closed = f.awaitState(st -> st.status() == ClientState.Status.CLOSED);
    assertThat(closed.lastClose()).contains(CloseInfo.byClient(CloseReason.PING_TIMEOUT));
    FakeConnection again = f.transport.nextOpen();
    assertThat(f.awaitState(st -> st.status() == ClientState.Status.CONNECTING).attempt()).isEqualTo(1);
    again.handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).attempt()).isZero();
  }

  @Test
  void aZeroPingIntervalNeverPings() {
    f.start(f.builder(ToyPacker.TEXT).pingInterval(Duration.ZERO));
    FakeConnection c = f.connectOpen("alice");
    f.time.advance(Duration.ofHours(1));
    f.settle();
    assertThat(c.poll()).isNull();
    assertThat(c.clientClosed()).isFalse();
  }
}
