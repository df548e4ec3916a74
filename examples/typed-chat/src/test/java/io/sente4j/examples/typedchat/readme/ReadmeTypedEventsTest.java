package io.sente4j.examples.typedchat.readme;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.transport.inmemory.InMemoryNetwork;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The README's "Typed events" example, as printed there, so it keeps working. */
class ReadmeTypedEventsTest {
  private final AtomicLong stored = new AtomicLong();
  private final List<String> shown = new CopyOnWriteArrayList<>();
  private final List<Long> logged = new CopyOnWriteArrayList<>();

  @Test
  void theReadmeExampleRuns() throws Exception {
    Packer edn = PackerRegistry.load().get("edn");
    try (InMemoryNetwork net = InMemoryNetwork.create()) {
      // --- as in the README
      // Server: records in, records out.
      ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
          .userId((request, clientId) -> request.param("user").orElse(null)) // (not in the README)
          .eventHandler(ChatServer.router((send, msg) -> new Chat.SendAck(store(send))))
          .build();
      // ---
      URI uri = net.bind(URI.create("ws://chat.test/chsk"), server);
      var transport = net.clientTransport();

      // --- as in the README
      // Client: typed sends, typed pushes.
      ChannelSocketClient socket = ChannelSocketClient.builder(uri, transport).packer(edn)
          .params(() -> Map.of("user", "bob")) // (not in the README)
          .pushHandler(ChatClient.pushes().onMessage(m -> show(m.from(), m.text())).router())
          .build();
      ChatClient chat = ChatClient.of(socket);
      socket.connect().join(); // (not in the README)
      chat.send(new Chat.Send("lobby", "hi")).thenAccept(ack -> log(ack.id()));
      ChatServer.of(server).message("bob", new Chat.Message("lobby", "alice", "hi", Instant.now()));
      // ---
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((logged.isEmpty() || shown.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(2);
      }
      assertThat(logged).containsExactly(1L);
      assertThat(shown).containsExactly("alice: hi");
      assertThat(ChatEvents.SEND).isEqualTo(Keyword.of("chat", "send"));
      assertThat(ChatCodecs.SEND.encode(new Chat.Send("lobby", "hi")))
          .isEqualTo(Map.of(Keyword.of("room"), "lobby", Keyword.of("text"), "hi"));
      socket.close();
      server.close();
    }
  }

  private long store(Chat.Send send) {
    return stored.incrementAndGet();
  }

  private void show(String from, String text) {
    shown.add(from + ": " + text);
  }

  private void log(long id) {
    logged.add(id);
  }
}
