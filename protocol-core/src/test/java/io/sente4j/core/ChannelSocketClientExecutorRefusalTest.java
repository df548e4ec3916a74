package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An executor that refuses to complete a client's futures (a bounded pool that is full, or one the application shut
 * down): the futures still complete, never on the transport thread that read the frame and never under the client's
 * lock, since completing runs their dependent stages, which are application code.
 */
class ChannelSocketClientExecutorRefusalTest {
  private final ClientFixture f = new ClientFixture();
  private final AtomicBoolean refuse = new AtomicBoolean();

  @AfterEach
  void tearDown() {
    refuse.set(false);
    f.close();
  }

  private void start() {
    f.start(f.builder(ToyPacker.TEXT).executor(task -> {
      if (refuse.get()) {
        throw new RejectedExecutionException("the pool is full (expected in this test)");
      }
      f.exec.execute(task);
    }));
  }

  /**
   * A dependent stage that completes {@code seen} with the thread it ran on, once another thread has taken the
   * client's lock meanwhile; were the stage run under that lock, the other thread would still wait after 2 s (a
   * bound on a deadlock, not a wait for something expected).
   */
  private <T> BiConsumer<T, Throwable> probe(CompletableFuture<String> seen) {
    return (value, error) -> {
      String thread = Thread.currentThread().getName();
      Thread other = new Thread(f.client::pendingReplies, "takes-the-client-lock");
      other.start();
      try {
        other.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.complete(other.isAlive() ? "under the client's lock on " + thread : thread);
    };
  }

  @Test
  void aReplyTheExecutorRefusesToCompleteCompletesOffTheTransportThreadAndOutsideTheLock() {
    // Regression: the refused completion ran on the delivering thread, a transport thread holding the client's lock:
    // the future's stages (application code) ran there, and one that waited for another thread using the client
    // deadlocked.
    start();
    FakeConnection c = f.connectOpen("alice");
    CompletableFuture<Object> reply = f.client.send(Event.of("app/req", 1L), Duration.ofSeconds(5));
    String cb = c.nextEvent().callbackId();
    CompletableFuture<String> seen = new CompletableFuture<>();
    reply.whenComplete(probe(seen));
    refuse.set(true);
    c.reply("ok", cb);
    assertThat(ClientFixture.join(seen)).isNotEqualTo("fake-io").doesNotStartWith("under the client's lock");
    assertThat(reply.join()).isEqualTo("ok");
  }

  @Test
  void aConnectTheExecutorRefusesToCompleteCompletesOffTheTransportThreadAndOutsideTheLock() {
    start();
    CompletableFuture<ClientState> connected = f.client.connect();
    FakeConnection c = f.transport.nextOpen();
    CompletableFuture<String> seen = new CompletableFuture<>();
    connected.whenComplete(probe(seen));
    refuse.set(true);
    c.handshake("alice", null);
    assertThat(ClientFixture.join(seen)).isNotEqualTo("fake-io").doesNotStartWith("under the client's lock");
    assertThat(connected.join().uid()).isEqualTo("alice");
  }
}
