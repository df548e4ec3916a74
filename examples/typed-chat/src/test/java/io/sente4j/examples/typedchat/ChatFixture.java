package io.sente4j.examples.typedchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientRouter;
import io.sente4j.core.EventHandler;
import io.sente4j.core.Packer;
import io.sente4j.core.ServerError;
import io.sente4j.transport.inmemory.InMemoryNetwork;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A chat server on an in-memory network, and typed clients of it. Closes everything it made. */
final class ChatFixture implements AutoCloseable {
  final InMemoryNetwork net = InMemoryNetwork.create();
  final Packer packer;
  final ChannelSocketServer server;
  final ChatServer typedServer;
  final List<ServerError> serverErrors = new CopyOnWriteArrayList<>();
  private final URI uri;
  private final List<ChannelSocketClient> clients = new CopyOnWriteArrayList<>();

  ChatFixture(Packer packer, java.util.function.Function<java.util.function.Supplier<ChatServer>, EventHandler> handler) {
    this.packer = packer;
    ChatServer[] typed = new ChatServer[1];
    server = ChannelSocketServer.builder(packer).withoutCsrfCheck()
        .userId((request, clientId) -> request.param("user").orElse(null))
        .eventHandler(handler.apply(() -> typed[0]))
        .errorListener(serverErrors::add)
        .build();
    typed[0] = ChatServer.of(server);
    typedServer = typed[0];
    uri = net.bind(URI.create("ws://chat.test/chsk"), server);
  }

  /** A connected client of {@code user}; its pushes go to {@code pushes}. */
  ChannelSocketClient connect(String user, ClientRouter pushes) {
    ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport())
        .packer(packer)
        .params(() -> Map.of("user", user))
        .pushHandler(pushes)
        .build();
    clients.add(client);
    assertThat(client.connect().orTimeout(10, TimeUnit.SECONDS).join().uid()).isEqualTo(user);
    return client;
  }

  static void await(BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    for (ChannelSocketClient c : clients) {
      c.close();
    }
    server.close();
    net.close();
  }
}
