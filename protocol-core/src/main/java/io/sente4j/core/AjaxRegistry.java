package io.sente4j.core;

import io.sente4j.core.internal.AjaxClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Ajax connections of a server by uid and client id: at most one per (uid, client id), matched only within the
 * uid computed for the request (PROTOCOL.md §6.4). Reads take no lock; each uid's map is replaced whole on a change.
 * The registry's lock is a leaf: nothing is called while it is held, so clients may call in under their own locks.
 */
final class AjaxRegistry {
  private final ConcurrentHashMap<Object, Map<String, AjaxClient>> byUid = new ConcurrentHashMap<>();
  private final Object lock = new Object();
  private boolean stopped; // guarded by lock

  /** The client of a uid and client id, or {@code null}. */
  AjaxClient get(Object uid, String clientId) {
    Map<String, AjaxClient> m = byUid.get(uid);
    return m == null ? null : m.get(clientId);
  }

  /** The clients of a uid, a snapshot. */
  Collection<AjaxClient> of(Object uid) {
    Map<String, AjaxClient> m = byUid.get(uid);
    return m == null ? List.of() : m.values();
  }

  /**
   * Starts a connection with a handshake: the existing client of the uid and client id restarts, or a new one from
   * {@code create} is registered.
   *
   * @param create called only when a new client is needed (perhaps more than once, when one is closed before its
   *     handshake); may give {@code null} for none
   * @return the client, or {@code null} once stopped or when {@code create} gave none
   */
  AjaxClient handshake(Object uid, String clientId, ServerRequest request, Supplier<AjaxClient> create) {
    while (true) {
      AjaxClient existing = get(uid, clientId);
      if (existing != null) {
        if (existing.handshake(request)) {
          return existing;
        }
        remove(existing);
        continue;
      }
      AjaxClient created = create.get();
      if (created == null) {
        return null;
      }
      synchronized (lock) {
        if (stopped) {
          return null;
        }
        if (get(uid, clientId) != null) {
          continue;
        }
        Map<String, AjaxClient> old = byUid.get(uid);
        Map<String, AjaxClient> copy = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
        copy.put(clientId, created);
        byUid.put(uid, Collections.unmodifiableMap(copy));
      }
      if (created.handshake(request)) {
        return created;
      }
      // Closed between its registration and its handshake (a close of the uid, say): it removed itself, as every
      // forgotten client does, and the handshake, which came after that close, starts a new client.
    }
  }

  /** Removes the client if it is still the one registered for its uid and client id. */
  void remove(AjaxClient client) {
    synchronized (lock) {
      Map<String, AjaxClient> old = byUid.get(client.uid());
      if (old == null || old.get(client.clientId()) != client) {
        return;
      }
      Map<String, AjaxClient> copy = new LinkedHashMap<>(old);
      copy.remove(client.clientId());
      if (copy.isEmpty()) {
        byUid.remove(client.uid());
      } else {
        byUid.put(client.uid(), Collections.unmodifiableMap(copy));
      }
    }
  }

  /** Whether {@link #stop} has run. */
  boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  /** Refuses new clients from now on and returns every client, a snapshot. */
  List<AjaxClient> stop() {
    synchronized (lock) {
      stopped = true;
      List<AjaxClient> all = new ArrayList<>();
      byUid.values().forEach(m -> all.addAll(m.values()));
      return all;
    }
  }
}
