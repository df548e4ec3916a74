package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.fail;

import io.sente4j.client.jdk.JdkClientTransport;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** One chat client of a test (a browser tab, as far as the server can tell), and what it received. */
final class ChatUser implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(20);

  final String name;
  final List<Object> messages = new CopyOnWriteArrayList<>();
  final List<List<?>> onlineLists = new CopyOnWriteArrayList<>();
  final List<Event> pushes = new CopyOnWriteArrayList<>();
  final ChannelSocketClient client;

  ChatUser(String name, URI webSocket, ChatLogin.Credentials login, ClientType type, String packer) {
    this.name = name;
    this.client = ChannelSocketClient.builder(webSocket,
            JdkClientTransport.builder().header("Cookie", login.cookie()).build())
        .packer(PackerRegistry.load().get(packer))
        .type(type)
        .clientId(name)
        .csrfToken(login.csrfToken())
        .pushHandler(this::pushed)
        .build();
  }

  ChatUser(String name, ChatApp app, ChatLogin.Credentials login, ClientType type) {
    this(name, app.webSocketUri(), login, type, "edn");
  }

  private void pushed(Event e) {
    pushes.add(e);
    if (ChatEvents.MESSAGE.equals(e.id())) {
      messages.add(e.data());
    } else if (OnlineList.ONLINE.equals(e.id())) {
      onlineLists.add((List<?>) field(e.data(), "online"));
    }
  }

  ClientState connect() {
    return client.connect().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
  }

  CompletableFuture<Object> ask(Keyword id, Object data) {
    return client.send(Event.of(id, data), PATIENCE);
  }

  Object request(Keyword id, Object data) {
    return ask(id, data).join();
  }

  @Override
  public void close() {
    client.close();
  }

  /** A field of a map from the server: keyword keys (edn) or string keys (JSON). */
  static Object field(Object map, String key) {
    if (!(map instanceof Map<?, ?> m)) {
      throw new AssertionError("not a map: " + map);
    }
    return m.containsKey(Keyword.of(key)) ? m.get(Keyword.of(key)) : m.get(key);
  }

  /** Waits until {@code condition} holds, failing with {@code what} after {@link #PATIENCE}. */
  static void await(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
