package io.sente4j.benchmarks;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline of {@link LoopbackBenchmark}: a Jetty 12 server speaking WebSocket through Jetty's own WebSocket API
 * (the layer sente4j's Jetty transport is built on), with no sente4j code. Built as {@code JettyChannelServer} builds
 * its server (a {@link QueuedThreadPool}, one {@link ServerConnector}, no permessage-deflate offered by the JDK
 * client), so the two differ by the channel socket only.
 *
 * <ul>
 *   <li>{@code /echo} sends every text message back as it came: the request/reply baseline.
 *   <li>{@code /answer} sends back what {@code answer} makes of each text message (the benchmark reads the request
 *       and packs a reply, as an application on raw WebSockets would): the request/reply baseline with the codec.
 *   <li>{@code /sink} hands every text message to {@code onSinkMessage}, and keeps the session of the latest
 *       connection so a benchmark can push to it: the events and pushes baseline.
 * </ul>
 */
final class RawEchoServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final Consumer<String> onSinkMessage;
  private final UnaryOperator<String> answer;
  private volatile Session sink;

  private RawEchoServer(Consumer<String> onSinkMessage, UnaryOperator<String> answer) {
    this.onSinkMessage = Objects.requireNonNull(onSinkMessage, "onSinkMessage");
    this.answer = Objects.requireNonNull(answer, "answer");
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("raw-jetty");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(WebSocketUpgradeHandler.from(server, container -> {
      container.addMapping("/echo", (request, response, callback) -> new Echo(UnaryOperator.identity()));
      container.addMapping("/answer", (request, response, callback) -> new Echo(this.answer));
      container.addMapping("/sink", (request, response, callback) -> new Sink(this));
    }));
  }

  /**
   * Starts a server on a free port of 127.0.0.1; {@code onSinkMessage} takes each message {@code /sink} reads, and
   * {@code answer} makes {@code /answer}'s reply to each message it reads.
   */
  static RawEchoServer start(Consumer<String> onSinkMessage, UnaryOperator<String> answer) {
    RawEchoServer s = new RawEchoServer(onSinkMessage, answer);
    try {
      s.server.start();
    } catch (Exception e) {
      throw new IllegalStateException("the raw Jetty server did not start: " + e, e);
    }
    return s;
  }

  /** The address of {@code path}: {@code /echo}, {@code /answer} or {@code /sink}. */
  URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + path);
  }

  /** The session of the latest connection to {@code /sink}; null before one opened. */
  Session sink() {
    return sink;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  // The listeners are public: Jetty calls them through method handles that need public classes.

  /**
   * Sends each message back as {@code answer} makes it, on the thread that read it; Jetty queues a send made while an
   * earlier one is still being written.
   */
  public static final class Echo implements Session.Listener.AutoDemanding {
    private final UnaryOperator<String> answer;
    private Session session;

    Echo(UnaryOperator<String> answer) {
      this.answer = answer;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
      session = opened;
    }

    @Override
    public void onWebSocketText(String message) {
      session.sendText(answer.apply(message), Callback.NOOP);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // A connection cut at the end of a trial; nothing to clean up.
    }
  }

  /** Counts each message; the benchmark pushes through its session. */
  public static final class Sink implements Session.Listener.AutoDemanding {
    private final RawEchoServer server;

    Sink(RawEchoServer server) {
      this.server = server;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
      server.sink = opened;
    }

    @Override
    public void onWebSocketText(String message) {
      server.onSinkMessage.accept(message);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      // A connection cut at the end of a trial; nothing to clean up.
    }
  }
}
