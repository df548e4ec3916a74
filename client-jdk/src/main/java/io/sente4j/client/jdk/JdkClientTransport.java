package io.sente4j.client.jdk;

import io.sente4j.core.Bytes;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.core.UpgradeRefusedException;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The client side of the Transport SPI on the JDK's {@code java.net.http}: {@link WebSocket} for the WebSocket
 * connection, {@link HttpClient} for Ajax. Thread-safe; one transport serves any number of clients.
 *
 * <pre>{@code
 * ClientTransport transport = JdkClientTransport.builder()
 *     .header("Authorization", "Bearer " + token)
 *     .build();
 * ChannelSocketClient client = ChannelSocketClient.builder(URI.create("ws://localhost:8080/chsk"), transport)
 *     .packer(packer)
 *     .build();
 * }</pre>
 *
 * <p>Responses and WebSocket messages are read up to the frame limit: by default the client's packer's {@code
 * maxInputBytes}, which a {@code ChannelSocketClient} gives with each opening and request (1 MiB, the packers'
 * default, for a caller that gives none), or the builder's {@link Builder#maxFrameBytes} when set. A longer message
 * closes the WebSocket with {@code too-large} (1009 as this side sees it; the JDK cannot send 1009, so the server gets
 * 1011 with the text {@code too-large}), a longer response body (over three times the limit plus 4 KiB, and never
 * over 2,147,483,639 bytes, the largest array) fails its request; one that declares such a length is refused
 * unread.
 *
 * <p>Threads: the {@link HttpClient} the transport makes for itself reads WebSocket messages on its one selector
 * thread (it has a direct executor), which saves a thread hand-off per message read; the client's application code
 * runs on the client's own executor. That one thread then also decodes every connection's messages and does the TLS
 * handshakes' work, and waits while a client's lock is held by a thread packing a frame for that client: to spread
 * many connections over threads, give {@link Builder#httpClient} a client with an executor. With a {@link
 * Builder#cookieHandler}, which the JDK calls as it reads, the transport's client keeps the JDK's default executor.
 * The connect timeout of a WebSocket's opening and the close timeout of its close run on a thread of the transport's
 * own, {@code sente4j-jdk-timer}, which starts with a timeout and ends once none waits.
 */
public final class JdkClientTransport implements ClientTransport, AutoCloseable {
  /** Headers the JDK sets itself and refuses from callers; they are left out of every request. */
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

  /**
   * {@code HttpClient.shutdown()}, new in JDK 21, or null before: this library is built for 17, so it is looked up
   * by name, once. Of the three ways to stop a client that 21 offers, only {@code shutdown} fits {@link #close()}:
   * {@code close()} blocks until every operation of the client has ended, an open WebSocket included, so a transport
   * closed before its clients would hang for as long as they stay connected; {@code shutdownNow()} aborts those
   * WebSockets, which belong to their clients. {@code shutdown} refuses new requests and returns at once, and the
   * client's threads and connections end once the requests cancelled by the close and the last WebSocket are gone.
   */
  private static final MethodHandle SHUTDOWN = shutdownMethod();

  private final HttpClient http;
  /** Whether {@link #http} was made here, and so is shut down by {@link #close()}. */
  private final boolean ownsHttp;
  private final Map<String, List<String>> headers;
  private final Duration connectTimeout;
  private final Duration closeTimeout;
  /** The builder's frame limit, or 0 when not set: then each opening and request takes its caller's. */
  private final int maxFrameBytes;
  private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
  /**
   * Times the WebSockets' openings and closes, on a thread of the transport's own ({@code sente4j-jdk-timer}) that
   * starts with a timeout and ends once none has been waiting for a second. Not {@code
   * CompletableFuture.delayedExecutor}: its one thread is the JVM's, shared with every {@code orTimeout} and {@code
   * completeOnTimeout}, and a timeout's work runs where it fires (failing an opening, or reporting an unanswered
   * close, runs the client's handling, which takes the client's lock).
   */
  private final ScheduledThreadPoolExecutor timer;
  private volatile boolean closed;

  private JdkClientTransport(Builder b) {
    this.connectTimeout = b.connectTimeout;
    this.closeTimeout = b.closeTimeout;
    this.maxFrameBytes = b.maxFrameBytes;
    this.headers = Map.copyOf(b.headers);
    this.ownsHttp = b.httpClient == null;
    this.timer = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "sente4j-jdk-timer");
      t.setDaemon(true);
      return t;
    });
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true); // nothing to shut down: the thread ends once idle
    timer.setRemoveOnCancelPolicy(true);
    if (b.httpClient != null) {
      this.http = b.httpClient;
    } else {
      HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(connectTimeout)
          .version(HttpClient.Version.HTTP_1_1);
      if (b.cookieHandler != null) {
        hb.cookieHandler(b.cookieHandler); // application code the JDK calls as it reads: it keeps the JDK's executor
      } else {
        // The selector thread reads each WebSocket message itself: the JDK's default executor would hand every one
        // to a pool thread first, a thread wake-up each (on a loopback request/reply, one of six, and 20 % of the
        // round trip; BENCHMARKS.md). What runs there is this transport's and the core's code, which waits for
        // nothing but short locks and hands application code to the client's executor.
        hb.executor(Runnable::run);
      }
      this.http = hb.build();
    }
  }

  private static MethodHandle shutdownMethod() {
    try {
      return MethodHandles.publicLookup().findVirtual(HttpClient.class, "shutdown", MethodType.methodType(void.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // JDK 17 to 20: a client's threads end once it is garbage collected
    }
  }

  /** A transport with a new {@link HttpClient} and no extra headers. */
  public static JdkClientTransport create() {
    return builder().build();
  }

  /** A builder of transport options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Opens a WebSocket whose messages are bounded by the builder's frame limit, or else by 1 MiB. */
  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> requestHeaders,
      ChannelListener listener) {
    return openWebSocket(uri, requestHeaders, listener, PackerLimits.DEFAULT_MAX_INPUT_BYTES);
  }

  /**
   * Opens a WebSocket whose messages are bounded by the builder's frame limit, or else by {@code maxFrameBytes}.
   *
   * @throws IllegalArgumentException if {@code maxFrameBytes} is less than 1
   */
  @Override
  public CompletableFuture<Channel> openWebSocket(URI uri, Map<String, List<String>> requestHeaders,
      ChannelListener listener, int maxFrameBytes) {
    Objects.requireNonNull(uri, "uri");
    JdkWebSocketChannel channel = new JdkWebSocketChannel(listener, frameLimit(maxFrameBytes), closeTimeout, timer);
    CompletableFuture<Channel> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the transport is closed"));
      return result;
    }
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(connectTimeout);
    merged(requestHeaders).forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    CompletableFuture<WebSocket> building;
    try {
      building = b.buildAsync(uri, channel);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    building.whenComplete((ws, error) -> {
      if (error != null) {
        result.completeExceptionally(refusal(unwrap(error)));
      } else if (result.complete(channel)) {
        // Complete first, then let messages flow: the caller holds the channel before its first message arrives.
        channel.start();
      } else {
        ws.abort(); // opened after the caller gave up on it (timed out, cancelled): nobody listens
      }
    });
    bound(building, result, uri);
    return result;
  }

  /**
   * Ends an opening handshake that outlives the connect timeout, or that its caller cancels, by cancelling it, which
   * closes its connection. The JDK's own timeout ends with the response's head, and it reads a refusal's body whole
   * before it fails the opening: a server that sends the head of a refusal and not all of its body would keep the
   * opening, and its connection, for ever.
   */
  private void bound(CompletableFuture<WebSocket> building, CompletableFuture<Channel> result, URI uri) {
    // The URI without its query, which may carry a CSRF token.
    String where = uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    ScheduledFuture<?> timeout = timer.schedule(() -> {
      if (!building.isDone() && result.completeExceptionally(new HttpTimeoutException("the WebSocket opening "
          + "handshake with " + where + " did not complete within " + connectTimeout))) {
        building.cancel(true);
      }
    }, TimeUnit.NANOSECONDS.convert(connectTimeout), TimeUnit.NANOSECONDS); // saturated: past ~292 years is never
    result.whenComplete((channel, error) -> {
      timeout.cancel(false);
      if (result.isCancelled()) {
        building.cancel(true);
      }
    });
  }

  private static Throwable refusal(Throwable error) {
    if (error instanceof WebSocketHandshakeException h && h.getResponse() != null) {
      HttpResponse<?> r = h.getResponse();
      Object body = r.body();
      String text = body instanceof String s ? s : body instanceof byte[] bytes
          ? new String(bytes, StandardCharsets.UTF_8) : "";
      return new UpgradeRefusedException(r.statusCode(), text.strip()).initCause(error);
    }
    return error;
  }

  /** Makes a request whose response body is bounded by the builder's frame limit, or else by 1 MiB. */
  @Override
  public CompletableFuture<HttpReply> request(HttpCall call) {
    return request(call, PackerLimits.DEFAULT_MAX_INPUT_BYTES);
  }

  /**
   * Makes a request whose response body is bounded by the builder's frame limit, or else by {@code maxFrameBytes}
   * (three times the limit plus 4 KiB, as the class says).
   *
   * @throws IllegalArgumentException if {@code maxFrameBytes} is less than 1
   */
  @Override
  public CompletableFuture<HttpReply> request(HttpCall call, int maxFrameBytes) {
    Objects.requireNonNull(call, "call");
    int limit = frameLimit(maxFrameBytes);
    HttpRequest.Builder b = HttpRequest.newBuilder(toHttp(call.uri()));
    if (!call.timeout().isZero() && !call.timeout().isNegative()) {
      b.timeout(call.timeout());
    }
    merged(call.headers()).forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    if (call.contentType() != null) {
      b.setHeader("Content-Type", call.contentType());
    }
    byte[] body = call.body().asBytes().toByteArray();
    b.method(call.method(), body.length == 0 && "GET".equalsIgnoreCase(call.method())
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    String what = call.method() + " " + call.uri().getPath();
    CompletableFuture<HttpReply> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new IllegalStateException("the transport is closed"));
      return result;
    }
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = http.sendAsync(b.build(), BoundedBody.handler(limit, what));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return result;
    }
    inFlight.add(exchange);
    exchange.whenComplete((response, error) -> {
      inFlight.remove(exchange);
      if (error != null && closed && !result.isDone()) {
        result.completeExceptionally(new IOException("the transport closed before the response to " + what
            + " arrived", unwrap(error)));
      } else if (error != null) {
        result.completeExceptionally(unwrap(error));
      } else {
        result.complete(new HttpReply(response.statusCode(), payload(response)));
      }
    });
    // The core cancels a request it no longer waits for (its connection closed): the HTTP exchange is cancelled
    // with it, which closes its TCP connection, so the server sees a parked poll's client go at once.
    result.whenComplete((reply, error) -> {
      if (result.isCancelled()) {
        exchange.cancel(true);
      }
    });
    if (closed) {
      exchange.cancel(true); // closed while this request was being made
    }
    return result;
  }

  /** The builder's frame limit when it set one (the application's choice wins), else the caller's. */
  private int frameLimit(int callers) {
    if (callers < 1) {
      throw new IllegalArgumentException("maxFrameBytes must be at least 1: " + callers);
    }
    return maxFrameBytes > 0 ? maxFrameBytes : callers;
  }

  /**
   * Cancels every HTTP request in flight (their connections close; their futures fail with an {@link IOException})
   * and refuses new requests and WebSockets (their futures fail with an {@link IllegalStateException}). WebSockets
   * opened by this transport stay open: they are closed by their clients, not here. Returns at once.
   *
   * <p>A transport that made its own {@link HttpClient} (built without {@link Builder#httpClient}) shuts it down on
   * JDK 21 and later ({@code HttpClient.shutdown()}): the client's threads and pooled connections end as soon as the
   * cancelled requests and the last WebSocket of this transport are gone. JDK 17 to 20 offer no way to stop a client:
   * there they end once its WebSockets are closed and the transport is garbage collected. A transport given an {@link
   * HttpClient} leaves that client otherwise untouched: it keeps working, and closing it is the application's
   * business.
   */
  @Override
  public void close() {
    closed = true;
    for (CompletableFuture<?> exchange : inFlight) {
      exchange.cancel(true);
    }
    if (ownsHttp && SHUTDOWN != null) {
      shutdown(http);
    }
  }

  private static void shutdown(HttpClient http) {
    try {
      SHUTDOWN.invokeExact(http);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("HttpClient.shutdown() failed", t); // it declares no checked exception
    }
  }

  /** Text for a text content type (the frame of a text packer, a rejection), bytes otherwise. */
  private static Payload payload(HttpResponse<byte[]> response) {
    String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
    byte[] body = response.body();
    return type.startsWith("text/") ? Payload.text(new String(body, StandardCharsets.UTF_8))
        : Payload.binary(Bytes.wrap(body));
  }

  /** The core builds Ajax addresses from the WebSocket one's scheme only when asked; accept either form. */
  private static URI toHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "ws" -> URI.create("http" + uri.toString().substring(2));
      case "wss" -> URI.create("https" + uri.toString().substring(3));
      default -> uri;
    };
  }

  private Map<String, List<String>> merged(Map<String, List<String>> requestHeaders) {
    Map<String, List<String>> all = new LinkedHashMap<>();
    headers.forEach((k, v) -> {
      if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
        all.put(k, v);
      }
    });
    // A request's header replaces the transport's of the same name, in any case (HTTP names are case-insensitive):
    // sent both, a server reading the first value would take the transport's (a stale token) over the request's.
    requestHeaders.forEach((k, v) -> {
      if (!RESTRICTED.contains(k.toLowerCase(Locale.ROOT))) {
        all.keySet().removeIf(k::equalsIgnoreCase);
        all.put(k, v);
      }
    });
    return all;
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** Builds a {@link JdkClientTransport}. */
  public static final class Builder {
    private HttpClient httpClient;
    private CookieHandler cookieHandler;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration closeTimeout = Duration.ofSeconds(10);
    private int maxFrameBytes; // 0: each caller's, the client's packer's maxInputBytes
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * An {@link HttpClient} to use (its executor, TLS context, proxy, cookie handler, HTTP version); by default the
     * transport makes its own, which speaks HTTP/1.1 and reads on its selector thread. Cannot be combined with {@link
     * #cookieHandler} ({@link #build()} refuses it), and {@link #connectTimeout} then bounds WebSocket openings only:
     * HTTP requests connect with that client's own connect timeout. The transport never shuts it down ({@link
     * JdkClientTransport#close()} leaves it running): that is for the application, which owns it.
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * A header sent on every request and WebSocket upgrade, for example {@code Authorization: Bearer ...}; a header
     * of the same name that the client core sends on a request (its {@code headers(...)}) replaces it there.
     *
     * @throws IllegalArgumentException for a header the JDK sets itself: {@code Connection}, {@code Content-Length},
     *     {@code Expect}, {@code Host}, {@code Upgrade}
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("the JDK sets the " + name + " header itself");
      }
      headers.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
      return this;
    }

    /**
     * Where cookies are kept and read from, for example a {@code java.net.CookieManager}; default none. The JDK calls
     * it as it reads responses, so with one the transport's client keeps the JDK's default executor (a pool thread
     * per message read) rather than read on its selector thread.
     */
    public Builder cookieHandler(CookieHandler cookieHandler) {
      this.cookieHandler = Objects.requireNonNull(cookieHandler, "cookieHandler");
      return this;
    }

    /**
     * How long to wait for a connection to be made; default 10 seconds. A WebSocket's whole opening handshake,
     * the body of a refusal included, must end within it: past it the opening fails with an {@link
     * HttpTimeoutException} and its connection is closed.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder connectTimeout(Duration connectTimeout) {
      if (connectTimeout.isNegative() || connectTimeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * How long a WebSocket this side closes waits for the server's close frame before it aborts its TCP connection
     * (reported to the channel's listener as close code 1006); default 10 seconds. The JDK alone would wait for
     * ever, keeping the socket of a server that never answers.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder closeTimeout(Duration closeTimeout) {
      if (closeTimeout.isNegative() || closeTimeout.isZero()) {
        throw new IllegalArgumentException("closeTimeout must be positive: " + closeTimeout);
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * The frame limit: the largest WebSocket message joined from its parts, and a third of the largest response
     * body (less 4 KiB) read, which is never over 2,147,483,639 bytes, the largest array (the bound for a frame limit
     * over 715,826,514 bytes). By default the transport takes, for each WebSocket and request, the frame limit its
     * caller gives: a {@code ChannelSocketClient} gives its packer's {@code maxInputBytes}, so raising that is
     * enough; a caller that gives none (the SPI's forms without a limit) gets 1 MiB, the packers' default. Set this
     * to bound every client of the transport to one limit instead, above or below their packers'; it wins over
     * theirs.
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
     * Builds the transport.
     *
     * @throws IllegalStateException if both {@link #httpClient} and {@link #cookieHandler} were given
     */
    public JdkClientTransport build() {
      if (httpClient != null && cookieHandler != null) {
        throw new IllegalStateException("a cookie handler belongs to the HttpClient: give it to that client");
      }
      return new JdkClientTransport(this);
    }
  }
}
