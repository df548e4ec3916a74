package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
  void anAjaxPollBeingSentAsTheClientDisconnectsIsNotSentAndLeavesNoTimer() {
    AtomicReference<Runnable> onNextAjaxTimer = new AtomicReference<>();
    LiveTimers timers = new LiveTimers(f.time) {
      @Override
      public Cancellable schedule(Duration delay, Runnable task) {
        Runnable hook = delay.equals(AJAX_TIMEOUT) ? onNextAjaxTimer.getAndSet(null) : null;
        if (hook != null) {
          hook.run(); // the connection ends between the poll's registration and its timer
        }
        return super.schedule(delay, task);
      }
    };
    f.start(f.builder(ToyPacker.TEXT).type(ClientType.AJAX).ajaxTimeout(AJAX_TIMEOUT).scheduler(timers));
    FakeHttpExchange poll = f.connectAjax("alice");
    onNextAjaxTimer.set(f.client::disconnect);
    poll.answer(new Frame.Timeout()); // the client sends the next poll, and disconnects as it does
    f.awaitState(s -> s.status() == ClientState.Status.CLOSED);
    f.settle();
    assertThat(onNextAjaxTimer.get()).as("the hook ran").isNull();
    assertThat(f.transport.pollGet()).as("a poll sent after the disconnect").isNull();
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

  /** A scheduler that counts its timers that are armed: neither cancelled nor run. */
  static class LiveTimers implements Scheduler {
    private final Scheduler inner;
    private final java.util.Set<Object> live = java.util.concurrent.ConcurrentHashMap.newKeySet();

    LiveTimers(Scheduler inner) {
      this.inner = inner;
    }

    int live() {
      return live.size();
    }

    @Override
    public long nanoTime() {
      return inner.nanoTime();
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
      Object id = new Object();
      live.add(id);
      Cancellable c = inner.schedule(delay, () -> {
        live.remove(id);
        task.run();
      });
      return () -> {
        live.remove(id);
        return c.cancel();
      };
    }
  }
}
