package io.sente4j.core.internal;

import io.sente4j.core.HttpCall;
import io.sente4j.core.Payload;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The HTTP requests of one Ajax connection (PROTOCOL.md §5.2, §5.4, §5.5). Every request goes to the connection's
 * address, which already carries the application's parameters, {@code client-id} and {@code sente4j-packer}, with
 * the connection's headers (the CSRF token as {@code X-CSRF-Token}, the application's own), and adds:
 * <ul>
 *   <li>handshake: {@code GET ...&udt=<ms>&sente4j-conn=<n>&handshake%3F=1};
 *   <li>long-poll: {@code GET ...&udt=<ms>&sente4j-conn=<n>};
 *   <li>event, text packer: {@code POST ...}, {@code application/x-www-form-urlencoded}, body {@code
 *       udt=<ms>&client-id=<id>&ppstr=<packed frame>};
 *   <li>event, binary packer: {@code POST ...&udt=<ms>&binary%3F=true}, {@code application/octet-stream}, the packed
 *       frame as the body.
 * </ul>
 * {@code udt} is the client's clock in epoch milliseconds, a cache buster the server ignores. {@code sente4j-conn}
 * numbers the connection, higher than every earlier connection made in this JVM, so that the server can tell a poll
 * the client has given up (a reconnect cancels it, but it may still be on its way) from one of the connection it now
 * uses, and does not give the abandoned one a push (PROTOCOL.md §5.4). Immutable.
 */
final class AjaxCalls {
  static final String FORM = "application/x-www-form-urlencoded";
  static final String OCTETS = "application/octet-stream";
  private static final Payload NO_BODY = Payload.text("");
  /** The last connection number given out; numbers start at the clock so that a restarted process counts higher. */
  private static final AtomicLong LAST_CONNECTION = new AtomicLong();

  private final URI address;
  private final Map<String, List<String>> headers;
  private final String clientId;
  private final Duration timeout;
  private final LongSupplier epochMillis;
  private final String connection;

  /**
   * Creates the requests of one connection.
   *
   * @param address the {@code http:} or {@code https:} address with the query every request carries
   * @param headers the headers every request carries
   * @param clientId the client id, also written into form bodies
   * @param timeout how long each request waits for its response
   * @param epochMillis the clock for {@code udt}
   */
  AjaxCalls(URI address, Map<String, List<String>> headers, String clientId, Duration timeout,
      LongSupplier epochMillis) {
    this.address = address;
    this.headers = Map.copyOf(headers);
    this.clientId = clientId;
    this.timeout = timeout;
    this.epochMillis = epochMillis;
    long now = epochMillis.getAsLong();
    this.connection = Long.toString(LAST_CONNECTION.updateAndGet(last -> Math.max(last + 1, now)));
  }

  /** The handshake GET. */
  HttpCall handshake() {
    URI uri = ClientUrl.withParam(polled(), "handshake?", "1");
    return new HttpCall("GET", uri, headers, NO_BODY, null, timeout);
  }

  /** A long-poll GET. */
  HttpCall poll() {
    return new HttpCall("GET", polled(), headers, NO_BODY, null, timeout);
  }

  private URI polled() {
    return ClientUrl.withParam(ClientUrl.withParam(address, "udt", udt()), AjaxClient.CONNECTION, connection);
  }

  /** The POST of one packed {@code AJAX_EVENT} frame: a form for text, raw bytes for binary. */
  HttpCall post(Payload frame) {
    if (frame.isText()) {
      String form = "udt=" + udt() + "&client-id=" + ClientUrl.encode(clientId) + "&ppstr="
          + ClientUrl.encode(frame.asText());
      return new HttpCall("POST", address, headers, Payload.text(form), FORM, timeout);
    }
    URI uri = ClientUrl.withParam(ClientUrl.withParam(address, "udt", udt()), "binary?", "true");
    return new HttpCall("POST", uri, headers, frame, OCTETS, timeout);
  }

  private String udt() {
    return Long.toString(epochMillis.getAsLong());
  }
}
