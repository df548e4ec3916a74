package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.UpgradeRefusedException;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BindingTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  private static ServerEndpoint rejecting(int status) {
    return request -> new ServerAnswer.Reject(status, "from " + status);
  }

  private int statusOf(URI uri) {
    Throwable t = Await.failure(net.clientTransport().openWebSocket(uri, Map.of(), new Recorder()));
    assertThat(t).isInstanceOf(UpgradeRefusedException.class);
    return ((UpgradeRefusedException) t).status();
  }

  @Test
  void bindReturnsTheUri() {
    URI uri = URI.create("ws://app.test/chsk");
    assertThat(net.bind(uri, rejecting(401))).isSameAs(uri);
  }

  @Test
  void anUnboundUriIsRefusedLikeAClosedPort() {
    Throwable t = Await.failure(
        net.clientTransport().openWebSocket(URI.create("ws://nobody.test/chsk"), Map.of(), new Recorder()));
    assertThat(t).isInstanceOf(ConnectException.class).hasMessageContaining("ws://nobody.test/chsk");
  }

  @Test
  void severalEndpointsAtDifferentUrisEachGetTheirOwnRequests() {
    net.bind(URI.create("ws://a.test/chsk"), rejecting(401));
    net.bind(URI.create("ws://b.test/chsk"), rejecting(402));
    net.bind(URI.create("ws://a.test/other"), rejecting(403));
    net.bind(URI.create("ws://a.test:8080/chsk"), rejecting(404));
    assertThat(statusOf(URI.create("ws://a.test/chsk?client-id=x"))).isEqualTo(401);
    assertThat(statusOf(URI.create("ws://b.test/chsk"))).isEqualTo(402);
    assertThat(statusOf(URI.create("ws://a.test/other"))).isEqualTo(403);
    assertThat(statusOf(URI.create("ws://A.TEST:8080/chsk"))).isEqualTo(404);
  }

  @Test
  void wsAndHttpReachTheSameEndpointAsOnARealServer() {
    net.bind(URI.create("http://app.test/chsk"), rejecting(418));
    assertThat(statusOf(URI.create("ws://app.test:80/chsk"))).isEqualTo(418);
    net.bind(URI.create("wss://app.test/chsk"), rejecting(419));
    assertThat(statusOf(URI.create("https://app.test:443/chsk"))).isEqualTo(419);
    assertThat(statusOf(URI.create("ws://app.test/chsk"))).isEqualTo(418);
  }

  @Test
  void rebindingReplacesAndUnbindRefuses() {
    URI uri = URI.create("ws://app.test/chsk");
    net.bind(uri, rejecting(401));
    net.bind(uri, rejecting(403));
    assertThat(statusOf(uri)).isEqualTo(403);
    assertThat(net.unbind(uri)).isTrue();
    assertThat(net.unbind(uri)).isFalse();
    assertThat(Await.failure(net.clientTransport().openWebSocket(uri, Map.of(), new Recorder())))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void unbindingKeepsOpenConnections() {
    Wired w = Wired.open(net, "c1");
    net.unbind(w.connection.uri());
    assertThat(w.connection.isOpen()).isTrue();
    w.clientChannel.send(io.sente4j.core.Payload.text("still here"));
    assertThat(w.server.awaitMessages(1).texts()).containsExactly("still here");
  }

  @Test
  void addressesThatNoServerCouldHaveAreRejected() {
    ServerEndpoint e = rejecting(400);
    assertThatThrownBy(() -> net.bind(URI.create("ftp://app.test/chsk"), e))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> net.bind(URI.create("ws:/chsk"), e)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Await.failure(net.clientTransport().openWebSocket(URI.create("ftp://x.test/"), Map.of(),
        new Recorder()))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClosedNetworkRefusesEverything() {
    net.close();
    assertThat(net.isClosed()).isTrue();
    assertThatThrownBy(() -> net.bind(URI.create("ws://app.test/chsk"), rejecting(400)))
        .isInstanceOf(IllegalStateException.class);
    ChannelListener l = new Recorder();
    assertThat(Await.failure(net.clientTransport().openWebSocket(URI.create("ws://app.test/chsk"), Map.of(), l)))
        .isInstanceOf(ConnectException.class).hasMessageContaining("closed");
    net.close();
  }
}
