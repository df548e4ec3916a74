package io.sente4j.core.internal;

import io.sente4j.core.Via;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a client's connection address (PROTOCOL.md §5.1–5.4): the configured address (with a {@code ws:}/{@code
 * wss:} scheme for WebSockets, {@code http:}/{@code https:} for Ajax), then the application's parameters in their
 * map's order, then {@code client-id}, {@code csrf-token} (WebSocket only, when there is one) and {@code
 * sente4j-packer}. A query already on the configured address comes first.
 */
public final class ClientUrl {
  /** The parameter names the protocol uses; applications must not use them (PROTOCOL.md §5.2). */
  public static final Set<String> RESERVED = Set.of("client-id", "csrf-token", "handshake?", "udt", "ppstr",
      "binary?", "sente4j-packer", "sente4j-ext");

  /** The request header that carries the CSRF token on Ajax requests (PROTOCOL.md §5.4, §6.2). */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private ClientUrl() {}

  /**
   * The address and headers of one connection attempt over {@code via}, from the configured suppliers (each called
   * once). A WebSocket carries the CSRF token in the query ({@code csrf-token}), since browsers cannot set headers on
   * an upgrade; Ajax carries it in the {@code X-CSRF-Token} header, out of URLs and access logs.
   *
   * @throws IllegalArgumentException if an application parameter uses a name of the protocol, or a header has no
   *     name or a null value list or value
   */
  public static Attempt attempt(ClientConfig config, Via via) {
    boolean ws = via == Via.WEBSOCKET;
    String csrf = config.csrfToken().get();
    URI uri = build(ws ? forWebSocket(config.uri()) : forAjax(config.uri()), config.params().get(),
        config.clientId(), ws ? csrf : null, config.packer().name());
    Map<String, List<String>> headers = new LinkedHashMap<>(config.headers().get());
    headers.forEach((name, values) -> {
      if (name == null || values == null || values.stream().anyMatch(java.util.Objects::isNull)) {
        // Checked here, where it fails the attempt with a report; a transport would throw it off any path that does.
        throw new IllegalArgumentException("header \"" + name + "\" has no values, a null value, or no name: "
            + values);
      }
    });
    if (!ws && csrf != null) {
      headers.keySet().removeIf(CSRF_HEADER::equalsIgnoreCase);
      headers.put(CSRF_HEADER, List.of(csrf));
    }
    return new Attempt(uri, headers);
  }

  /**
   * The address and headers of a connection attempt.
   *
   * @param uri the address, query included
   * @param headers the request headers
   */
  public record Attempt(URI uri, Map<String, List<String>> headers) {}

  /**
   * The address of one connection attempt.
   *
   * @param base the configured address; its fragment is dropped
   * @param params the application's parameters, or {@code null}
   * @param clientId the client id
   * @param csrfToken the CSRF token, or {@code null} for none
   * @param packerName the packer's name
   * @throws IllegalArgumentException if an application parameter uses a name of the protocol
   */
  public static URI build(URI base, Map<String, String> params, String clientId, String csrfToken,
      String packerName) {
    StringBuilder query = new StringBuilder();
    if (base.getRawQuery() != null && !base.getRawQuery().isEmpty()) {
      query.append(base.getRawQuery());
    }
    if (params != null) {
      for (Map.Entry<String, String> p : params.entrySet()) {
        if (RESERVED.contains(p.getKey())) {
          throw new IllegalArgumentException("query parameter \"" + p.getKey()
              + "\" belongs to the protocol; choose another name for the application's parameter");
        }
        add(query, p.getKey(), p.getValue());
      }
    }
    add(query, "client-id", clientId);
    if (csrfToken != null) {
      add(query, "csrf-token", csrfToken);
    }
    add(query, "sente4j-packer", packerName);
    String s = base.toString();
    int cut = s.indexOf('#');
    s = cut < 0 ? s : s.substring(0, cut);
    cut = s.indexOf('?');
    s = cut < 0 ? s : s.substring(0, cut);
    return URI.create(s + "?" + query);
  }

  /** The address for WebSockets: {@code http:} becomes {@code ws:}, {@code https:} becomes {@code wss:}. */
  public static URI forWebSocket(URI base) {
    return withScheme(base, "http", "ws", "https", "wss");
  }

  /** The address for Ajax (PROTOCOL.md §5.1): {@code ws:} becomes {@code http:}, {@code wss:} {@code https:}. */
  public static URI forAjax(URI base) {
    return withScheme(base, "ws", "http", "wss", "https");
  }

  private static URI withScheme(URI base, String plain, String plainTo, String secure, String secureTo) {
    String scheme = base.getScheme();
    String to = plain.equalsIgnoreCase(scheme) ? plainTo : secure.equalsIgnoreCase(scheme) ? secureTo : null;
    return to == null ? base : URI.create(to + base.toString().substring(scheme.length()));
  }

  /** Appends {@code name=value} (both percent-encoded; no {@code =} when the value is {@code null}) to {@code uri}. */
  public static URI withParam(URI uri, String name, String value) {
    StringBuilder s = new StringBuilder(uri.toString());
    s.append(uri.getRawQuery() == null ? '?' : '&').append(encode(name));
    if (value != null) {
      s.append('=').append(encode(value));
    }
    return URI.create(s.toString());
  }

  private static void add(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(encode(name));
    if (value != null) {
      query.append('=').append(encode(value));
    }
  }

  /** Percent-encodes a query component; a space becomes {@code %20}, which every decoder reads as a space. */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
