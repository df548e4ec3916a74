package io.sente4j.core;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request to the channel-socket path, as a transport hands it to the core: method, path, query and form
 * parameters, headers, cookies, remote address, the body, and attributes the application's own middleware attached
 * (a session, a principal). Immutable; transports build it with {@link #builder(String, String)}.
 *
 * <p>Header names are matched without regard to case. Parameters and headers may repeat; the single-value
 * accessors return the first.
 */
public final class ServerRequest {
  private final String method;
  private final String path;
  private final boolean webSocketUpgrade;
  private final Map<String, List<String>> queryParams;
  private final Map<String, List<String>> formParams;
  private final Map<String, List<String>> headers;
  private final Map<String, String> cookies;
  private final InetSocketAddress remoteAddress;
  private final Payload body;
  private final Map<String, Object> attributes;

  private ServerRequest(Builder b) {
    this.method = b.method.toUpperCase(Locale.ROOT);
    this.path = b.path;
    this.webSocketUpgrade = b.webSocketUpgrade;
    this.queryParams = freeze(b.queryParams);
    this.formParams = freeze(b.formParams);
    this.headers = freeze(b.headers);
    this.cookies = Collections.unmodifiableMap(new LinkedHashMap<>(b.cookies));
    this.remoteAddress = b.remoteAddress;
    this.body = b.body;
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> m) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }

  /** A builder for a request with the given method and path. */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** The method, upper case: {@code GET}, {@code POST}, ... */
  public String method() {
    return method;
  }

  /** The path, without the query string. */
  public String path() {
    return path;
  }

  /** Whether this GET asks to upgrade to a WebSocket. */
  public boolean isWebSocketUpgrade() {
    return webSocketUpgrade;
  }

  /** The query parameters, decoded, in order. */
  public Map<String, List<String>> queryParams() {
    return queryParams;
  }

  /** The first value of a query parameter. */
  public Optional<String> queryParam(String name) {
    return first(queryParams.get(name));
  }

  /** The form parameters of an {@code application/x-www-form-urlencoded} body, decoded, in order. */
  public Map<String, List<String>> formParams() {
    return formParams;
  }

  /** The first value of a form parameter. */
  public Optional<String> formParam(String name) {
    return first(formParams.get(name));
  }

  /** The first value of a query or, failing that, a form parameter. */
  public Optional<String> param(String name) {
    Optional<String> q = queryParam(name);
    return q.isPresent() ? q : formParam(name);
  }

  /** The headers; names in lower case. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of a header, whatever the case of its name. */
  public Optional<String> header(String name) {
    return first(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The cookies, by name. */
  public Map<String, String> cookies() {
    return cookies;
  }

  /** The peer's address, if the transport knows it. */
  public Optional<InetSocketAddress> remoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }

  /** The body: the raw bytes of a POST, empty for a GET. */
  public Payload body() {
    return body;
  }

  /** What the application attached to the request, such as a session or a principal, by key. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  /** One attribute. */
  public Optional<Object> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  private static Optional<String> first(List<String> values) {
    return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
  }

  @Override
  public String toString() {
    return method + " " + path + (webSocketUpgrade ? " (WebSocket upgrade)" : "") + " " + queryParams.keySet();
  }

  /** Builds a {@link ServerRequest}. */
  public static final class Builder {
    private final String method;
    private final String path;
    private boolean webSocketUpgrade;
    private final Map<String, List<String>> queryParams = new LinkedHashMap<>();
    private final Map<String, List<String>> formParams = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private InetSocketAddress remoteAddress;
    private Payload body = Payload.binary(Bytes.EMPTY);
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private Builder(String method, String path) {
      this.method = Objects.requireNonNull(method, "method");
      this.path = Objects.requireNonNull(path, "path");
    }

    /** Marks the request as a WebSocket upgrade. */
    public Builder webSocketUpgrade(boolean upgrade) {
      this.webSocketUpgrade = upgrade;
      return this;
    }

    /** Adds a query parameter value. */
    public Builder queryParam(String name, String value) {
      queryParams.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every value of every query parameter. */
    public Builder queryParams(Map<String, ? extends List<String>> params) {
      params.forEach((k, vs) -> vs.forEach(v -> queryParam(k, v)));
      return this;
    }

    /** Adds a form parameter value. */
    public Builder formParam(String name, String value) {
      formParams.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds a header value. */
    public Builder header(String name, String value) {
      headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      return this;
    }

    /** Adds every value of every header. */
    public Builder headers(Map<String, ? extends List<String>> all) {
      all.forEach((k, vs) -> vs.forEach(v -> header(k, v)));
      return this;
    }

    /** Sets a cookie. */
    public Builder cookie(String name, String value) {
      cookies.put(name, value);
      return this;
    }

    /** Sets the peer's address. */
    public Builder remoteAddress(InetSocketAddress address) {
      this.remoteAddress = address;
      return this;
    }

    /** Sets the body. */
    public Builder body(Payload body) {
      this.body = Objects.requireNonNull(body, "body");
      return this;
    }

    /** Attaches an application attribute (a session, a principal). */
    public Builder attribute(String key, Object value) {
      attributes.put(key, value);
      return this;
    }

    /** Builds the request. */
    public ServerRequest build() {
      return new ServerRequest(this);
    }
  }
}
