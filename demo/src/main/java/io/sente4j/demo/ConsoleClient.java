package io.sente4j.demo;

import io.sente4j.client.jdk.JdkClientTransport;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The demo's console client: a {@link ChannelSocketClient} on {@code client-jdk}, in the server's own process but
 * connected over the real socket, that sends {@code :demo/echo} requests and prints the replies.
 */
final class ConsoleClient implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(10);

  private final ChannelSocketClient client;
  private final PrintStream out;
  private final Packer edn = PackerRegistry.load().get("edn");

  ConsoleClient(URI uri, ClientType type, Packer packer, PrintStream out) {
    this.out = out;
    this.client = ChannelSocketClient.builder(uri, JdkClientTransport.create())
        .packer(packer)
        .type(type)
        .pushHandler(event -> out.println("pushed: " + show(event)))
        .build();
  }

  /** Connects and waits for the handshake. */
  ClientState connect() {
    return client.connect().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
  }

  /** Sends {@code [:demo/echo text]} and waits for the reply. */
  Object echo(String text) {
    return client.send(Event.of(DemoServer.ECHO, text), PATIENCE).join();
  }

  /** Sends {@code text} and prints what was sent and the reply (or why there is none). */
  void echoAndPrint(String text) {
    Event sent = Event.of(DemoServer.ECHO, text);
    try {
      out.println("sent " + show(sent) + ", the reply: " + show(echo(text)));
    } catch (CompletionException e) {
      out.println("sent " + show(sent) + ", no reply: " + e.getCause().getMessage());
    }
  }

  /** Echoes every line read until the input ends. */
  void echoLines(BufferedReader in) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (!line.isBlank()) {
        echoAndPrint(line);
      }
    }
  }

  /** A value as edn, whichever packer carried it. */
  String show(Object value) {
    if (value instanceof Event e) {
      return edn.pack(Arrays.asList(e.id(), e.data())).asText();
    }
    return value == null ? "nil" : edn.pack(value).asText();
  }

  @Override
  public void close() {
    client.close();
  }
}
