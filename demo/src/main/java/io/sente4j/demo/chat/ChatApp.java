package io.sente4j.demo.chat;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Sente4jException;
import io.sente4j.transport.jetty.ClientScripts;
import io.sente4j.transport.jetty.JettyChannelHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The reference chat application on embedded Jetty: the login and logout forms, the pages, the browser client at
 * {@code /sente4j/*} ({@link ClientScripts}), and the channel socket at {@code /chsk} (with {@link
 * JettyChannelHandler} mounted in the app's own handler tree), whose CSRF token and user id come from the signed
 * session cookie.
 */
public final class ChatApp implements AutoCloseable {
  /** The HTTP idle timeout: longer than a long-poll (20 s), as the transport's README asks. */
  private static final Duration HTTP_IDLE_TIMEOUT = Duration.ofMinutes(2);

  private final Server jetty;
  private final ServerConnector connector;
  private final ChannelSocketServer channelSocket;
  private final SessionCookies sessions;

  private ChatApp(Server jetty, ServerConnector connector, ChannelSocketServer channelSocket,
      SessionCookies sessions) {
    this.jetty = jetty;
    this.connector = connector;
    this.channelSocket = channelSocket;
    this.sessions = sessions;
  }

  /** Starts the app; fails with a {@link Sente4jException} when Jetty cannot start (a port in use). */
  public static ChatApp start(ChatSettings settings) {
    SessionCookies sessions = new SessionCookies(settings.key, settings.sessionLifetime, settings.clock);
    Rooms rooms = new Rooms(settings.rooms, settings.historyPerRoom, settings.clock);
    AtomicReference<ChannelSocketServer> server = new AtomicReference<>();
    ChatEvents events = new ChatEvents(rooms, settings.maxMessageChars, server::get,
        settings.clock.millis());
    PackerRegistry packers = PackerRegistry.load();
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(packers.get("edn")) // Sente's default and Java's
        .additionalPackers(packers.get("json")) // what browsers speak
        .csrfToken(r -> session(sessions, r).map(Session::csrfToken).orElse(null)) // no session: 403
        .userId((r, clientId) -> session(sessions, r).map(Session::user).orElse(null))
        .handshakeData((r, uid) -> uid instanceof String user ? events.handshakeData(user, server.get().connectedUids())
            : null)
        .eventHandler(events.router())
        .presenceListener(new OnlineList(server::get));
    if (settings.disconnectGrace != null) {
      b.disconnectGrace(settings.disconnectGrace).ajaxDisconnectGrace(settings.disconnectGrace);
    }
    server.set(b.build());

    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("sente4j-demo-jetty");
    Server jetty = new Server(threads);
    ServerConnector connector = new ServerConnector(jetty);
    connector.setHost(settings.host);
    connector.setPort(settings.port);
    connector.setIdleTimeout(HTTP_IDLE_TIMEOUT.toMillis());
    jetty.addConnector(connector);
    Pages pages = new Pages(settings.maxUserNameChars);
    jetty.setHandler(new Handler.Sequence(
        new LoginHandler(sessions, pages, settings.maxUserNameChars, settings.maxFormBytes),
        JettyChannelHandler.builder(server.get()).build(),
        new ClientScripts(), // the browser client, /sente4j/sente4j.js, from the client-js jar
        new PageHandler(sessions, pages)));
    try {
      jetty.start();
    } catch (Exception e) {
      server.get().stop();
      try {
        jetty.stop();
      } catch (Exception suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new Sente4jException("the chat app could not start on " + settings.host + ":" + settings.port + ": "
          + e.getMessage(), e);
    }
    return new ChatApp(jetty, connector, server.get(), sessions);
  }

  private static java.util.Optional<Session> session(SessionCookies sessions, io.sente4j.core.ServerRequest r) {
    return sessions.read(r.cookies().get(SessionCookies.NAME));
  }

  /** The port the app listens on (the one picked, when asked for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The page's address, such as {@code http://localhost:8080/}. */
  public URI pageUri() {
    return URI.create("http://" + uriHost() + ":" + port() + "/");
  }

  /** The channel socket's WebSocket address, such as {@code ws://localhost:8080/chsk}. */
  public URI webSocketUri() {
    return URI.create("ws://" + uriHost() + ":" + port() + "/chsk");
  }

  private String uriHost() {
    String host = connector.getHost();
    if (host == null || host.isEmpty() || "0.0.0.0".equals(host)) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The channel socket, for pushes and presence. */
  public ChannelSocketServer channelSocket() {
    return channelSocket;
  }

  SessionCookies sessions() {
    return sessions;
  }

  /** Waits until Jetty has stopped. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /** Stops the channel socket first, so clients see the server-stop reason, then Jetty. */
  @Override
  public void close() {
    channelSocket.stop();
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new Sente4jException("stopping Jetty failed: " + e, e);
    }
  }
}
