package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.sente4j.core.ClientState.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelSocketClientConnectTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void urlPutsApplicationParamsFirstThenClientIdCsrfTokenAndPacker() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("b", "2");
    params.put("a", "x y&z");
    f.start(f.builder(ToyPacker.TEXT).params(() -> params).csrfToken("tok+1"));
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    assertThat(c.uri).hasToString(
        "ws://app.test/chsk?b=2&a=x%20y%26z&client-id=c1&csrf-token=tok%2B1&sente4j-packer=toy");
  }

  @Test
  void urlWithoutCsrfTokenOmitsTheParameter() {
    f.start();
    f.client.connect();
    assertThat(f.transport.nextOpen().uri).hasToString("ws://app.test/chsk?client-id=c1&sente4j-packer=toy");
  }

  @Test
  void suppliersAreCalledOnEveryConnectionAttempt() {
    AtomicInteger n = new AtomicInteger();
    AtomicInteger h = new AtomicInteger();
    AtomicInteger p = new AtomicInteger();
    f.start(f.builder(ToyPacker.TEXT)
        .csrfToken(() -> "t" + n.incrementAndGet())
        .params(() -> Map.of("v", String.valueOf(p.incrementAndGet())))
        .headers(() -> Map.of("Authorization", List.of("Bearer " + h.incrementAndGet()))));
    FakeConnection first = f.connectOpen("alice");
    assertThat(first.uri.getQuery()).isEqualTo("v=1&client-id=c1&csrf-token=t1&sente4j-packer=toy");
    assertThat(first.headers).containsEntry("Authorization", List.of("Bearer 1"));

    first.cut();
    FakeConnection second = f.transport.nextOpen();
    assertThat(second.uri.getQuery()).isEqualTo("v=2&client-id=c1&csrf-token=t2&sente4j-packer=toy");
    assertThat(second.headers).containsEntry("Authorization", List.of("Bearer 2"));
  }

  @Test
  void applicationParamWithAProtocolNameFailsTheAttemptAndIsReported() {
    f.start(f.builder(ToyPacker.TEXT).params(() -> Map.of("client-id", "mine")));
    f.client.connect();
    assertThat(f.nextError()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"client-id\" belongs to the protocol");
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).get().extracting(CloseInfo::reason).isEqualTo(CloseReason.ERROR);
    assertThat(f.transport.opens()).isZero();
  }

  @Test
  void handshakeOpensTheClientAndCompletesConnectOnTheExecutor() {
    f.start();
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<ClientState> connected = f.client.connect();
    CompletableFuture<ClientState> seen = connected.whenComplete((s, e) -> thread.set(Thread.currentThread().getName()));
    assertThat(f.client.state().status()).isEqualTo(Status.CONNECTING);
    FakeConnection c = f.transport.nextOpen();
    c.handshake("alice", List.of(1L, "x"));
    ClientState open = ClientFixture.join(seen);
    assertThat(thread.get()).isEqualTo("client-exec");
    assertThat(open).isEqualTo(new ClientState("c1", Via.WEBSOCKET, Status.OPEN, true, "alice", List.of(1L, "x"),
        java.util.Optional.empty(), 0));
    assertThat(f.client.state()).isEqualTo(open);
    assertThat(ClientFixture.join(f.client.connect())).as("connect when open").isEqualTo(open);
  }

  @Test
  void sendsAfterAHandshakeThatCameBeforeTheOpenCompletedWaitForTheChannelInOrder() {
    f.start(f.builder(ToyPacker.TEXT).offlineSends(OfflineSendPolicy.queue(5)));
    CompletableFuture<Void> held = f.client.send(Event.of("app/n", 1L));
    f.transport.deferNextOpen();
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    CompletableFuture<Void> direct = f.client.send(Event.of("app/n", 2L));
    f.settle();
    assertThat(c.poll()).isNull();
    assertThat(held).isNotDone();
    c.completeOpen();
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(Event.of("app/n", 1L), null));
    assertThat(c.next()).isEqualTo(new Frame.ClientEvent(Event.of("app/n", 2L), null));
    ClientFixture.join(held);
    ClientFixture.join(direct);
  }

  @Test
  void aHeldFrameWhoseSendFailsAsTheChannelIsHandedOverDoesNotDeadlockWithASendUnderTheClientsLock()
      throws InterruptedException {
    f.start();
    f.transport.deferNextOpen();
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.handshake("alice", null);
    f.awaitState(ClientState::isOpen);
    CompletableFuture<Object> early = f.client.send(Event.of("app/early", 1L), Duration.ofSeconds(5));
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    c.holdSends(entered, release);
    c.failSends();
    c.completeOpen(); // the I/O thread hands the channel over and sends the held frame, which waits
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Object> later = new CompletableFuture<>();
    Thread sender = new Thread(() -> later.complete(f.client.send(Event.of("app/later", 2L), Duration.ofSeconds(5))),
        "app-sender");
    sender.setDaemon(true);
    sender.start();
    while (sender.getState() != Thread.State.BLOCKED && sender.isAlive()) {
      Thread.onSpinWait(); // until the sender, holding the client's lock, waits for the connection
    }
    release.countDown(); // the held frame's send fails: its request ends, which takes the client's lock
    sender.join(5000);
    boolean deadlocked = sender.isAlive();
    if (deadlocked) {
      f.client = null; // close() would wait for the client's lock for good
    }
    assertThat(deadlocked).as("the sender and the I/O thread deadlocked").isFalse();
    assertThat(ClientFixture.failure(early)).isInstanceOf(ReplyErrorException.class);
    ClientFixture.join(later);
  }

  @Test
  void nilUidHandshakeReadsAsNilUid() {
    f.start();
    f.connectOpen(null);
    assertThat(f.client.state().uid()).isEqualTo(Chsk.NIL_UID);
  }

  @Test
  void connectWhileConnectingMakesOneAttempt() {
    f.start();
    CompletableFuture<ClientState> a = f.client.connect();
    CompletableFuture<ClientState> b = f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.handshake("u", null);
    assertThat(ClientFixture.join(a)).isEqualTo(ClientFixture.join(b));
    f.settle();
    assertThat(f.transport.opens()).isEqualTo(1);
  }

  @Test
  void stateListenerSeesEveryChangeInOrderOnTheExecutor() {
    AtomicReference<String> thread = new AtomicReference<>();
    f.start(f.builder(ToyPacker.TEXT).stateListener(s -> {
      thread.compareAndSet(null, Thread.currentThread().getName());
      synchronized (f.allStates) {
        f.allStates.add(s);
      }
    }));
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.handshake("alice", null);
    f.settle();
    c.cut();
    FakeConnection c2 = f.transport.nextOpen();
    c2.handshake("bob", "data");
    f.settle();
    f.client.disconnect();
    List<ClientState> states = f.allStates();
    assertThat(states).extracting(ClientState::status).containsExactly(Status.CONNECTING, Status.OPEN,
        Status.CLOSED, Status.CONNECTING, Status.OPEN, Status.CLOSED);
    assertThat(states).extracting(ClientState::attempt).containsExactly(0, 0, 0, 1, 0, 0);
    assertThat(states).extracting(ClientState::uid).containsExactly(null, "alice", "alice", "alice", "bob", "bob");
    assertThat(states.get(0).everOpened()).isFalse();
    assertThat(states.get(2).lastClose()).contains(new CloseInfo(CloseReason.ABNORMAL, 1006, "", false));
    assertThat(states.get(5).lastClose()).contains(CloseInfo.byClient(CloseReason.REQUESTED));
    assertThat(thread.get()).isEqualTo("client-exec");
  }

  @Test
  void firstFrameThatIsNotTheHandshakeClosesWithErrorAndReconnects() {
    f.start();
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.push(Frame.Push.of(Event.of("app/x", 1L)));
    assertThat(c.awaitClientClose()).isEqualTo(CloseReason.ERROR.code());
    assertThat(f.nextError()).hasMessageContaining("first frame was PUSH, not the handshake");
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(CloseInfo.byClient(CloseReason.ERROR));
    FakeConnection again = f.transport.nextOpen();
    again.handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).uid()).isEqualTo("alice");
    assertThat(f.pushes).isEmpty();
  }

  @Test
  void badFrameFirstIsAProtocolErrorToo() {
    f.start();
    f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    c.pushRaw(Payload.text("[1 2 3]"));
    assertThat(c.awaitClientClose()).isEqualTo(CloseReason.ERROR.code());
    assertThat(f.nextError()).hasMessage("the server's first frame was bad, not the handshake")
        .hasCauseInstanceOf(FrameException.class);
  }

  @Test
  void badFramesAreReportedAndDroppedAndTheConnectionGoesOn() {
    f.start();
    FakeConnection c = f.connectOpen("alice");
    c.pushRaw(Payload.text("not toy text"));
    c.pushRaw(Payload.text("[[:chsk/state 1] nil]"));
    c.push(Frame.Push.of(Event.of("app/after", 1L)));
    assertThat(f.nextError()).isInstanceOf(FrameException.class)
        .extracting(e -> ((FrameException) e).reason()).isEqualTo(FrameException.Reason.UNPACKABLE);
    assertThat(f.nextError()).isInstanceOf(FrameException.class);
    assertThat(f.nextPush()).isEqualTo(Event.of("app/after", 1L));
    assertThat(c.clientClosed()).isFalse();
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void buildRequiresAPacker() {
    assertThatIllegalStateException()
        .isThrownBy(() -> ChannelSocketClient.builder(ClientFixture.URI_BASE, f.transport).build())
        .withMessageContaining("packer");
  }

  @Test
  void closeIsIdempotentAndConnectAfterCloseFails() {
    f.start();
    f.connectOpen("alice");
    f.client.close();
    f.client.close();
    assertThatIllegalStateException().isThrownBy(f.client::connect).withMessage("the client is closed");
    assertThatIllegalStateException().isThrownBy(f.client::reconnect);
    assertThat(ClientFixture.failure(f.client.send(Event.of("app/x", 1L))))
        .isInstanceOf(ReplyClosedException.class).hasMessageContaining("the client is closed");
  }

  @Test
  void closeShutsDownTheThreadsTheClientOwns() throws InterruptedException {
    java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(1);
    ChannelSocketClient own = ChannelSocketClient.builder(ClientFixture.URI_BASE, f.transport)
        .packer(ToyPacker.TEXT).stateListener(s -> {
          if (s.isOpen()) {
            open.countDown();
          }
        }).build();
    own.connect();
    f.transport.nextOpen().handshake("u", null);
    assertThat(open.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    List<Thread> owned = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sente4j-client-")).collect(java.util.stream.Collectors.toList());
    assertThat(owned).isNotEmpty();
    own.close();
    for (Thread t : owned) {
      t.join(5000);
      assertThat(t.isAlive()).as(t.getName() + " ended").isFalse();
    }
  }
}
