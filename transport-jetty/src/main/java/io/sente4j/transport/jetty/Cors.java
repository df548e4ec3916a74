package io.sente4j.transport.jetty;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Cross-origin Ajax for the origins an application lists (PROTOCOL.md §5.1 leaves the preflight to the
 * application; this is that, in front of the core): a preflight {@code OPTIONS} from a listed origin is answered
 * {@code 204}, allowing GET and POST with the CSRF headers and credentials, and the responses to that origin's
 * requests say it may read them. Requests from other origins are untouched, and the core's Origin check (§6.3)
 * still decides every GET and POST.
 */
final class Cors {
  private static final List<String> ALLOWED_HEADERS = List.of("x-csrf-token", "x-xsrf-token", "content-type",
      "authorization");
  private static final String MAX_AGE_SECONDS = "600";

  private final Set<String> origins;

  Cors(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  private String listedOrigin(Request request) {
    String origin = request.getHeaders().get(HttpHeader.ORIGIN);
    return origin != null && origins.contains(origin) ? origin : null;
  }

  /** Answers a preflight from a listed origin; false (nothing written) for any other request. */
  boolean preflight(Request request, Response response, Callback callback) {
    if (!"OPTIONS".equals(request.getMethod())) {
      return false;
    }
    String origin = listedOrigin(request);
    String method = request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD);
    if (origin == null || method == null) {
      return false;
    }
    response.setStatus(204);
    allow(response, origin);
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST");
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", requestedAndAllowed(
        request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_HEADERS))));
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
    response.write(true, null, callback);
    return true;
  }

  /** Lets a listed origin read the response to its GET or POST. */
  void decorate(Request request, Response response) {
    String origin = listedOrigin(request);
    if (origin != null) {
      allow(response, origin);
    }
  }

  private static void allow(Response response, String origin) {
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    response.getHeaders().add(HttpHeader.VARY, "Origin");
  }

  private static List<String> requestedAndAllowed(String requested) {
    if (requested == null || requested.isBlank()) {
      return ALLOWED_HEADERS;
    }
    return java.util.Arrays.stream(requested.split(",")).map(h -> h.trim().toLowerCase(Locale.ROOT))
        .filter(ALLOWED_HEADERS::contains).toList();
  }
}
