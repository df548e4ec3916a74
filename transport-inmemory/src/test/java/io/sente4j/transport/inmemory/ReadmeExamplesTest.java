package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.VirtualScheduler;
import io.sente4j.core.Via;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start, its "test your handlers" example and its Ajax long-polling example, as they are printed
 * there, so they keep working.
 */
class ReadmeExamplesTest {
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
    net.close();
  }

  @Test
  void quickStartServerAndClientInMemory() {
    List<String> said = new CopyOnWriteArrayList<>();
    List<Event> pushed = new CopyOnWriteArrayList<>();

    // --- as in the README's quick start
    Packer edn = PackerRegistry.load().get("edn");

    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> request.param("user").orElse(null))
        .eventHandler(ServerRouter.builder()
            .onRequest(Keyword.of("chat", "echo"), msg -> "echo: " + msg.data())
            .on(Keyword.of("chat", "send"), msg -> said.add(msg.uid() + " says " + msg.data()))
            .build())
        .build();

    URI uri = net.bind(URI.create("ws://app.test/chsk"), server);

    ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(edn)
        .params(() -> Map.of("user", "alice"))
        .pushHandler(pushed::add)
        .build();
    ClientState open = client.connect().join();

    client.send(Event.of("chat/send", "hi"));
    CompletableFuture<Object> reply = client.send(Event.of("chat/echo", "hello"), Duration.ofSeconds(5));
    server.send("alice", Event.of("chat/msg", "to every tab of alice"));
    // ---
    toClose.add(client);
    toClose.add(server);

    assertThat(open.uid()).isEqualTo("alice");
    assertThat(reply.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("echo: hello");
    await(() -> said.size() == 1 && pushed.size() == 1);
    assertThat(said).containsExactly("alice says hi");
    assertThat(pushed).containsExactly(Event.of("chat/msg", "to every tab of alice"));
  }

  @Test
  void handlerTestWithAVirtualClock() {
    // --- as in the README's "Testing your handlers"
    VirtualScheduler time = new VirtualScheduler();
    Packer edn = PackerRegistry.load().get("edn");
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .eventHandler(ServerRouter.builder()
            .on(Keyword.of("orders", "place"), msg -> { }) // the handler under test forgets to reply
            .build())
        .scheduler(time)
        .build();
    URI uri = net.bind(URI.create("ws://shop.test/chsk"), server);
    ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(edn).scheduler(time).build();
    client.connect().join();

    CompletableFuture<Object> reply = client.send(Event.of("orders/place", 42L), Duration.ofSeconds(5));
    time.advance(Duration.ofSeconds(5));
    // ---
    toClose.add(client);
    toClose.add(server);

    assertThatThrownBy(() -> reply.orTimeout(10, TimeUnit.SECONDS).join())
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ReplyTimeoutException.class);
  }

  @Test
  void ajaxLongPolling() {
    List<Object> errors = new CopyOnWriteArrayList<>();
    List<Event> pushed = new CopyOnWriteArrayList<>();
    Packer edn = PackerRegistry.load().get("edn");

    // --- as in the README's "Ajax long-polling"
    ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
        .userId((request, clientId) -> request.param("user").orElse(null))
        .longPollTimeout(Duration.ofSeconds(20))
        .ajaxPushRetryWindow(Duration.ofSeconds(10))
        .errorListener(errors::add)
        .eventHandler(ServerRouter.builder()
            .onRequest(Keyword.of("chat", "echo"), msg -> "echo: " + msg.data())
            .build())
        .build();
    URI uri = net.bind(URI.create("http://app.test/chsk"), server);

    ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(edn)
        .type(ClientType.AJAX)
        .ajaxTimeout(Duration.ofSeconds(60))
        .params(() -> Map.of("user", "alice"))
        .pushHandler(pushed::add)
        .build();
    ClientState open = client.connect().join();
    CompletableFuture<Object> reply = client.send(Event.of("chat/echo", "over Ajax"), Duration.ofSeconds(5));
    server.send("alice", Event.of("chat/msg", "reaches alice's parked poll"));
    // ---
    toClose.add(client);
    toClose.add(server);

    assertThat(open.via()).isEqualTo(Via.AJAX_POLL);
    assertThat(open.uid()).isEqualTo("alice");
    assertThat(reply.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo("echo: over Ajax");
    await(() -> pushed.size() == 1);
    assertThat(pushed).containsExactly(Event.of("chat/msg", "reaches alice's parked poll"));
    assertThat(errors).isEmpty();
  }

  private static void await(java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      Thread.onSpinWait();
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }
}
