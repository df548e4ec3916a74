package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Scheduler;
import io.sente4j.core.ServerRouter;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 1,000 clients on one server over loopback, half WebSocket and half Ajax: each makes a request and gets its reply,
 * and each user's pushes all arrive, in order, nothing lost.
 */
class ThousandClientsTest {
  private static final Keyword ECHO = Keyword.of("load", "echo");
  private static final Keyword SEQ = Keyword.of("load", "seq");
  private static final int CLIENTS = 1000;
  private static final int PUSHES = 5;

  @Test
  @Timeout(300)
  void aThousandMixedClientsGetEveryReplyAndEveryPush() throws Exception {
    Packer edn = PackerRegistry.load().get("edn");
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .maxConnectionsPerAddress(CLIENTS * 2)
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .eventHandler(ServerRouter.builder().onRequest(ECHO, EventMessage::data).build()).build();
    ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
    ExecutorService handlers = Executors.newFixedThreadPool(8);
    JdkClientTransport transport = JdkClientTransport.create();
    List<ChannelSocketClient> clients = new ArrayList<>();
    Map<String, List<Object>> received = new ConcurrentHashMap<>();
    // The 500 Ajax clients POST at once, each on a new connection (their pooled ones hold parked polls). With the
    // JDK's default accept queue of 50, a busy machine overflowed it: Linux then answered with a reset a connection
    // whose POST body arrived before the server had accepted it (a SYN-cookie connection past its first segment),
    // and the JDK client does not retry a POST, so a reply failed with "header parser received no bytes".
    JettyChannelServer jetty = JettyChannelServer.builder(server).host("127.0.0.1").port(0)
        .acceptQueueSize(CLIENTS * 2)
        .start();
    try {
      List<CompletableFuture<?>> connected = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String uid = "u" + i;
        List<Object> mine = java.util.Collections.synchronizedList(new ArrayList<>());
        received.put(uid, mine);
        ChannelSocketClient c = ChannelSocketClient.builder(jetty.webSocketUri(), transport).packer(edn)
            .type(i % 2 == 0 ? ClientType.WEBSOCKET : ClientType.AJAX)
            .params(() -> Map.of("uid", uid)).scheduler(Scheduler.of(timers)).executor(handlers)
            .pushHandler(e -> mine.add(e.data())).build();
        clients.add(c);
        connected.add(c.connect());
      }
      CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      await("the server to count every client", () -> server.connectedUids().ws().size() == CLIENTS / 2
          && server.connectedUids().ajax().size() == CLIENTS / 2);

      List<CompletableFuture<Object>> replies = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        replies.add(clients.get(i).send(Event.of(ECHO, List.of("u" + i, (long) i)), Duration.ofSeconds(60)));
      }
      for (int i = 0; i < CLIENTS; i++) {
        assertThat(replies.get(i).get(90, TimeUnit.SECONDS)).isEqualTo(List.of("u" + i, (long) i));
      }
      for (long n = 0; n < PUSHES; n++) {
        for (int i = 0; i < CLIENTS; i++) {
          server.send("u" + i, Event.of(SEQ, n));
        }
      }
      List<Object> expected = new ArrayList<>();
      for (long n = 0; n < PUSHES; n++) {
        expected.add(n);
      }
      await("every push", () -> received.values().stream().allMatch(l -> l.size() >= PUSHES));
      received.forEach((uid, got) -> assertThat(got).as(uid).isEqualTo(expected));
      assertThat(server.metrics().overflows()).isZero();
    } finally {
      // Clients first, so that none tries to reconnect to a server that is gone.
      clients.forEach(ChannelSocketClient::close);
      server.stop();
      jetty.close();
      timers.shutdownNow();
      handlers.shutdownNow();
    }
  }
}
