package io.sente4j.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSocket connections of a server, by uid and client id: at most one per (uid, client id). Reads take no
 * lock; each uid's map is replaced whole on a change.
 */
public final class ConnectionRegistry {
  private final ConcurrentHashMap<Object, Map<String, ServerConnection>> byUid = new ConcurrentHashMap<>();

  /**
   * Adds a connection that knows its uid.
   *
   * @return the connection it replaces (same uid and client id), or {@code null}
   */
  public ServerConnection put(ServerConnection connection) {
    ServerConnection[] replaced = new ServerConnection[1];
    byUid.compute(connection.uid(), (uid, old) -> {
      Map<String, ServerConnection> copy = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
      replaced[0] = copy.put(connection.clientId(), connection);
      return Collections.unmodifiableMap(copy);
    });
    return replaced[0];
  }

  /** Removes the connection if it is still the one registered for its uid and client id. */
  public void remove(ServerConnection connection) {
    byUid.computeIfPresent(connection.uid(), (uid, old) -> {
      if (old.get(connection.clientId()) != connection) {
        return old;
      }
      Map<String, ServerConnection> copy = new LinkedHashMap<>(old);
      copy.remove(connection.clientId());
      return copy.isEmpty() ? null : Collections.unmodifiableMap(copy);
    });
  }

  /** The connections of a uid, a snapshot. */
  public Collection<ServerConnection> of(Object uid) {
    Map<String, ServerConnection> m = byUid.get(uid);
    return m == null ? List.of() : m.values();
  }

  /** The connection of a uid and client id, or {@code null}. */
  public ServerConnection get(Object uid, String clientId) {
    Map<String, ServerConnection> m = byUid.get(uid);
    return m == null ? null : m.get(clientId);
  }

  /** Every connection, a snapshot. */
  public List<ServerConnection> all() {
    List<ServerConnection> all = new ArrayList<>();
    byUid.values().forEach(m -> all.addAll(m.values()));
    return all;
  }
}
