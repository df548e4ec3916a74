package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.Channel;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * For random interleavings of sends, pauses, resumes and a cut, each end receives a prefix of what the other sent,
 * in order, and, when nothing cut the connection, all of it.
 */
class ChannelPropertyTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();

  @AfterEach
  void close() {
    net.close();
  }

  @Test
  void eachEndReceivesAPrefixOfWhatTheOtherSentInOrder() {
    Qt.seeded(20261128L, 150).forAll(
        lists().of(integers().between(0, 99)).ofSizeBetween(0, 150),
        booleans().all(),
        booleans().all())
        .checkAssert(this::run);
  }

  private void run(List<Integer> ops, boolean cutAllowed, boolean latency) {
    net.setLatency(latency ? Duration.ofNanos(200_000) : Duration.ZERO);
    Wired w = Wired.open(net, "p");
    List<String> fromClient = new ArrayList<>();
    List<String> fromServer = new ArrayList<>();
    boolean cut = false;
    for (int i = 0; i < ops.size(); i++) {
      int op = ops.get(i);
      if (op < 40) {
        send(w.clientChannel, "c" + i, fromClient);
      } else if (op < 80) {
        send(w.serverChannel, "s" + i, fromServer);
      } else if (op < 89) {
        w.connection.pause();
      } else if (op < 98) {
        w.connection.resume();
      } else if (cutAllowed) {
        w.connection.cut();
        cut = true;
      }
    }
    if (cut) {
      w.client.awaitClose();
      w.server.awaitClose();
      assertPrefix(w.server.texts(), fromClient);
      assertPrefix(w.client.texts(), fromServer);
      w.client.assertClosedCleanly();
      w.server.assertClosedCleanly();
    } else {
      w.connection.resume();
      assertThat(w.server.awaitMessages(fromClient.size()).texts()).isEqualTo(fromClient);
      assertThat(w.client.awaitMessages(fromServer.size()).texts()).isEqualTo(fromServer);
      assertThat(w.server.overlaps() + w.client.overlaps()).isZero();
      w.connection.cut();
    }
    net.unbind(w.connection.uri());
  }

  private static void assertPrefix(List<String> received, List<String> sent) {
    assertThat(received.size()).isLessThanOrEqualTo(sent.size());
    assertThat(received).isEqualTo(sent.subList(0, received.size()));
  }

  private static void send(Channel ch, String text, List<String> sent) {
    if (!ch.send(Payload.text(text)).isCompletedExceptionally()) {
      sent.add(text);
    }
  }
}
