package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CloseRaceTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void concurrentClosesAndCutsCloseEachEndExactlyOnceAndLast() throws Exception {
    List<Wired> all = new ArrayList<>();
    for (int round = 0; round < 200; round++) {
      net.setLatency(round % 3 == 0 ? Duration.ofMillis(1) : Duration.ZERO);
      Wired w = Wired.open(net, "c" + round);
      all.add(w);
      CyclicBarrier go = new CyclicBarrier(4);
      List<Thread> threads = List.of(
          race(go, () -> w.clientChannel.close(1000, "requested")),
          race(go, () -> w.serverChannel.close(4000, "ping-timeout")),
          race(go, w.connection::cut),
          race(go, () -> {
            for (int i = 0; i < 20; i++) {
              w.clientChannel.send(Payload.text("m" + i));
              w.serverChannel.send(Payload.text("m" + i));
            }
          }));
      for (Thread t : threads) {
        t.join(Recorder.WAIT.toMillis());
      }
      assertThat(w.client.awaitClose()).isIn("1000 requested", "4000 ping-timeout", "1006 ");
      assertThat(w.server.awaitClose()).isIn("1000 requested", "4000 ping-timeout", "1006 ");
    }
    Await.until(() -> net.connections().isEmpty(), "every connection gone");
    for (Wired w : all) {
      w.client.assertClosedCleanly();
      w.server.assertClosedCleanly();
    }
  }

  private static Thread race(CyclicBarrier go, Runnable action) {
    Thread t = new Thread(() -> {
      try {
        go.await();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      action.run();
    });
    t.start();
    return t;
  }
}
