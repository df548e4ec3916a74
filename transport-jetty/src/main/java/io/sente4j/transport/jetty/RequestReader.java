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

  /**
   * More parameters in a request's query string and form body than the handler's {@code maxParameters}: each costs
   * far more memory than its bytes, so the rest are not decoded.
   */
  static final class TooManyParameters extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyParameters() {
      super(null, null, false, false); // no stack trace: it is answered, never logged
    }
  }

  /**
   * The request the core sees; {@code body} is empty for a GET.
   *
   * @throws TooManyParameters past {@code maxParameters} parameters in the query string and form body together
   */
  static ServerRequest read(Request request, boolean upgrade, byte[] body, int maxParameters) {
    String method = upgrade ? "GET" : request.getMethod();
    ServerRequest.Builder b = ServerRequest.builder(method, Request.getPathInContext(request))
        .webSocketUpgrade(upgrade)
        .body(Payload.binary(body.length == 0 ? Bytes.EMPTY : Bytes.wrap(body)));
    int decoded = decodeParams(request.getHttpURI().getQuery(), b, true, maxParameters);
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
      decodeParams(new String(body, StandardCharsets.UTF_8), b, false, maxParameters - decoded);
    }
    return b.build();
  }

  /**
   * Decodes {@code a=1&b=x+y&a=2} (a query or a form body) into the builder's parameters, in order.
   *
   * @param budget how many parameters may be decoded
   * @return how many were
   * @throws TooManyParameters at the first parameter past the budget, before it or any later one is decoded
   */
  static int decodeParams(String raw, ServerRequest.Builder b, boolean query, int budget) {
    if (raw == null || raw.isEmpty()) {
      return 0;
    }
    int count = 0;
    for (int start = 0, end; start < raw.length(); start = end + 1) {
      end = raw.indexOf('&', start);
      if (end < 0) {
        end = raw.length();
      }
      if (end == start) {
        continue; // an empty pair, as in a&&b
      }
      if (++count > budget) {
        throw new TooManyParameters();
      }
      String pair = raw.substring(start, end);
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (query) {
        b.queryParam(name, value);
      } else {
        b.formParam(name, value);
      }
    }
    return count;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }
}
