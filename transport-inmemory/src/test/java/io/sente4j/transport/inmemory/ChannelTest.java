package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Channel;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChannelTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  private static List<String> numbered(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  @Test
  void textAndBinaryTravelBothWaysAsSent() {
    Wired w = Wired.open(net, "c1");
    Payload bin = Payload.binary(Bytes.fromHex("00ff10"));
    assertThat(w.clientChannel.send(Payload.text("[:a/b 1]"))).isCompleted();
    w.clientChannel.send(bin);
    w.serverChannel.send(Payload.text("[:chsk/handshake [\"u\" nil]]"));
    assertThat(w.server.awaitMessages(2).messages()).containsExactly(Payload.text("[:a/b 1]"), bin);
    assertThat(w.client.awaitMessages(1).messages()).containsExactly(Payload.text("[:chsk/handshake [\"u\" nil]]"));
    assertThat(w.clientChannel.isOpen()).isTrue();
    assertThat(w.serverChannel.isOpen()).isTrue();
  }

  @Test
  void listenersRunOnIoThreadsNeverOnTheSendersAndNeverTwoAtOnce() throws Exception {
    Wired w = Wired.open(net, "c1", new Recorder().recordingThreads(), new Recorder().recordingThreads());
    int senders = 4;
    int each = 2_000;
    CyclicBarrier start = new CyclicBarrier(senders);
    List<Thread> threads = new ArrayList<>();
    List<String> senderNames = new ArrayList<>();
    for (int t = 0; t < senders; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        for (int i = 0; i < each; i++) {
          (id % 2 == 0 ? w.clientChannel : w.serverChannel).send(Payload.text(id + ":" + i));
        }
      }, "sender-" + t);
      senderNames.add(thread.getName());
      threads.add(thread);
      thread.start();
    }
    for (Thread t : threads) {
      t.join(Recorder.WAIT.toMillis());
    }
    w.server.awaitMessages(2 * each);
    w.client.awaitMessages(2 * each);
    for (Recorder r : List.of(w.server, w.client)) {
      assertThat(r.overlaps()).isZero();
      assertThat(r.threads()).allSatisfy(name -> assertThat(name).startsWith("sente4j-inmemory-io-"))
          .doesNotContainAnyElementsOf(senderNames);
    }
    for (int t = 0; t < senders; t++) {
      Recorder r = t % 2 == 0 ? w.server : w.client;
      String prefix = t + ":";
      assertThat(r.texts().stream().filter(s -> s.startsWith(prefix)).toList()).containsExactlyElementsOf(
          numbered(prefix, each));
    }
  }

  @Test
  void aListenerNeverRunsInsideSendEvenWhenTheSenderIsAnIoThread() {
    ThreadLocal<Boolean> insideSend = new ThreadLocal<>();
    AtomicInteger reentered = new AtomicInteger();
    AtomicReference<Channel> serverChannel = new AtomicReference<>();
    CompletableFuture<String> echoThread = new CompletableFuture<>();
    Recorder server = new Recorder() {
      @Override
      public void onMessage(Payload payload) {
        super.onMessage(payload);
        insideSend.set(true);
        try {
          serverChannel.get().send(Payload.text("echo " + payload.asText()));
        } finally {
          insideSend.remove();
        }
        echoThread.complete(Thread.currentThread().getName());
      }
    };
    Recorder client = new Recorder() {
      @Override
      public void onMessage(Payload payload) {
        if (insideSend.get() != null) {
          reentered.incrementAndGet();
        }
        super.onMessage(payload);
      }
    };
    Wired w = Wired.open(net, "c1", client, server);
    serverChannel.set(w.serverChannel);
    w.clientChannel.send(Payload.text("hi"));
    assertThat(client.awaitMessages(1).texts()).containsExactly("echo hi");
    assertThat(Await.result(echoThread)).startsWith("sente4j-inmemory-io-");
    assertThat(reentered).hasValue(0);
  }

  @Test
  void tenThousandMessagesEachWayArriveInOrderUnderChangingLatency() {
    Wired w = Wired.open(net, "c1");
    int n = 10_000;
    net.setLatency(Duration.ofMillis(3));
    for (int i = 0; i < n; i++) {
      if (i == n / 2) {
        net.setLatency(Duration.ZERO);
      }
      if (i == 3 * n / 4) {
        net.setLatency(Duration.ofMillis(1));
      }
      w.clientChannel.send(Payload.text("c" + i));
      w.serverChannel.send(Payload.text("s" + i));
    }
    assertThat(w.server.awaitMessages(n).texts()).containsExactlyElementsOf(numbered("c", n));
    assertThat(w.client.awaitMessages(n).texts()).containsExactlyElementsOf(numbered("s", n));
    assertThat(w.server.overlaps()).isZero();
    assertThat(w.client.overlaps()).isZero();
  }

  @Test
  void latencyDelaysDelivery() {
    Wired w = Wired.open(net, "c1");
    net.setLatency(Duration.ofMillis(50));
    assertThat(net.latency()).isEqualTo(Duration.ofMillis(50));
    long start = System.nanoTime();
    w.clientChannel.send(Payload.text("slow"));
    w.server.awaitMessages(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }

  @Test
  void closeReachesBothEndsOnceAndLastAfterWhatWasSentBefore() {
    Wired w = Wired.open(net, "c1");
    net.setLatency(Duration.ofMillis(2));
    for (int i = 0; i < 100; i++) {
      w.clientChannel.send(Payload.text("c" + i));
      w.serverChannel.send(Payload.text("s" + i));
    }
    w.clientChannel.close(CloseReason.REQUESTED);
    w.clientChannel.close(4000, "again");
    w.serverChannel.close(1011, "late");
    assertThat(w.server.awaitClose()).isEqualTo("1000 requested");
    assertThat(w.client.awaitClose()).isEqualTo("1000 requested");
    assertThat(w.server.texts()).containsExactlyElementsOf(numbered("c", 100));
    assertThat(w.client.texts()).containsExactlyElementsOf(numbered("s", 100));
    Await.until(() -> net.connections().isEmpty(), "connection gone");
    w.server.assertClosedCleanly();
    w.client.assertClosedCleanly();
  }

  @Test
  void sendsAfterCloseFailOnBothEnds() {
    Wired w = Wired.open(net, "c1");
    w.serverChannel.close(4003, "unauthorized");
    assertThat(w.serverChannel.isOpen()).isFalse();
    assertThat(w.clientChannel.isOpen()).isFalse();
    assertThat(w.connection.isOpen()).isFalse();
    assertThat(Await.failure(w.clientChannel.send(Payload.text("x")))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThat(Await.failure(w.serverChannel.send(Payload.text("x")))).isInstanceOf(IllegalStateException.class);
    assertThat(w.client.awaitClose()).isEqualTo("4003 unauthorized");
    assertThat(w.server.awaitClose()).isEqualTo("4003 unauthorized");
  }

  @Test
  void aNullReasonArrivesAsEmptyText() {
    Wired w = Wired.open(net, "c1");
    w.clientChannel.close(1000, null);
    assertThat(w.server.awaitClose()).isEqualTo("1000 ");
  }

  @Test
  void aListenerThatThrowsDoesNotStopDelivery() {
    Recorder server = new Recorder() {
      @Override
      public void onMessage(Payload payload) {
        super.onMessage(payload);
        if (payload.asText().equals("bad")) {
          throw new IllegalStateException("listener bug (expected in this test)");
        }
      }
    };
    Wired w = Wired.open(net, "c1", new Recorder(), server);
    w.clientChannel.send(Payload.text("bad"));
    w.clientChannel.send(Payload.text("good"));
    assertThat(server.awaitMessages(2).texts()).containsExactly("bad", "good");
  }
}
