package io.sente4j.core;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which user ids are connected, per transport (PROTOCOL.md §8.1): an immutable snapshot. A uid counts from its
 * first connection until its last one has ended and the disconnect grace has passed.
 *
 * @param ws the uids with a WebSocket connection (or one within its grace)
 * @param ajax the uids with an Ajax connection (or one within its grace)
 * @param any the union of the two
 */
public record ConnectedUids(Set<Object> ws, Set<Object> ajax, Set<Object> any) {
  private static final ConnectedUids EMPTY = new ConnectedUids(Set.of(), Set.of(), Set.of());

  /** Copies the sets into unmodifiable ones that keep their order. */
  public ConnectedUids {
    ws = copy(ws, "ws");
    ajax = copy(ajax, "ajax");
    any = copy(any, "any");
  }

  /** No uid connected. */
  public static ConnectedUids empty() {
    return EMPTY;
  }

  /** Whether the uid is connected over any transport. */
  public boolean isConnected(Object uid) {
    return any.contains(uid);
  }

  private static Set<Object> copy(Set<Object> set, String name) {
    Objects.requireNonNull(set, name);
    return set.isEmpty() ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(set));
  }
}
