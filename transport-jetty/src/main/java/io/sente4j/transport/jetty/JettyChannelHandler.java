package io.sente4j.transport.jetty;

import io.sente4j.core.CloseReason;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.core.ServerRequest;
import io.sente4j.core.internal.BodyBound;
import io.sente4j.transport.jetty.internal.ClosedOnStop;
import io.sente4j.transport.jetty.internal.JettyChannel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * A Jetty 12 core {@link Handler} serving one channel-socket path (default {@code /chsk}) for a {@link
 * ServerEndpoint}, usually a {@code ChannelSocketServer}: the WebSocket upgrade, the Ajax handshake and long-poll,
 * and Ajax POSTs (PROTOCOL.md §5). No servlet container is needed. Requests to other paths go to the next handler.
 *
 * <pre>{@code
 * Server jetty = new Server(8080);
 * jetty.setHandler(new Handler.Sequence(JettyChannelHandler.builder(channelSocketServer).build(), myAppHandler));
 * jetty.start();
 * }</pre>
 *
 * <p>A parked long-poll or a POST waiting for its reply holds no thread: the handler returns and the core
 * completes the response later. It is a blocking handler nonetheless, so that Jetty calls it on a pool thread and
 * never on a selector thread: the core runs the application's CSRF token function and authorizer in it, and one
 * that waits (a session store, a database) would hold up every connection of that selector. A POST body is read up
 * to three times the frame limit plus 4 KiB (§5.7), and never past {@link #MAX_BODY_BYTES}, the largest array the
 * JVM allocates; a larger one is answered {@code 413} without being read.
 *
 * <p>When its server stops, it closes its open WebSockets with {@code server-stop} (1001) before Jetty stops the
 * connectors, which would drop them without a close frame (1006); so does stopping the handler alone.
 *
 * <p>Starting, it also watches the server's {@code ServerConnector}s so that a connection one accepts just as it stops
 * is closed rather than left open and unread (Jetty 12.1 does not wait for its acceptor when it stops a connector),
 * and it refuses to start ({@link IllegalStateException}) when a connector's idle timeout is not longer than the
 * endpoint's {@linkplain ServerEndpoint#longestHeldRequest longest held request}: Jetty would cut every parked poll
 * and waiting POST first. Jetty's default connector idle timeout (30 s) is longer than the default long-poll (20 s).
 */
public final class JettyChannelHandler extends Handler.Abstract {
  /**
   * The largest POST body read, whatever the frame limit: a body is held in one array, and the JVM reliably
   * allocates none longer. A frame limit above 715,826,514 bytes would put three times it plus 4 KiB past this.
   */
  public static final int MAX_BODY_BYTES = BodyBound.MAX_BYTES;
  private static final Logger LOG = LoggerFactory.getLogger(JettyChannelHandler.class);
  private static final String DEFLATE = "permessage-deflate";

  private final ServerEndpoint endpoint;
  private final Settings settings;
  private final Cors cors;
  private final ClosedOnStop<JettyChannel> openChannels =
      new ClosedOnStop<>(channel -> channel.close(CloseReason.SERVER_STOP));
  private final LifeCycle.Listener serverStopping = new LifeCycle.Listener() {
    @Override
    public void lifeCycleStopping(LifeCycle server) {
      openChannels.stopping(); // before Jetty stops its connectors, which would cut the sockets without a close
    }
  };
  private ServerWebSocketContainer webSockets;

  private JettyChannelHandler(Builder b) {
    this.endpoint = b.endpoint;
    this.settings = new Settings(b.path, frameLimit(b), b.idleTimeout, b.permessageDeflate, b.maxParameters);
    this.cors = b.corsOrigins.isEmpty() ? null : new Cors(b.corsOrigins);
  }

  /** The builder's frame limit if it has one, else the endpoint's, else the packers' default. */
  private static int frameLimit(Builder b) {
    if (b.maxFrameBytes > 0) {
      return b.maxFrameBytes;
    }
    OptionalInt own = Objects.requireNonNull(b.endpoint.maxFrameBytes(), "the endpoint's maxFrameBytes()");
    int limit = own.orElse(PackerLimits.DEFAULT_MAX_INPUT_BYTES);
    if (limit < 1) {
      throw new IllegalStateException("the endpoint's maxFrameBytes() must be at least 1, was " + limit);
    }
    return limit;
  }

  /** A builder for a handler serving {@code endpoint}. */
  public static Builder builder(ServerEndpoint endpoint) {
    return new Builder(endpoint);
  }

  /** The path this handler serves, such as {@code /chsk}, relative to its context. */
  public String path() {
    return settings.path();
  }

  /**
   * The largest POST body it reads: three times the frame limit plus 4 KiB (PROTOCOL.md §5.7), at most {@link
   * #MAX_BODY_BYTES}.
   */
  public long maxBodyBytes() {
    return settings.maxBodyBytes();
  }

  @Override
  protected void doStart() throws Exception {
    Server server = Objects.requireNonNull(getServer(), "mount the handler in a Jetty Server before starting it");
    webSockets = ServerWebSocketContainer.ensure(server, null);
    if (!webSockets.isStarted()) {
      webSockets.start();
    }
    Optional<Duration> held = Objects.requireNonNull(endpoint.longestHeldRequest(),
        "the endpoint's longestHeldRequest()");
    for (Connector connector : server.getConnectors()) {
      if (connector instanceof ServerConnector sc) {
        AcceptedWhileStopping.install(sc); // a reconnect racing a stop is closed, not left hanging
      }
      refuseIdleTimeoutCuttingHeldRequests(connector, held);
    }
    openChannels.starting();
    server.addEventListener(serverStopping);
    super.doStart();
  }

  private static void refuseIdleTimeoutCuttingHeldRequests(Connector connector, Optional<Duration> held) {
    long idleMillis = connector.getIdleTimeout();
    if (held.isPresent() && idleMillis > 0 && Duration.ofMillis(idleMillis).compareTo(held.get()) <= 0) {
      throw new IllegalStateException("the idle timeout of " + connector + " (" + Duration.ofMillis(idleMillis)
          + ") must be longer than the channel socket's longest held request (" + held.get() + ", its long-poll or "
          + "Ajax reply timeout): Jetty would cut parked polls and waiting POSTs before they are answered (set a "
          + "longer idle timeout on the connector or shorter timeouts on the server)");
    }
  }

  @Override
  protected void doStop() throws Exception {
    openChannels.stopping(); // the handler alone stopping: its WebSockets end too
    Server server = getServer();
    if (server != null) {
      server.removeEventListener(serverStopping);
    }
    super.doStop();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    if (!settings.path().equals(Request.getPathInContext(request))) {
      return false;
    }
    if (RequestReader.isUpgrade(request)) {
      upgrade(request, response, callback);
      return true;
    }
    if (cors != null) {
      if (cors.preflight(request, response, callback)) {
        return true;
      }
      cors.decorate(request, response);
    }
    if ("POST".equals(request.getMethod())) {
      post(request, response, callback);
    } else {
      readAndAnswer(request, new byte[0], response, callback);
    }
    return true;
  }

  /** The core's request for a Jetty request, or {@code null} once it has been answered {@code 400} for it. */
  private ServerRequest read(Request request, boolean upgrade, byte[] body, Response response, Callback callback) {
    try {
      return RequestReader.read(request, upgrade, body, settings.maxParameters());
    } catch (RequestReader.TooManyParameters e) {
      Responses.reject(response, callback, 400, "Too many parameters: over " + settings.maxParameters()
          + " in the query string and form body");
      return null;
    }
  }

  private void readAndAnswer(Request request, byte[] body, Response response, Callback callback) {
    ServerRequest read = read(request, false, body, response, callback);
    if (read != null) {
      answer(read, request, response, callback);
    }
  }

  private void post(Request request, Response response, Callback callback) {
    int max = settings.maxBodyBytes();
    long declared = request.getLength();
    if (declared > max) {
      tooLarge(response, callback, declared);
      return;
    }
    // The core's handle returns at once, so the body can be handed over on whichever thread completes the read.
    BodyReader.read(request, max, new BodyReader.Outcome() {
      @Override
      public void body(byte[] body) {
        readAndAnswer(request, body, response, callback);
      }

      @Override
      public void tooLarge(long bytesSeen) {
        JettyChannelHandler.this.tooLarge(response, callback, bytesSeen);
      }

      @Override
      public void timedOut(long bytesSeen) {
        Responses.reject(response, callback, 408, "Request Timeout: the request body stopped arriving (after "
            + bytesSeen + (declared >= 0 ? " of " + declared : "") + " bytes)");
      }

      @Override
      public void failed(Throwable failure) {
        callback.failed(failure);
      }
    });
  }

  private void tooLarge(Response response, Callback callback, long size) {
    Responses.reject(response, callback, 413, "Request body too large: over " + settings.maxBodyBytes()
        + " bytes (" + (size > 0 ? size + " bytes" : "size unknown") + "), "
        + BodyBound.describe(settings.maxFrameBytes()));
  }

  private void answer(ServerRequest request, Request jetty, Response response, Callback callback) {
    ServerAnswer answer = ask(request);
    if (answer == null) {
      Responses.reject(response, callback, 500, "Internal Server Error");
    } else if (answer instanceof ServerAnswer.Reject r) {
      if (r.status() == 405) {
        response.getHeaders().put(HttpHeader.ALLOW, "GET, POST");
      }
      Responses.reject(response, callback, r.status(), r.body());
    } else if (answer instanceof ServerAnswer.Respond r) {
      Responses.write(response, callback, r.status(), r.body());
    } else if (answer instanceof ServerAnswer.Hold h) {
      HeldExchange held = new HeldExchange(jetty, response, callback);
      held.watch();
      try {
        h.onHeld().accept(held);
      } catch (RuntimeException e) {
        log(request, "onHeld threw; answering 500", e);
        held.complete(500, Payload.text("Internal Server Error"));
      }
    } else {
      log(request, "the server endpoint answered a plain HTTP request with Upgrade; answering 500", null);
      Responses.reject(response, callback, 500, "Internal Server Error");
    }
  }

  private void upgrade(Request jetty, Response response, Callback callback) {
    ServerRequest request = read(jetty, true, new byte[0], response, callback);
    if (request == null) {
      return;
    }
    ServerAnswer answer = ask(request);
    if (answer instanceof ServerAnswer.Reject r) {
      Responses.reject(response, callback, r.status(), r.body());
      return;
    }
    if (!(answer instanceof ServerAnswer.Upgrade u)) {
      if (answer instanceof ServerAnswer.Hold h) {
        HeldExchange gone = new HeldExchange(jetty, response, callback);
        gone.abandon();
        h.onHeld().accept(gone);
      }
      log(request, "the server endpoint answered a WebSocket upgrade with " + answer + "; answering 500", null);
      Responses.reject(response, callback, 500, "Internal Server Error");
      return;
    }
    String clientId = request.queryParam("client-id").orElse("");
    boolean upgraded;
    try {
      upgraded = webSockets.upgrade((upgradeRequest, upgradeResponse, cb) -> {
        if (!settings.permessageDeflate()) {
          List<ExtensionConfig> offered = upgradeResponse.getExtensions();
          upgradeResponse.setExtensions(offered.stream().filter(e -> !DEFLATE.equals(e.getName())).toList());
        }
        return new JettyChannel(u, settings.maxFrameBytes(), settings.idleTimeout(), clientId, openChannels);
      }, jetty, response, callback);
    } catch (Exception e) {
      log(request, "the WebSocket upgrade failed; answering 400", e);
      Responses.reject(response, callback, 400, "Bad WebSocket upgrade request");
      return;
    }
    if (!upgraded) {
      Responses.reject(response, callback, 400, "Bad WebSocket upgrade request");
    }
  }

  private ServerAnswer ask(ServerRequest request) {
    try {
      return Objects.requireNonNull(endpoint.handle(request), "the endpoint returned no answer");
    } catch (RuntimeException e) {
      log(request, "the server endpoint threw; answering 500", e);
      return null;
    }
  }

  private static void log(ServerRequest request, String message, Throwable e) {
    String clientId = request.param("client-id").orElse("");
    MDC.put("sente4j.clientId", clientId);
    try {
      // The query string is left out: an upgrade's carries the CSRF token (PROTOCOL.md §6.2).
      LOG.warn("{} (client id \"{}\", {} {})", message, clientId, request.method(), request.path(), e);
    } finally {
      MDC.remove("sente4j.clientId");
    }
  }

  /** The options of a handler, as its parts read them. */
  record Settings(String path, int maxFrameBytes, Duration idleTimeout, boolean permessageDeflate,
      int maxParameters) {
    /** The bound {@link BodyReader} reads to, and the one {@code maxBodyBytes()} reports: one number for both. */
    int maxBodyBytes() {
      return BodyBound.bytes(maxFrameBytes);
    }
  }

  /** Builds a {@link JettyChannelHandler}. */
  public static final class Builder {
    /** The default path. */
    public static final String DEFAULT_PATH = "/chsk";
    /** The default WebSocket idle timeout: beyond the protocol's keep-alive (a ping after 25 s, 10 s to answer). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final ServerEndpoint endpoint;
    private String path = DEFAULT_PATH;
    /** 0: the endpoint's. */
    private int maxFrameBytes;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    /** The default most parameters in a request's query string and form body: Jetty's own default for forms. */
    public static final int DEFAULT_MAX_PARAMETERS = 1000;

    private boolean permessageDeflate;
    private int maxParameters = DEFAULT_MAX_PARAMETERS;
    private final java.util.Set<String> corsOrigins = new java.util.LinkedHashSet<>();

    private Builder(ServerEndpoint endpoint) {
      this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The path to serve, starting with {@code /}; default {@code /chsk}.
     *
     * @throws IllegalArgumentException if it does not start with {@code /}
     */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("the path must start with /: \"" + path + "\"");
      }
      this.path = path;
      return this;
    }

    /**
     * The frame limit; default the endpoint's {@linkplain ServerEndpoint#maxFrameBytes largest frame} (for a {@code
     * ChannelSocketServer}, the largest {@code PackerLimits.maxInputBytes} of its packers), or 1 MiB, the packers'
     * default, for an endpoint that does not say. Set it only to bound frames below what the packers read. A WebSocket
     * message is joined from its parts up to this and refused as soon as they pass it (a {@code
     * MessageTooLargeException} to the core, which closes with 1009 {@code too-large}); a POST body is read up to
     * three times this plus 4 KiB, at most {@link JettyChannelHandler#MAX_BODY_BYTES}.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxFrameBytes(int maxFrameBytes) {
      if (maxFrameBytes < 1) {
        throw new IllegalArgumentException("maxFrameBytes must be at least 1: " + maxFrameBytes);
      }
      this.maxFrameBytes = maxFrameBytes;
      return this;
    }

    /**
     * How long a WebSocket may carry no traffic, in either direction, before it is closed with {@code ping-timeout}
     * (4000, PROTOCOL.md §7.1), which both the client and the server core see; default 2 minutes. A peer that does
     * not answer that close is cut one more idle timeout later. It must be longer than the endpoint's {@linkplain
     * ServerEndpoint#pingInterval ping interval} (a {@code ChannelSocketServer}'s, 25 s by default), so that an idle
     * connection is pinged before it times out: {@link #build} refuses a shorter or equal one.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration idleTimeout) {
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * The most parameters a request may carry in its query string and form body together (a repeated name counts
     * each time); default {@value #DEFAULT_MAX_PARAMETERS}. A request with more is answered {@code 400} without the
     * rest being decoded: a parameter costs far more memory than its bytes, and a POST body within the bound of the
     * default frame limit could otherwise carry over a million of them. The protocol's requests carry a few.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxParameters(int maxParameters) {
      if (maxParameters < 1) {
        throw new IllegalArgumentException("maxParameters must be at least 1: " + maxParameters);
      }
      this.maxParameters = maxParameters;
      return this;
    }

    /** Whether WebSockets may negotiate permessage-deflate compression when the client offers it; default off. */
    public Builder permessageDeflate(boolean on) {
      this.permessageDeflate = on;
      return this;
    }

    /**
     * Origins (as browsers send them, {@code https://app.example}) whose pages may make cross-origin Ajax requests:
     * their CORS preflight is answered {@code 204}, allowing GET and POST with credentials and, of the headers it
     * asks for, {@code X-CSRF-Token}, {@code X-XSRF-Token}, {@code Content-Type} and {@code Authorization} (cached 10
     * minutes), and their responses carry {@code Access-Control-Allow-Origin}. Default none. List the same origins in
     * the server's {@code allowedOrigins}, which still checks every request.
     *
     * @throws IllegalArgumentException for a null or blank origin, or one ending in {@code /}
     */
    public Builder corsOrigins(String... origins) {
      for (String o : origins) {
        if (o == null || o.isBlank() || o.endsWith("/")) {
          throw new IllegalArgumentException("an origin is scheme://host[:port], without a trailing slash: " + o);
        }
        corsOrigins.add(o);
      }
      return this;
    }

    /**
     * Builds the handler; mount it in a Jetty {@code Server} (directly or inside a context).
     *
     * @throws IllegalArgumentException if the idle timeout is not longer than the endpoint's ping interval
     * @throws IllegalStateException if no frame limit is set and the endpoint's {@link ServerEndpoint#maxFrameBytes}
     *     is less than 1
     */
    public JettyChannelHandler build() {
      Objects.requireNonNull(endpoint.pingInterval(), "the endpoint's pingInterval()").ifPresent(ping -> {
        // Equal is refused too: Jetty restarts its idle timer as bytes arrive, the core its ping timer a little later,
        // once they have been read as a message; with equal timeouts Jetty's would expire first.
        if (idleTimeout.compareTo(ping) <= 0) {
          throw new IllegalArgumentException("the WebSocket idleTimeout (" + idleTimeout + ") must be longer than "
              + "the server's ping interval (" + ping + "): a healthy idle connection would be closed before it is "
              + "pinged (set a longer idleTimeout or a shorter pingInterval)");
        }
      });
      return new JettyChannelHandler(this);
    }
  }
}
