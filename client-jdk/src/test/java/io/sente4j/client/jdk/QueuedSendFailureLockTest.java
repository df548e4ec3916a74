package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sends a closing WebSocket fails are failed outside the channel's send-queue lock. Their futures have dependents
 * in the client core that take the client's lock, which a thread sending holds while it waits for the queue's lock:
 * failing them under it deadlocked the thread that read the close (with the JDK client's direct executor, its
 * selector thread, which reads for every connection of the transport).
 */
class QueuedSendFailureLockTest {
  private static final long WAIT_SECONDS = 10;
  /** The close timeout's timer; a daemon thread, idle but for the close in this test. */
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "test-close-timer");
    t.setDaemon(true);
    return t;
  });

  @Test
  void aCloseFailsTheQueuedSendsWithoutHoldingTheLockASenderWaitsFor() throws Exception {
    PendingSendsWebSocket socket = new PendingSendsWebSocket();
    JdkWebSocketChannel channel = new JdkWebSocketChannel(ChannelListener.ignoring(), 1 << 20,
        Duration.ofSeconds(5), TIMER);
    channel.onOpen(socket);
    channel.start();
    channel.send(Payload.text("outstanding")); // the JDK has not finished writing it
    CompletableFuture<Void> queued = channel.send(Payload.text("queued"));

    Object clientLock = new Object(); // stands for the client core's lock
    CountDownLatch lockHeld = new CountDownLatch(1);
    CountDownLatch failing = new CountDownLatch(1);
    queued.whenComplete((ok, error) -> {
      failing.countDown();
      synchronized (clientLock) { // as the core's dependent does
        assertThat(error).isNotNull();
      }
    });
    Thread sender = new Thread(() -> {
      synchronized (clientLock) { // a client sending holds its lock as it hands the frame to the channel
        lockHeld.countDown();
        await(failing);
        channel.send(Payload.text("late"));
      }
    }, "sender");
    sender.setDaemon(true);
    sender.start();
    assertThat(lockHeld.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

    Thread reader = new Thread(() -> channel.onClose(socket, 1000, "bye"), "reader");
    reader.setDaemon(true); // a deadlocked pair must not keep the test JVM alive
    reader.start();
    reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    sender.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

    assertThat(reader.isAlive()).as("the thread reading the close is not stuck").isFalse();
    assertThat(sender.isAlive()).as("the thread sending is not stuck").isFalse();
    assertThat(queued).isCompletedExceptionally();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("no send was failed within " + WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
