package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.CloseReason;
import io.sente4j.core.Direction;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultInjectionTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  private static void sendAll(io.sente4j.core.Channel ch, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      assertThat(ch.send(Payload.text(prefix + i))).isCompleted();
    }
  }

  private static List<String> numbered(String prefix, int from, int to) {
    return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void theDropFilterMakesFramesVanishAndCountsThem() {
    Wired w = Wired.open(net, "c1");
    net.setDropFilter(p -> p.asText().startsWith("drop"));
    w.clientChannel.send(Payload.text("drop me"));
    w.serverChannel.send(Payload.text("drop me too"));
    w.clientChannel.send(Payload.text("keep"));
    w.serverChannel.send(Payload.text("keep"));
    assertThat(w.server.awaitMessages(1).texts()).containsExactly("keep");
    assertThat(w.client.awaitMessages(1).texts()).containsExactly("keep");
    assertThat(net.droppedFrames()).isEqualTo(2);
    net.setDropFilter(p -> false);
    w.clientChannel.send(Payload.text("drop no more"));
    assertThat(w.server.awaitMessages(2).texts()).containsExactly("keep", "drop no more");
  }

  @Test
  void aDropFilterCanApplyToOneDirection() {
    Wired w = Wired.open(net, "c1");
    net.setDropFilter(Direction.FROM_SERVER, p -> true);
    w.serverChannel.send(Payload.text("lost"));
    w.clientChannel.send(Payload.text("arrives"));
    w.server.awaitMessages(1);
    net.setDropFilter(Direction.FROM_SERVER, p -> false);
    w.serverChannel.send(Payload.text("arrives too"));
    assertThat(w.client.awaitMessages(1).texts()).containsExactly("arrives too");
    assertThat(net.droppedFrames()).isEqualTo(1);
  }

  @Test
  void theDropProbabilityIsRepeatableForASeed() {
    long[] dropped = new long[2];
    List<List<String>> arrived = new java.util.ArrayList<>();
    for (int run = 0; run < 2; run++) {
      try (InMemoryNetwork n = InMemoryNetwork.create()) {
        Wired w = Wired.open(n, "c1");
        n.dropProbability(0.3, 42);
        sendAll(w.clientChannel, "m", 1000);
        n.dropProbability(0, 0);
        w.clientChannel.send(Payload.text("end"));
        Await.until(() -> w.server.texts().contains("end"), "the end marker");
        dropped[run] = n.droppedFrames();
        arrived.add(w.server.texts());
      }
    }
    assertThat(dropped[0]).isBetween(200L, 400L).isEqualTo(dropped[1]);
    assertThat(arrived.get(0)).hasSize(1001 - (int) dropped[0]).isEqualTo(arrived.get(1));
    assertThatThrownBy(() -> net.dropProbability(1.5, 1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aCutClosesBothEndsWith1006AndNoHandshake() {
    Wired w = Wired.open(net, "c1");
    w.connection.cut();
    assertThat(w.client.awaitClose()).isEqualTo(CloseReason.ABNORMAL.code() + " ");
    assertThat(w.server.awaitClose()).isEqualTo("1006 ");
    assertThat(w.connection.isOpen()).isFalse();
    assertThat(Await.failure(w.clientChannel.send(Payload.text("x")))).isInstanceOf(IllegalStateException.class);
    w.connection.cut();
    w.clientChannel.close(CloseReason.REQUESTED);
    Await.until(() -> net.connections().isEmpty(), "connection gone");
    w.client.assertClosedCleanly();
    w.server.assertClosedCleanly();
  }

  @Test
  void aCutLosesFramesStillInFlight() {
    Wired w = Wired.open(net, "c1");
    net.setLatency(Duration.ofSeconds(30));
    w.clientChannel.send(Payload.text("never"));
    w.connection.cut();
    assertThat(w.server.awaitClose()).isEqualTo("1006 ");
    assertThat(w.server.messages()).isEmpty();
  }

  @Test
  void aPauseHoldsFramesBothWaysAndResumeDeliversThemInOrder() {
    Wired w = Wired.open(net, "c1");
    w.connection.pause();
    assertThat(w.connection.isPaused()).isTrue();
    sendAll(w.clientChannel, "c", 50);
    sendAll(w.serverChannel, "s", 50);
    w.clientChannel.send(Payload.text("probe"));
    // Nothing can arrive while paused; a message on an unpaused connection shows the I/O threads are running.
    Wired other = Wired.open(net, "c2");
    other.clientChannel.send(Payload.text("other"));
    other.server.awaitMessages(1);
    assertThat(w.server.messages()).isEmpty();
    assertThat(w.client.messages()).isEmpty();
    w.connection.resume();
    assertThat(w.server.awaitMessages(51).texts().subList(0, 50)).isEqualTo(numbered("c", 0, 50));
    assertThat(w.client.awaitMessages(50).texts()).isEqualTo(numbered("s", 0, 50));
    sendAll(w.serverChannel, "s", 60);
    assertThat(w.client.awaitMessages(110).texts().subList(50, 110)).isEqualTo(numbered("s", 0, 60));
  }

  @Test
  void aCloseFrameWaitsForTheEndOfAPartitionButTheCloserSeesItsOwnCloseAtOnce() {
    Wired w = Wired.open(net, "c1");
    w.connection.pause();
    sendAll(w.clientChannel, "c", 3);
    sendAll(w.serverChannel, "s", 3);
    w.serverChannel.close(CloseReason.PING_TIMEOUT);
    assertThat(w.server.awaitClose()).isEqualTo("4000 ping-timeout");
    assertThat(w.server.messages()).isEmpty();
    assertThat(w.client.isClosed()).isFalse();
    w.connection.resume();
    assertThat(w.client.awaitClose()).isEqualTo("4000 ping-timeout");
    assertThat(w.client.texts()).isEqualTo(numbered("s", 0, 3));
    w.client.assertClosedCleanly();
    w.server.assertClosedCleanly();
  }

  @Test
  void aCutDuringAPartitionClosesBothEndsAtOnce() {
    Wired w = Wired.open(net, "c1");
    w.connection.pause();
    sendAll(w.clientChannel, "c", 3);
    w.connection.cut();
    assertThat(w.client.awaitClose()).isEqualTo("1006 ");
    assertThat(w.server.awaitClose()).isEqualTo("1006 ");
    assertThat(w.server.messages()).isEmpty();
  }

  @Test
  void aSilencedClientIsNotHeardButStillHears() {
    Wired w = Wired.open(net, "c1");
    w.connection.silenceClient();
    assertThat(w.connection.isClientSilenced()).isTrue();
    assertThat(w.clientChannel.send(Payload.text("pong"))).isCompleted();
    w.serverChannel.send(Payload.text("ping"));
    assertThat(w.client.awaitMessages(1).texts()).containsExactly("ping");
    assertThat(net.droppedFrames()).isEqualTo(1);
    w.connection.unsilenceClient();
    w.clientChannel.send(Payload.text("heard"));
    assertThat(w.server.awaitMessages(1).texts()).containsExactly("heard");
    w.connection.silenceClient();
    w.clientChannel.close(CloseReason.REQUESTED);
    assertThat(w.server.awaitClose()).as("close frames still pass").isEqualTo("1000 requested");
  }

  @Test
  void connectionsListsTheLiveOnesWithTheirClientIds() {
    Wired a = Wired.open(net, "alpha");
    Wired b = Wired.open(net, "beta");
    assertThat(net.connections()).containsExactly(a.connection, b.connection);
    assertThat(net.connections("beta")).containsExactly(b.connection);
    assertThat(a.connection.clientId()).isEqualTo("alpha");
    assertThat(a.connection.uri().getQuery()).isEqualTo("client-id=alpha");
    assertThat(a.connection.request().isWebSocketUpgrade()).isTrue();
    assertThat(a.connection.toString()).contains("alpha", "open");
    a.clientChannel.close(CloseReason.REQUESTED);
    assertThat(net.connections()).containsExactly(b.connection);
  }

  @Test
  void aConnectionWithoutAClientIdHasAnEmptyOne() {
    net.bind(java.net.URI.create("ws://app.test/chsk"),
        r -> new io.sente4j.core.ServerAnswer.Upgrade(ch -> new Recorder()));
    Await.result(net.clientTransport().openWebSocket(java.net.URI.create("ws://app.test/chsk"), java.util.Map.of(),
        new Recorder()));
    assertThat(net.connections()).singleElement().satisfies(c -> assertThat(c.clientId()).isEmpty());
  }

  /**
   * A connection whose server end gets its listener only after the network has closed (the close came while the
   * server's onOpen ran) still hears its close: the cut's close is delivered though the network's threads refuse
   * new work by then. (The connection is registered before onOpen, so the close cuts it.)
   */
  @Test
  void anEndWhoseListenerComesAfterTheNetworkClosedStillHearsItsClose() throws Exception {
    Recorder server = new Recorder();
    java.util.concurrent.CountDownLatch inOnOpen = new java.util.concurrent.CountDownLatch(1);
    java.net.URI uri = net.bind(java.net.URI.create("ws://app.test/late"),
        r -> new io.sente4j.core.ServerAnswer.Upgrade(ch -> {
          inOnOpen.countDown();
          long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
          while (!net.io().isShutdown() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000);
          }
          return server;
        }));
    net.clientTransport().openWebSocket(java.net.URI.create(uri + "?client-id=late"), java.util.Map.of(),
        new Recorder());
    assertThat(inOnOpen.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    net.close(); // cuts the registered connection while its server end has no listener yet
    assertThat(server.awaitClose()).isEqualTo("1006 ");
    server.assertClosedCleanly();
    assertThat(net.isTerminated()).isTrue();
  }

  @Test
  void closingTheNetworkCutsEveryConnectionAndEndsItsThreads() {
    Wired a = Wired.open(net, "a");
    Wired b = Wired.open(net, "b");
    net.setLatency(Duration.ofSeconds(30));
    a.clientChannel.send(Payload.text("in flight"));
    net.close();
    for (Recorder r : List.of(a.client, a.server, b.client, b.server)) {
      assertThat(r.awaitClose()).isEqualTo("1006 ");
      r.assertClosedCleanly();
    }
    assertThat(net.isTerminated()).isTrue();
    assertThat(net.connections()).isEmpty();
    assertThat(Await.failure(a.clientChannel.send(Payload.text("x")))).isInstanceOf(IllegalStateException.class);
  }
}
