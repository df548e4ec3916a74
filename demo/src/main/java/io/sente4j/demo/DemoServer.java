package io.sente4j.demo;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerRouter;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.util.Collections;
import java.util.Map;

/**
 * The demo's embedded server: a channel socket at {@code /chsk} on Jetty, answering {@code :demo/echo} with
 * {@code {:echo <data>}}. It speaks edn (what Sente clients and the console client send) and JSON (browsers).
 */
final class DemoServer implements AutoCloseable {
  static final Keyword ECHO = Keyword.of("demo", "echo");

  private final ChannelSocketServer channelSocket;
  private final JettyChannelServer jetty;

  private DemoServer(ChannelSocketServer channelSocket, JettyChannelServer jetty) {
    this.channelSocket = channelSocket;
    this.jetty = jetty;
  }

  /** Starts serving on {@code host}:{@code port} (0: any free port). */
  static DemoServer start(String host, int port) {
    PackerRegistry packers = PackerRegistry.load();
    ChannelSocketServer channelSocket = ChannelSocketServer.builder(packers.get("edn"))
        .additionalPackers(packers.get("json"))
        .withoutCsrfCheck() // the echo server keeps no sessions; the chat app checks a session's token
        .userId((request, clientId) -> request.param("user").orElse(null))
        .eventHandler(ServerRouter.builder().onRequest(ECHO, DemoServer::echo).build())
        .build();
    try {
      return new DemoServer(channelSocket, JettyChannelServer.builder(channelSocket).host(host).port(port).start());
    } catch (RuntimeException e) {
      channelSocket.stop();
      throw e;
    }
  }

  /** The reply to {@code [:demo/echo data]}. */
  static Map<Keyword, Object> echo(EventMessage message) {
    return Collections.singletonMap(Keyword.of("echo"), message.data()); // data may be nil
  }

  int port() {
    return jetty.port();
  }

  URI webSocketUri() {
    return jetty.webSocketUri();
  }

  ChannelSocketServer channelSocket() {
    return channelSocket;
  }

  /** Waits until Jetty has stopped. */
  void join() throws InterruptedException {
    jetty.jetty().join();
  }

  /** Stops the channel socket first, so clients see the server-stop reason, then Jetty. */
  @Override
  public void close() {
    channelSocket.stop();
    jetty.close();
  }
}
