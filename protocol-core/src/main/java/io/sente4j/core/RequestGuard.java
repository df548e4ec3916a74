package io.sente4j.core;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The security checks every request passes after the protocol's own (PROTOCOL.md §6.1): CSRF, then Origin, then the
 * application's {@link Authorizer}, then the connections-per-address limit. Runs on the transport's request thread.
 */
final class RequestGuard {
  static final String CSRF_PARAM = "csrf-token";
  private static final List<String> CSRF_HEADERS = List.of("x-csrf-token", "x-xsrf-token");

  /** The settings of the checks, as the builder collected them. */
  record Settings(CsrfTokenFunction csrf, boolean csrfOff, Set<String> allowedOrigins, Authorizer authorizer,
      int maxConnectionsPerAddress, Map<RejectionReason, ServerAnswer.Reject> responses) {}

  private final Settings settings;
  /**
   * The open connections of each remote address. Every change is one atomic step on the address's entry, so a
   * check and its count are never split and a count never lands on an entry a close has just removed.
   */
  private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();

  RequestGuard(Settings settings) {
    this.settings = settings;
  }

  /** The reason the request is refused, or empty when it passes. */
  Optional<RejectionReason> check(ServerRequest request, String clientId) {
    if (!settings.csrfOff() && !csrfPasses(request)) {
      return Optional.of(RejectionReason.CSRF);
    }
    if (settings.allowedOrigins() != null && !originPasses(request, settings.allowedOrigins())) {
      return Optional.of(RejectionReason.ORIGIN);
    }
    if (settings.authorizer() != null && !settings.authorizer().authorize(request, clientId)) {
      return Optional.of(RejectionReason.UNAUTHORIZED);
    }
    if (request.isWebSocketUpgrade() && atAddressLimit(request)) {
      return Optional.of(RejectionReason.TOO_MANY_CONNECTIONS);
    }
    return Optional.empty();
  }

  /**
   * Whether the request's remote address already has the most connections allowed: the early answer ({@code 429})
   * to an upgrade, which is counted only once its socket is open, by {@link #tryOpen}.
   */
  boolean atAddressLimit(ServerRequest request) {
    String address = address(request);
    Integer open = address == null ? null : perAddress.get(address);
    return open != null && open >= settings.maxConnectionsPerAddress();
  }

  /**
   * Counts a new connection (a WebSocket, or an Ajax client from its handshake) of the request's address as open,
   * unless the address has the most connections allowed: the check and the count are one step, so connections of
   * one address that start at once cannot all pass the check before any is counted. The Ajax path asks only when a
   * handshake starts a new client, so the polls of connections already counted are never refused.
   *
   * @return whether the connection was counted (always, for a request without a remote address); one that was is
   *     uncounted by {@link #closed}
   */
  boolean tryOpen(ServerRequest request) {
    String address = address(request);
    if (address == null) {
      return true;
    }
    boolean[] counted = new boolean[1];
    perAddress.compute(address, (k, open) -> {
      int n = open == null ? 0 : open;
      if (n >= settings.maxConnectionsPerAddress()) {
        return open;
      }
      counted[0] = true;
      return n + 1;
    });
    return counted[0];
  }

  /**
   * The report of a new connection refused because its remote address has the most connections allowed, on either
   * path (a WebSocket whose socket opened, an Ajax handshake): one wording for both.
   *
   * @param refusal what became of the connection, the report's first words
   */
  ServerError addressFull(ServerRequest request, Object uid, String clientId, String refusal) {
    String address = address(request);
    return new ServerError(ServerError.Kind.REJECTED, uid, clientId, refusal + ": the remote address "
        + (address == null ? "" : address + " ") + "has the most connections allowed (maxConnectionsPerAddress "
        + settings.maxConnectionsPerAddress() + ")", null);
  }

  /** The response for a reason: the application's, or the default of PROTOCOL.md §5.6. */
  ServerAnswer.Reject response(RejectionReason reason) {
    ServerAnswer.Reject r = settings.responses().get(reason);
    return r != null ? r : defaultResponse(reason);
  }

  /** Counts a connection of the request's address, counted by {@link #tryOpen}, as closed. */
  void closed(ServerRequest request) {
    String address = address(request);
    if (address != null) {
      perAddress.computeIfPresent(address, (k, n) -> n <= 1 ? null : n - 1);
    }
  }

  private boolean csrfPasses(ServerRequest request) {
    String expected = settings.csrf() == null ? null : settings.csrf().expectedToken(request);
    String given = clientToken(request);
    if (expected == null || expected.isBlank() || given == null) {
      return false;
    }
    // Constant time over the UTF-8 bytes, so the comparison leaks nothing of where the tokens differ.
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }

  /** The first present, non-blank token of: the query parameter, the form parameter, then each header. */
  static String clientToken(ServerRequest request) {
    for (Optional<String> candidate : List.of(request.queryParam(CSRF_PARAM), request.formParam(CSRF_PARAM))) {
      if (candidate.isPresent() && !candidate.get().isBlank()) {
        return candidate.get();
      }
    }
    for (String header : CSRF_HEADERS) {
      Optional<String> value = request.header(header);
      if (value.isPresent() && !value.get().isBlank()) {
        return value.get();
      }
    }
    return null;
  }

  /**
   * PROTOCOL.md §6.3: an Origin equal to an allowed one; without Origin, a Referer that starts with an allowed one
   * followed by {@code /}, so {@code https://app.example} does not admit {@code https://app.example.evil.test/}.
   */
  static boolean originPasses(ServerRequest request, Set<String> allowed) {
    Optional<String> origin = request.header("origin");
    if (origin.isPresent()) {
      return allowed.contains(origin.get());
    }
    Optional<String> referer = request.header("referer");
    if (referer.isEmpty()) {
      return false;
    }
    for (String a : allowed) {
      if (referer.get().startsWith(a + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String address(ServerRequest request) {
    Optional<InetSocketAddress> remote = request.remoteAddress();
    if (remote.isEmpty()) {
      return null;
    }
    InetSocketAddress a = remote.get();
    return a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
  }

  private static ServerAnswer.Reject defaultResponse(RejectionReason reason) {
    switch (reason) {
      case CSRF:
        return new ServerAnswer.Reject(403, "Bad CSRF token");
      case ORIGIN:
        return new ServerAnswer.Reject(403, "Unauthorized origin");
      case UNAUTHORIZED:
        return new ServerAnswer.Reject(401, "Unauthorized request");
      case TOO_MANY_CONNECTIONS:
        return new ServerAnswer.Reject(429, "Too many connections");
      default:
        throw new IllegalArgumentException("no security response for " + reason);
    }
  }

  /** The default responses as a map, for documentation and tests. */
  static Map<RejectionReason, ServerAnswer.Reject> defaults() {
    Map<RejectionReason, ServerAnswer.Reject> m = new EnumMap<>(RejectionReason.class);
    for (RejectionReason r : List.of(RejectionReason.CSRF, RejectionReason.ORIGIN, RejectionReason.UNAUTHORIZED,
        RejectionReason.TOO_MANY_CONNECTIONS)) {
      m.put(r, defaultResponse(r));
    }
    return m;
  }
}
