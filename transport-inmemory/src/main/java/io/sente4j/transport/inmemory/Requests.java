package io.sente4j.transport.inmemory;

import io.sente4j.core.Payload;
import io.sente4j.core.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Builds the {@link ServerRequest} a server endpoint sees from what a client sent. */
final class Requests {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final InetAddress LOOPBACK;

  static {
    try {
      LOOPBACK = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Requests() {}

  /** The address an endpoint is bound at: host, port (or the scheme's default) and path. */
  static String endpointKey(URI uri) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    int defaultPort = switch (scheme) {
      case "ws", "http" -> 80;
      case "wss", "https" -> 443;
      default -> throw new IllegalArgumentException("not a ws, wss, http or https address: " + uri);
    };
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
    return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port + path;
  }

  /** The request for a WebSocket upgrade. */
  static ServerRequest upgrade(URI uri, Map<String, List<String>> headers, int port) {
    ServerRequest.Builder b = start("GET", uri, headers, port).webSocketUpgrade(true);
    addIfAbsent(b, headers, "upgrade", "websocket");
    addIfAbsent(b, headers, "connection", "Upgrade");
    addIfAbsent(b, headers, "sec-websocket-version", "13");
    return b.build();
  }

  /** The request for a plain HTTP exchange; a form body's parameters are parsed. */
  static ServerRequest plain(String method, URI uri, Map<String, List<String>> headers, Payload body,
      String contentType, int port) {
    ServerRequest.Builder b = start(method, uri, headers, port).body(body);
    if (contentType != null) {
      addIfAbsent(b, headers, "content-type", contentType);
    }
    String type = contentType != null ? contentType : first(headers, "content-type");
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      decodeParams(body.asText()).forEach((k, vs) -> vs.forEach(v -> b.formParam(k, v)));
    }
    return b.build();
  }

  private static ServerRequest.Builder start(String method, URI uri, Map<String, List<String>> headers, int port) {
    String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
    ServerRequest.Builder b = ServerRequest.builder(method, path)
        .queryParams(decodeParams(uri.getRawQuery()))
        .headers(headers)
        .remoteAddress(new InetSocketAddress(LOOPBACK, port));
    if (uri.getRawAuthority() != null) {
      addIfAbsent(b, headers, "host", uri.getRawAuthority());
    }
    headers.forEach((name, values) -> {
      if (name.equalsIgnoreCase("cookie")) {
        values.forEach(v -> parseCookies(v).forEach(b::cookie));
      }
    });
    return b;
  }

  private static void addIfAbsent(ServerRequest.Builder b, Map<String, List<String>> headers, String name,
      String value) {
    if (first(headers, name) == null) {
      b.header(name, value);
    }
  }

  private static String first(Map<String, List<String>> headers, String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  /** Decodes {@code a=1&b=x+y&a=2} (a query or a form body) into names and values, in order. */
  static Map<String, List<String>> decodeParams(String raw) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }

  /** Parses one {@code Cookie} header value: {@code a=1; b=2}. */
  static Map<String, String> parseCookies(String header) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      String name = (eq < 0 ? part : part.substring(0, eq)).trim();
      if (name.isEmpty()) {
        continue;
      }
      String value = eq < 0 ? "" : part.substring(eq + 1).trim();
      if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
        value = value.substring(1, value.length() - 1);
      }
      cookies.putIfAbsent(name, value);
    }
    return cookies;
  }
}
