package io.sente4j.transport.jetty;

import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.Sente4jException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An embedded Jetty server with one {@link JettyChannelHandler}: the quickest way to serve a channel socket. It also
 * serves the sente4j browser client at {@code /sente4j/*} ({@link ClientScripts}) unless {@link
 * Builder#serveClientScripts(boolean)} turns that off.
 *
 * <pre>{@code
 * try (JettyChannelServer jetty = JettyChannelServer.start(channelSocketServer, 8080)) {
 *   URI clients = jetty.webSocketUri(); // ws://localhost:8080/chsk
 *   ...
 * }
 * }</pre>
 *
 * <p>Closing it stops Jetty; open WebSockets are closed with {@code server-stop} (1001) as it begins. Stop the {@code
 * ChannelSocketServer} before all the same: it flushes its pushes and answers parked Ajax polls, which Jetty alone
 * would cut.
 */
public final class JettyChannelServer implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;
  private final JettyChannelHandler handler;
  private final String host;
  private final boolean tls;

  private JettyChannelServer(Server server, ServerConnector connector, JettyChannelHandler handler, String host,
      boolean tls) {
    this.server = server;
    this.connector = connector;
    this.handler = handler;
    this.host = host;
    this.tls = tls;
  }

  /** Starts serving {@code endpoint} at {@code /chsk} on every interface, on {@code port} (0: any free port). */
  public static JettyChannelServer start(ServerEndpoint endpoint, int port) {
    return builder(endpoint).port(port).start();
  }

  /** A builder for a server of {@code endpoint}. */
  public static Builder builder(ServerEndpoint endpoint) {
    return new Builder(endpoint);
  }

  /** The port the server listens on (the one picked, when asked for 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** The WebSocket address of the channel socket, such as {@code ws://localhost:8080/chsk} ({@code wss:} with TLS). */
  public URI webSocketUri() {
    return URI.create((tls ? "wss://" : "ws://") + uriHost() + ":" + port() + handler.path());
  }

  /** The Ajax address of the channel socket, such as {@code http://localhost:8080/chsk} ({@code https:} with TLS). */
  public URI httpUri() {
    return URI.create((tls ? "https://" : "http://") + uriHost() + ":" + port() + handler.path());
  }

  private String uriHost() {
    if (host == null || host.isEmpty() || "0.0.0.0".equals(host)) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The Jetty server, for inspection; the channel socket owns its lifecycle. */
  public Server jetty() {
    return server;
  }

  /** Stops Jetty and waits for it to end. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new Sente4jException("stopping the embedded Jetty server failed: " + e, e);
    }
  }

  /** Builds and starts a {@link JettyChannelServer}. */
  public static final class Builder {
    /** The default {@link #acceptQueueSize}. */
    public static final int DEFAULT_ACCEPT_QUEUE_SIZE = 1024;

    private final ServerEndpoint endpoint;
    private final JettyChannelHandler.Builder handler;
    private String host;
    private int port = 8080;
    private Duration httpIdleTimeout = Duration.ofMinutes(2);
    private int acceptQueueSize = DEFAULT_ACCEPT_QUEUE_SIZE;
    private Consumer<Server> customizer = s -> {};
    private SslContextFactory.Server tls;
    private boolean serveClientScripts = true;
    private boolean http2;

    private Builder(ServerEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
      this.handler = JettyChannelHandler.builder(endpoint);
    }

    /** The interface to listen on, such as {@code localhost}; default every interface. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /**
     * The port, 0 for any free one; default 8080.
     *
     * @throws IllegalArgumentException if not 0 to 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How many connections the operating system may hold for the server before it accepts them (the listen backlog),
     * default {@value #DEFAULT_ACCEPT_QUEUE_SIZE}. The JDK's own default, 50, overflows when many clients reconnect
     * at once (after a restart, say, or Ajax clients opening a connection per POST while their polls hold the
     * others): Linux then resets connections, and a client that does not retry a POST sees it fail. The system caps
     * it ({@code net.core.somaxconn}).
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder acceptQueueSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("acceptQueueSize must be at least 1: " + size);
      }
      this.acceptQueueSize = size;
      return this;
    }

    /**
     * How long an HTTP connection may be idle, default 2 minutes. It must be longer than the endpoint's {@linkplain
     * ServerEndpoint#longestHeldRequest longest held request} (the long-poll and Ajax reply timeouts, 20 s by
     * default), since a parked poll's connection carries nothing until it is answered: {@link #start} refuses one that
     * is not.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder httpIdleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("httpIdleTimeout must be positive: " + timeout);
      }
      this.httpIdleTimeout = timeout;
      return this;
    }

    /**
     * The channel-socket handler's options ({@link JettyChannelHandler.Builder}): path, frame limit, WebSocket idle
     * timeout, parameters per request, compression, CORS origins.
     */
    public Builder handler(Consumer<JettyChannelHandler.Builder> options) {
      options.accept(handler);
      return this;
    }

    /**
     * Serves over TLS only ({@code wss:} and {@code https:}), with this key store and its settings, for example:
     * <pre>{@code
     * SslContextFactory.Server tls = new SslContextFactory.Server();
     * tls.setKeyStorePath("server.p12");
     * tls.setKeyStorePassword(password);
     * }</pre>
     */
    public Builder tls(SslContextFactory.Server tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Whether to serve the sente4j browser client at {@code /sente4j/*} with a {@link ClientScripts}; default on.
     * The files come from the {@code io.sente4j:client-js} jar; without it on the class path they are answered 404
     * (logged once at start).
     */
    public Builder serveClientScripts(boolean serve) {
      this.serveClientScripts = serve;
      return this;
    }

    /**
     * Whether Ajax requests may use HTTP/2; default off. On, a plain connector also speaks h2c (prior knowledge, or
     * an {@code Upgrade: h2c} from HTTP/1.1) and a TLS connector offers h2 through ALPN, HTTP/1.1 remaining for
     * clients that ask for it. WebSockets stay on HTTP/1.1: WebSocket over HTTP/2 (RFC 8441) is not supported, and
     * clients open them with an HTTP/1.1 upgrade as usual.
     */
    public Builder http2(boolean on) {
      this.http2 = on;
      return this;
    }

    /** Changes the Jetty server before it starts, for example to add a connector or a handler around this one. */
    public Builder customize(Consumer<Server> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Builds and starts the server; fails with a {@link Sente4jException} if Jetty cannot start (a port in use).
     *
     * @throws IllegalArgumentException if the handler's options are inconsistent (see {@link
     *     JettyChannelHandler.Builder#build()}), or if the HTTP idle timeout is not longer than the endpoint's longest
     *     held request; nothing is started then
     */
    public JettyChannelServer start() {
      Objects.requireNonNull(endpoint.longestHeldRequest(), "the endpoint's longestHeldRequest()").ifPresent(held -> {
        if (httpIdleTimeout.compareTo(held) <= 0) {
          throw new IllegalArgumentException("the httpIdleTimeout (" + httpIdleTimeout + ") must be longer than the "
              + "server's longest held request (" + held + ", its long-poll or Ajax reply timeout): Jetty would cut "
              + "parked polls and waiting POSTs before they are answered (set a longer httpIdleTimeout or shorter "
              + "timeouts)");
        }
      });
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("sente4j-jetty");
      Server server = new Server(threads);
      ServerConnector connector = new ServerConnector(server, connectionFactories());
      connector.setHost(host);
      connector.setPort(port);
      connector.setIdleTimeout(httpIdleTimeout.toMillis());
      connector.setAcceptQueueSize(acceptQueueSize);
      server.addConnector(connector);
      JettyChannelHandler h = handler.build();
      server.setHandler(serveClientScripts ? new Handler.Sequence(h, new ClientScripts()) : h);
      customizer.accept(server);
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new Sente4jException("the embedded Jetty server could not start on " + (host == null ? "*" : host)
            + ":" + port + ": " + e, e);
      }
      return new JettyChannelServer(server, connector, h, host, tls != null);
    }

    /** HTTP/1.1, with TLS and with HTTP/2 as asked; the first factory is the one a connection starts with. */
    private ConnectionFactory[] connectionFactories() {
      HttpConfiguration config = new HttpConfiguration();
      if (tls != null) {
        config.addCustomizer(new SecureRequestCustomizer());
      }
      HttpConnectionFactory http1 = new HttpConnectionFactory(config);
      if (!http2) {
        return tls == null ? new ConnectionFactory[] {http1}
            : new ConnectionFactory[] {new SslConnectionFactory(tls, http1.getProtocol()), http1};
      }
      if (tls == null) {
        return new ConnectionFactory[] {http1, new HTTP2CServerConnectionFactory(config)};
      }
      ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
      alpn.setDefaultProtocol(http1.getProtocol());
      tls.setCipherComparator(HTTP2Cipher.COMPARATOR); // h2 forbids some ciphers: offer the allowed ones first
      return new ConnectionFactory[] {new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
          new HTTP2ServerConnectionFactory(config), http1};
    }
  }
}
