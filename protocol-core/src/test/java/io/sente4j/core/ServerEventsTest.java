package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ServerEventsTest {
  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.close();
  }

  private static ServerRequest upgrade(String uid, String clientId, String data) {
    return ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true).queryParam("client-id", clientId)
        .queryParam("uid", uid).queryParam("data", data).build();
  }

  @Test
  void handshakeIsTheFirstFrameWithUidAndHandshakeData() {
    FakeChannel ch = f.open(upgrade("alice", "c1", "pro"));
    f.idle();
    assertThat(ch.next()).isEqualTo(new Frame.Handshake("alice", "pro"));
    assertThat(ch.drain()).isEmpty();
  }

  @Test
  void handshakeDataFunctionGetsTheComputedUid() {
    AtomicReference<Object> seen = new AtomicReference<>();
    try (ServerFixture g = new ServerFixture(b -> b.handshakeData((request, uid) -> {
      seen.set(uid);
      return List.of(uid, 1L);
    }))) {
      FakeChannel ch = g.open(ServerFixture.upgrade("bob", "c1"));
      g.idle();
      assertThat(ch.next()).isEqualTo(new Frame.Handshake("bob", List.of("bob", 1L)));
      assertThat(seen).hasValue("bob");
    }
  }

  @Test
  void aNullUidIsTheNilUid() {
    FakeChannel ch = f.open(ServerFixture.upgrade(null, "c1"));
    f.idle();
    assertThat(ch.next()).isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
    assertThat(f.server.connectedUids().any()).containsExactly(Chsk.NIL_UID);
  }

  @Test
  void theDefaultUserIdIsTheNilUid() {
    try (TrackingExecutor executor = new TrackingExecutor(1)) {
      ChannelSocketServer server = ChannelSocketServer.builder(ToyPacker.TEXT).withoutCsrfCheck()
          .handlerExecutor(executor).scheduler(new VirtualScheduler()).build();
      FakeChannel ch = new FakeChannel();
      ch.listener = ((ServerAnswer.Upgrade) server.handle(ServerFixture.upgrade("x", "c1"))).onOpen().apply(ch);
      executor.awaitIdle();
      assertThat(ch.next()).isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
      server.stop();
    }
  }

  @Test
  void anEventWithoutCallbackReachesTheHandlerWithItsConnection() {
    ServerRequest request = upgrade("alice", "c1", "d");
    FakeChannel ch = f.open(request);
    f.idle();
    ch.next();
    ch.clientSends(new Frame.ClientEvent(ev("chat/send", List.of("hi", 2L)), null));

    EventMessage msg = f.nextEvent();
    assertThat(msg.event()).isEqualTo(ev("chat/send", List.of("hi", 2L)));
    assertThat(msg.id()).isEqualTo(Keyword.of("chat", "send"));
    assertThat(msg.data()).isEqualTo(List.of("hi", 2L));
    assertThat(msg.uid()).isEqualTo("alice");
    assertThat(msg.clientId()).isEqualTo("c1");
    assertThat(msg.request()).isSameAs(request);
    assertThat(msg.via()).isEqualTo(Via.WEBSOCKET);
    assertThat(msg.wantsReply()).isFalse();
    assertThat(msg.reply("ignored")).isFalse();
    assertThat(msg.hasReplied()).isFalse();
    f.idle();
    assertThat(ch.drain()).isEmpty();
  }

  @Test
  void handlersRunOnTheHandlerExecutorWithTheMdc() {
    AtomicReference<String> thread = new AtomicReference<>();
    AtomicReference<String> mdc = new AtomicReference<>();
    f.onEvent = msg -> {
      thread.set(Thread.currentThread().getName());
      mdc.set(MDC.get("sente4j.uid") + "/" + MDC.get("sente4j.clientId"));
    };
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    f.nextEvent();
    assertThat(thread.get()).startsWith(TrackingExecutor.PREFIX).isNotEqualTo(Thread.currentThread().getName());
    assertThat(mdc).hasValue("alice/c1");
  }

  @Test
  void aReplyCarriesTheCallbackId() {
    f.onEvent = msg -> assertThat(msg.reply(List.of("ok", msg.data()))).isTrue();
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("math/id", 7L), "cb1"));
    EventMessage msg = f.nextEvent();
    assertThat(msg.wantsReply()).isTrue();
    assertThat(msg.hasReplied()).isTrue();
    assertThat(ch.next()).isEqualTo(new Frame.Reply(List.of("ok", 7L), "cb1"));
  }

  @Test
  void onlyTheFirstReplyIsSent() {
    List<Boolean> results = Collections.synchronizedList(new ArrayList<>());
    f.onEvent = msg -> {
      results.add(msg.reply("first"));
      results.add(msg.reply("second"));
    };
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
    EventMessage msg = f.nextEvent();
    assertThat(msg.reply("third")).isFalse();
    assertThat(results).containsExactly(true, false);
    f.idle();
    assertThat(ch.drain()).containsExactly(new Frame.Reply("first", "cb1"));
    assertThat(TestLogging.lines()).anySatisfy(line -> {
      assertThat(line.level()).isEqualTo(org.slf4j.event.Level.WARN);
      assertThat(line.message()).contains(":a/b", "already replied");
    });
  }

  @Test
  void aReplyAfterTheCloseIsDroppedAndReported() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
    EventMessage msg = f.nextEvent();
    ch.clientCloses(1000);
    assertThat(msg.reply("late")).isFalse();
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.REPLY_DROPPED);
    assertThat(err.uid()).isEqualTo("alice");
    assertThat(err.clientId()).isEqualTo("c1");
    assertThat(msg.reply("again")).isFalse();
  }

  @Test
  void anUnpackableReplyThrowsAndCanBeReplacedByAnother() {
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
    EventMessage msg = f.nextEvent();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> msg.reply(1.5)).isInstanceOf(PackerException.class);
    assertThat(msg.hasReplied()).isFalse();
    assertThat(msg.reply("fine")).isTrue();
    assertThat(ch.next()).isEqualTo(new Frame.Reply("fine", "cb1"));
  }

  @Test
  void aReplyThePackerReturnsNullForThrowsAPackerExceptionAndCanBeReplacedByAnother() {
    // Regression: the null payload reached the connection's send queue, which threw a NullPointerException.
    try (ServerFixture g = new ServerFixture(ToyPacker.TEXT, b -> b.additionalPackers(FaultyPacker.NULLING))) {
      FakeChannel ch = g.connect("alice", "c1", FaultyPacker.NULLING.name());
      ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
      EventMessage msg = g.nextEvent();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> msg.reply("nothing"))
          .isInstanceOf(PackerException.class).hasMessageContaining("pack returned null");
      assertThat(msg.hasReplied()).isFalse();
      assertThat(msg.reply("fine")).isTrue();
      assertThat(ch.next()).isEqualTo(new Frame.Reply("fine", "cb1"));
    }
  }

  @Test
  void aThrowingHandlerIsReportedAndTheClientGetsChskError() {
    f.onEvent = msg -> {
      throw new IllegalStateException("boom");
    };
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
    f.nextEvent();
    ServerError err = f.nextError();
    assertThat(err.kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
    assertThat(err.uid()).isEqualTo("alice");
    assertThat(err.clientId()).isEqualTo("c1");
    assertThat(err.cause()).hasMessage("boom");
    assertThat(ch.next()).isEqualTo(new Frame.Reply(Chsk.ERROR, "cb1"));
  }

  @Test
  void aThrowingHandlerThatAlreadyRepliedOrWantedNoReplySendsNothingMore() {
    f.onEvent = msg -> {
      msg.reply("done");
      throw new IllegalStateException("after");
    };
    FakeChannel ch = f.connect("alice", "c1");
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), "cb1"));
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    f.nextEvent();
    f.nextEvent();
    f.idle();
    assertThat(ch.drain()).containsExactly(new Frame.Reply("done", "cb1"));
    assertThat(ServerFixture.drain(f.errors)).extracting(ServerError::kind)
        .containsExactly(ServerError.Kind.HANDLER_FAILED, ServerError.Kind.HANDLER_FAILED);
  }

  @Test
  void eventsOfOneConnectionRunOneAtATimeInOrder() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlap = new AtomicInteger();
    f.onEvent = msg -> {
      if (running.incrementAndGet() > 1) {
        overlap.incrementAndGet();
      }
      running.decrementAndGet();
    };
    FakeChannel ch = f.connect("alice", "c1");
    for (long i = 0; i < 500; i++) {
      ch.clientSends(new Frame.ClientEvent(ev("n/n", i), null));
    }
    f.idle();
    List<Object> seen = new ArrayList<>();
    ServerFixture.drain(f.events).forEach(m -> seen.add(m.data()));
    assertThat(seen).hasSize(500);
    for (int i = 0; i < 500; i++) {
      assertThat(seen.get(i)).isEqualTo((long) i);
    }
    assertThat(overlap).hasValue(0);
  }

  @Test
  void differentConnectionsRunInParallel() throws InterruptedException {
    CountDownLatch bobHandled = new CountDownLatch(1);
    AtomicReference<Boolean> aliceSawBob = new AtomicReference<>();
    f.onEvent = msg -> {
      if (msg.uid().equals("alice")) {
        try {
          aliceSawBob.set(bobHandled.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } else {
        bobHandled.countDown();
      }
    };
    FakeChannel alice = f.connect("alice", "c1");
    FakeChannel bob = f.connect("bob", "c2");
    alice.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    bob.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    f.idle();
    assertThat(aliceSawBob).hasValue(true);
  }

  @Test
  void whatTheClientSendsBeforeTheHandshakeIsHandledAfterIt() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerFixture g = new ServerFixture(b -> b.userId((request, clientId) -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "alice";
    }))) {
      FakeChannel ch = g.open(ServerFixture.upgrade("alice", "c1"));
      ch.clientSends(new Frame.ClientEvent(ev("early/one", null), null));
      ch.clientSends(new Frame.ClientPing("p1"));
      ch.clientSends(new Frame.ClientEvent(ev("early/two", null), "cb2"));
      assertThat(ch.drain()).isEmpty();
      release.countDown();
      g.idle();
      assertThat(ch.drain()).containsExactly(new Frame.Handshake("alice", null), new Frame.Pong("p1"));
      assertThat(ServerFixture.drain(g.events)).extracting(EventMessage::id)
          .containsExactly(Keyword.of("early", "one"), Keyword.of("early", "two"));
    }
  }

  @Test
  void tooManyMessagesBeforeTheHandshakeCloseWithOverflow() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    try (ServerFixture g = new ServerFixture(b -> b.userId((request, clientId) -> {
      try {
        release.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "alice";
    }))) {
      FakeChannel ch = g.open(ServerFixture.upgrade("alice", "c1"));
      for (int i = 0; i <= 1024; i++) {
        ch.clientSends(new Frame.ClientPong());
      }
      assertThat(ch.closeCode()).isEqualTo(CloseReason.OVERFLOW.code());
      release.countDown();
      g.idle();
      assertThat(ch.drain()).isEmpty();
      assertThat(g.server.connectedUids().any()).isEmpty();
    }
  }

  @Test
  void aThrowingUserIdFunctionIsReportedAndClosesTheConnection() {
    try (ServerFixture g = new ServerFixture(b -> b.userId((request, clientId) -> {
      throw new IllegalStateException("no session");
    }))) {
      FakeChannel ch = g.open(ServerFixture.upgrade("alice", "c1"));
      ch.awaitClosed();
      assertThat(ch.closeCode()).isEqualTo(CloseReason.ERROR.code());
      ServerError err = g.nextError();
      assertThat(err.kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
      assertThat(err.clientId()).isEqualTo("c1");
      assertThat(ch.drain()).isEmpty();
      assertThat(g.server.connectedUids().any()).isEmpty();
    }
  }

  @Test
  void unpackableHandshakeDataIsReportedAndClosesTheConnection() {
    try (ServerFixture g = new ServerFixture(b -> b.handshakeData((request, uid) -> 1.5))) {
      FakeChannel ch = g.open(ServerFixture.upgrade("alice", "c1"));
      ch.awaitClosed();
      assertThat(ch.closeCode()).isEqualTo(CloseReason.ERROR.code());
      assertThat(g.nextError().kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
      assertThat(ch.drain()).isEmpty();
    }
  }
}
