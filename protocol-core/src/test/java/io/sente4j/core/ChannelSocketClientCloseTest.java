package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What close() leaves behind, and what the client does with calls made after it. */
class ChannelSocketClientCloseTest {
  private static final Event REQ = Event.of("app/req", 7L);
  private static final Duration AJAX_TIMEOUT = Duration.ofSeconds(61);

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void aRequestAfterCloseFailsClosedEvenThoughTheOwnedSchedulerIsShutDown() {
    ChannelSocketClient own = ChannelSocketClient.builder(ClientFixture.URI_BASE, f.transport)
        .type(ClientType.WEBSOCKET).packer(ToyPacker.TEXT).build();
    own.close();
    assertThat(ClientFixture.failure(own.send(REQ, Duration.ofSeconds(5))))
        .isInstanceOf(ReplyClosedException.class).hasMessageContaining("the client is closed");
  }

  @Test
  void aRequestAfterCloseArmsNoTimer() {
    LiveTimers timers = new LiveTimers(f.time);
    f.start(f.builder(ToyPacker.TEXT).scheduler(timers));
    f.connectOpen("alice");
    f.client.send(REQ, Duration.ofSeconds(5));
    f.client.close();
    assertThat(timers.live()).as("timers left armed by close()").isZero();
    assertThat(ClientFixture.failure(f.client.send(REQ, Duration.ofHours(1))))
        .isInstanceOf(ReplyClosedException.class).hasMessageContaining("the client is closed");
    assertThat(timers.live()).as("timers armed after close()").isZero();
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void anAjaxRequestBeingSentAsTheClientDisconnectsIsNotSentAndLeavesNoTimer() {
    // The connection ends between a request's registration and its send, here as it arms the connection's Ajax timer:
    // the handshake's, the one request of this connection that finds no timer armed.
    AtomicReference<Runnable> onNextAjaxTimer = new AtomicReference<>();
    LiveTimers timers = new LiveTimers(f.time) {
      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Runnable hook = delay.equals(AJAX_TIMEOUT) ? onNextAjaxTimer.getAndSet(null) : null;
        if (hook != null) {
          hook.run();
        }
        return super.schedule(delay, task);
      }
    };
    f.start(f.builder(ToyPacker.TEXT).type(ClientType.AJAX).ajaxTimeout(AJAX_TIMEOUT).scheduler(timers));
    onNextAjaxTimer.set(f.client::disconnect);
    CompletableFuture<ClientState> connected = f.client.connect();
    assertThat(ClientFixture.failure(connected)).hasMessage("the client disconnected before a handshake");
    f.settle();
    assertThat(onNextAjaxTimer.get()).as("the hook ran").isNull();
    assertThat(f.transport.pollGet()).as("a request sent after the disconnect").isNull();
    assertThat(timers.live()).as("timers left armed").isZero();
  }

  @Test
  void anAjaxConnectionThatEndsLeavesNoTimerArmed() {
    LiveTimers timers = new LiveTimers(f.time);
    f.start(f.builder(ToyPacker.TEXT).type(ClientType.AJAX).ajaxTimeout(AJAX_TIMEOUT).scheduler(timers));
    FakeHttpExchange poll = f.connectAjax("alice");
    f.client.send(Event.of("app/n", 1L));
    f.transport.nextPost();
    f.time.advance(Duration.ofSeconds(1));
    poll.answer(new Frame.Timeout());
    f.transport.nextGet();
    f.client.disconnect();
    f.settle();
    assertThat(timers.live()).as("timers left armed").isZero();
  }

  @Test
  void aWebSocketConnectionClosedBeforeItsOpenOpensNothing() {
    // The guard for a race: close() (or disconnect()) can close an attempt's connection after the attempt made it and
    // before it called open(), on the executor; that open must not reach the server.
    java.util.List<String> heard = new java.util.ArrayList<>();
    io.sente4j.core.internal.WebSocketConnection c = new io.sente4j.core.internal.WebSocketConnection(f.transport,
        new FrameCodec(ToyPacker.TEXT), new io.sente4j.core.internal.ClientConnection.Events() {
          @Override
          public void opened(io.sente4j.core.internal.ClientConnection connection) {
            heard.add("opened");
          }

          @Override
          public void received(io.sente4j.core.internal.ClientConnection connection, Frame frame) {
            heard.add("received");
          }

          @Override
          public void badFrame(io.sente4j.core.internal.ClientConnection connection, FrameException error) {
            heard.add("badFrame");
          }

          @Override
          public void closed(io.sente4j.core.internal.ClientConnection connection, int code, String text) {
            heard.add("closed");
          }

          @Override
          public void failed(io.sente4j.core.internal.ClientConnection connection, Throwable error) {
            heard.add("failed");
          }

          @Override
          public void lost(io.sente4j.core.internal.ClientConnection connection, CloseInfo info, Throwable error) {
            heard.add("lost");
          }
        });
    c.close(CloseReason.REQUESTED);
    c.open(ClientFixture.URI_BASE, java.util.Map.of());
    f.settle();
    assertThat(f.transport.opens()).as("WebSockets opened").isZero();
    assertThat(heard).isEmpty();
  }
}
