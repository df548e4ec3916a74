package io.sente4j.core.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Builds a client's connection address (PROTOCOL.md §5.2–5.3): the configured address, then the application's
 * parameters in their map's order, then {@code client-id}, {@code csrf-token} (when there is one) and {@code
 * sente4j-packer}. A query already on the configured address comes first.
 */
public final class ClientUrl {
  /** The parameter names the protocol uses; applications must not use them (PROTOCOL.md §5.2). */
  public static final Set<String> RESERVED = Set.of("client-id", "csrf-token", "handshake?", "udt", "ppstr",
      "binary?", "sente4j-packer", "sente4j-ext");

  private ClientUrl() {}

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
