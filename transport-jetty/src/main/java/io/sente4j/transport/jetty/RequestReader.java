package io.sente4j.transport.jetty;

import io.sente4j.core.Bytes;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/** Builds the {@link ServerRequest} the core sees from a Jetty request and its body. */
final class RequestReader {
  private static final String FORM = "application/x-www-form-urlencoded";

  private RequestReader() {}

  /** Whether this is a WebSocket upgrade request (HTTP/1.1 {@code Upgrade: websocket}, or HTTP/2's CONNECT). */
  static boolean isUpgrade(Request request) {
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    if ("GET".equals(request.getMethod())) {
      return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }
    return "CONNECT".equals(request.getMethod());
  }

  /** The request the core sees; {@code body} is empty for a GET. */
  static ServerRequest read(Request request, boolean upgrade, byte[] body) {
    String method = upgrade ? "GET" : request.getMethod();
    ServerRequest.Builder b = ServerRequest.builder(method, Request.getPathInContext(request))
        .webSocketUpgrade(upgrade)
        .body(Payload.binary(body.length == 0 ? Bytes.EMPTY : Bytes.wrap(body)));
    decodeParams(request.getHttpURI().getQuery(), b, true);
    for (HttpField field : request.getHeaders()) {
      b.header(field.getName(), field.getValue());
    }
    for (HttpCookie cookie : Request.getCookies(request)) {
      b.cookie(cookie.getName(), cookie.getValue());
    }
    SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
    if (remote instanceof InetSocketAddress inet) {
      b.remoteAddress(inet);
    }
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (body.length > 0 && type != null && type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      decodeParams(new String(body, StandardCharsets.UTF_8), b, false);
    }
    return b.build();
  }

  /** Decodes {@code a=1&b=x+y&a=2} (a query or a form body) into the builder's parameters, in order. */
  static void decodeParams(String raw, ServerRequest.Builder b, boolean query) {
    if (raw == null || raw.isEmpty()) {
      return;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (query) {
        b.queryParam(name, value);
      } else {
        b.formParam(name, value);
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }
}
