package io.sente4j.demo.chat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The small pieces of HTTP the chat app's own handlers share: writing pages, reading forms and cookies. */
final class Http {
  static final String HTML = "text/html; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";
  private static final String FORM = "application/x-www-form-urlencoded";

  private Http() {}

  /** Writes a complete response with the headers every page of the app carries. */
  static void write(Response response, Callback callback, int status, String contentType, byte[] body) {
    response.setStatus(status);
    HttpFields.Mutable h = response.getHeaders();
    h.put(HttpHeader.CONTENT_TYPE, contentType);
    h.put(HttpHeader.CACHE_CONTROL, "no-store"); // pages carry the CSRF token; the app is small enough not to cache
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "same-origin");
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  static void text(Response response, Callback callback, int status, String text) {
    write(response, callback, status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code 303 See Other} to a path of this server, after a form POST. */
  static void seeOther(Response response, Callback callback, String path) {
    response.getHeaders().put(HttpHeader.LOCATION, path);
    text(response, callback, 303, "See " + path);
  }

  /** The value of the named cookie of the request, if sent. */
  static Optional<String> cookie(Request request, String name) {
    for (HttpCookie c : Request.getCookies(request)) {
      if (name.equals(c.getName())) {
        return Optional.of(c.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the request came from a page of this server: true when it carries no {@code Origin} header (not a
   * browser's cross-site POST) or one naming this server's scheme, host and port.
   */
  static boolean sameOrigin(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    if (origin == null) {
      return true;
    }
    try {
      URI o = URI.create(origin);
      String scheme = request.getHttpURI().getScheme();
      return scheme.equalsIgnoreCase(o.getScheme())
          && Request.getServerName(request).equalsIgnoreCase(o.getHost())
          && Request.getServerPort(request) == (o.getPort() >= 0 ? o.getPort() : "https".equals(scheme) ? 443 : 80);
    } catch (IllegalArgumentException | NullPointerException e) {
      return false; // "null" (a sandboxed page) or something that is no origin at all
    }
  }

  /** A form body too large to read, or not a form. */
  static final class FormException extends Exception {
    final int status;

    FormException(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /**
   * The fields of a form-encoded body of at most {@code maxBytes} (read blocking: the app's handlers run on
   * Jetty's blocking threads); the last value wins for a repeated name.
   *
   * @throws FormException 413 when the body is longer, 415 when it is not a form
   */
  static Map<String, String> readForm(Request request, int maxBytes) throws FormException, IOException {
    String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      throw new FormException(415, "Expected a form (" + FORM + ")");
    }
    long declared = request.getLength();
    if (declared > maxBytes) {
      throw new FormException(413, "Form too large: " + declared + " bytes, at most " + maxBytes);
    }
    byte[] body;
    try (InputStream in = Request.asInputStream(request)) {
      body = in.readNBytes(maxBytes + 1);
    }
    if (body.length > maxBytes) {
      throw new FormException(413, "Form too large: over " + maxBytes + " bytes");
    }
    Map<String, String> fields = new HashMap<>();
    for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        fields.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw new FormException(400, "Bad form encoding: " + e.getMessage());
      }
    }
    return fields;
  }
}
