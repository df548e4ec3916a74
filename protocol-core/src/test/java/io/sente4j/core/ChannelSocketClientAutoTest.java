package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ClientType#AUTO}: a WebSocket first, Ajax for good if the first one never opens (PROTOCOL.md §7.6). */
class ChannelSocketClientAutoTest {

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ChannelSocketClient.Builder auto() {
    return f.builder(ToyPacker.TEXT).type(ClientType.AUTO).backoff(ClientFixture.STEPS).csrfToken("tok");
  }

  private List<String> statesSeen() {
    return f.allStates().stream().map(s -> s.via() + " " + s.status() + " " + s.attempt())
        .collect(Collectors.toList());
  }

  @Test
  void autoIsTheDefault() {
    ChannelSocketClient c = ChannelSocketClient.builder(ClientFixture.URI_BASE, f.transport).packer(ToyPacker.TEXT)
        .scheduler(f.time).executor(f.exec).build();
    try {
      f.transport.failNext(new java.io.IOException("blocked"));
      c.connect();
      f.transport.nextOpen();
      assertThat(f.transport.nextGet().isHandshake()).isTrue();
    } finally {
      c.close();
    }
  }

  @Test
  void aRefusedFirstWebSocketFallsBackToAjaxAtOnce() {
    f.start(auto());
    f.transport.refuseNext(403, "Bad CSRF token");
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeConnection ws = f.transport.nextOpen();
    assertThat(ws.uri.getQuery()).contains("csrf-token=tok");
    assertThat(f.nextError()).isInstanceOf(UpgradeRefusedException.class);
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.isHandshake()).isTrue();
    assertThat(hs.call.uri().getScheme()).isEqualTo("http");
    assertThat(hs.query()).doesNotContainKey("csrf-token");
    assertThat(hs.call.headers()).containsEntry("X-CSRF-Token", List.of("tok"));
    hs.answer(new Frame.Handshake("alice", null));
    ClientState open = ClientFixture.join(connected);
    assertThat(open.via()).isEqualTo(Via.AJAX_POLL);
    assertThat(statesSeen()).containsExactly("WEBSOCKET CONNECTING 0", "WEBSOCKET CLOSED 0",
        "AJAX_POLL CONNECTING 0", "AJAX_POLL OPEN 0");
    assertThat(f.allStates().get(1).lastClose().get().reason()).isEqualTo(CloseReason.ERROR);
  }

  @Test
  void afterTheFallbackEveryReconnectUsesAjax() {
    f.start(auto());
    f.transport.failNext(new java.io.IOException("blocked"));
    f.client.connect();
    f.transport.nextOpen();
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    FakeHttpExchange poll = f.transport.nextGet();
    poll.status(502, "bad gateway");
    FakeHttpExchange retry = f.transport.nextGet();
    assertThat(retry.isHandshake()).isTrue();
    retry.answer(new Frame.Handshake("alice", null));
    f.transport.nextGet();
    f.client.reconnect();
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    assertThat(f.transport.nextGet().isHandshake()).as("its poll").isFalse();
    f.client.disconnect();
    f.client.connect();
    assertThat(f.transport.nextGet().isHandshake()).isTrue();
    f.settle();
    assertThat(f.transport.opens()).as("one WebSocket, ever").isEqualTo(1);
  }

  @Test
  void onceAWebSocketHasOpenedLossesReconnectOverWebSocket() {
    f.start(auto());
    FakeConnection ws = f.connectOpen("alice");
    f.transport.refuseNext(503, "busy");
    ws.cut();
    f.transport.nextOpen(); // attempt 1, refused
    f.nextError();
    f.awaitState(s -> s.status() == Status.CLOSED && s.attempt() == 1);
    f.time.advance(Duration.ofSeconds(20));
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).as("no Ajax request").isEmpty();
  }

  @Test
  void aWebSocketThatOpenedButClosedBeforeTheHandshakeDoesNotFallBack() {
    f.start(auto());
    f.client.connect();
    FakeConnection ws = f.transport.nextOpen();
    f.settle(); // the open completes on the I/O thread
    ws.serverClose(CloseReason.SERVER_STOP);
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).isEmpty();
  }

  @Test
  void aWebSocketThatDeliveredAFrameBeforeItsOpenWasReportedHasOpenedAndDoesNotFallBack() {
    f.start(auto());
    f.transport.deferNextOpen(); // the transport reads the server's first message before it reports the open
    f.client.connect();
    FakeConnection ws = f.transport.nextOpen();
    ws.push(Frame.Push.of(Event.of("app/early", 1L))); // not the handshake: a protocol error on an open WebSocket
    assertThat(f.nextError()).hasMessageContaining("not the handshake");
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).as("no Ajax request").isEmpty();
  }

  @Test
  void aWebSocketOnlyClientRetriesWebSocketsAfterARefusedFirstOpen() {
    f.start(auto().type(ClientType.WEBSOCKET));
    f.transport.refuseNext(403, "Bad CSRF token");
    f.client.connect();
    f.transport.nextOpen();
    f.nextError();
    f.transport.nextOpen().handshake("alice", null);
    assertThat(f.awaitState(ClientState::isOpen).via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).isEmpty();
  }

  @Test
  void aBadApplicationParameterIsNoReasonToFallBack() {
    f.start(auto().params(() -> Map.of("udt", "mine")));
    f.client.connect();
    assertThat(f.nextError()).isInstanceOf(IllegalArgumentException.class);
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.via()).isEqualTo(Via.WEBSOCKET);
    f.awaitState(s -> s.status() == Status.CONNECTING && s.attempt() == 1);
    f.settle();
    assertThat(f.client.state().via()).isEqualTo(Via.WEBSOCKET);
    assertThat(f.transport.calls()).isEmpty();
  }

  @Test
  void sendsHeldDuringTheFallbackGoOutAsPostsAfterTheAjaxHandshake() {
    f.start(auto().offlineSends(OfflineSendPolicy.queue(4)));
    f.transport.refuseNext(403, "");
    CompletableFuture<Object> reply = f.client.send(Event.of("app/q", 1L), Duration.ofMinutes(1));
    f.client.connect();
    f.transport.nextOpen();
    f.transport.nextGet().answer(new Frame.Handshake("alice", null));
    FakeHttpExchange post = f.transport.nextPost();
    assertThat(post.event()).isEqualTo(new Frame.AjaxEvent(Event.of("app/q", 1L), true));
    post.answer(new Frame.AjaxReply("r"));
    assertThat(ClientFixture.join(reply)).isEqualTo("r");
  }
}
