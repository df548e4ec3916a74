package io.sente4j.core.internal;

import io.sente4j.core.ConnectedUids;
import io.sente4j.core.Scheduler;
import io.sente4j.core.Via;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which uids are connected, per transport (PROTOCOL.md §8). An entry is kept per (transport, uid, client id): it
 * counts while at least one of its connections is open, and for the transport's disconnect grace after the last one
 * ended. A uid is in a transport's set while it has an entry there, and in {@code any} while it has one anywhere.
 *
 * <p>The listener hears of every change while the table's lock is held, so it hears them in order; it must only
 * hand the news on (queue it), never block or call back into application code.
 */
public final class PresenceTable {

  /** Told of changes, under the table's lock. */
  public interface Listener {
    /**
     * A uid entered {@code any}.
     *
     * @param uid the user id
     * @param context what the opening connection passed to {@link #open}
     */
    void uidOpened(Object uid, Object context);

    /**
     * A uid left {@code any}: its last connection ended and the grace passed.
     *
     * @param uid the user id
     * @param context what the last connection to end passed to {@link #close}
     */
    void uidClosed(Object uid, Object context);

    /** Some transport's set changed; {@link #snapshot()} (callable from here) shows the new state. */
    void changed();

    /**
     * The scheduler refused the timer of a disconnect grace: the entry left at once, as if its grace had passed
     * (a uid kept without the timer would stay connected for good); {@link #uidClosed} and {@link #changed} follow.
     *
     * @param via the transport of the entry
     * @param uid the user id
     * @param clientId the client id
     * @param error what the scheduler threw
     */
    void graceRefused(Via via, Object uid, String clientId, RuntimeException error);
  }

  private record Key(Via via, Object uid, String clientId) {}

  private static final class Entry {
    int open;
    long generation;
    Scheduler.Cancellable grace;
    Object context;
  }

  private final Scheduler scheduler;
  private final Map<Via, Duration> graces;
  private final Listener listener;
  private final Map<Key, Entry> entries = new HashMap<>();
  private final Map<Via, Map<Object, Integer>> perVia = new EnumMap<>(Via.class);
  private final Map<Object, Integer> perUid = new LinkedHashMap<>();
  private ConnectedUids snapshot = ConnectedUids.empty();
  private boolean stopped;

  /**
   * An empty table.
   *
   * @param scheduler the timers of the graces
   * @param graces the disconnect grace of each transport that uses the table ({@link Via#WEBSOCKET}, {@link
   *     Via#AJAX_POLL})
   * @param listener told of changes
   */
  public PresenceTable(Scheduler scheduler, Map<Via, Duration> graces, Listener listener) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.graces = new EnumMap<>(graces);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A connection opened: its entry counts it, ending any grace. */
  public synchronized void open(Via via, Object uid, String clientId, Object context) {
    if (stopped) {
      return;
    }
    Key key = new Key(via, uid, clientId);
    Entry e = entries.get(key);
    if (e == null) {
      e = new Entry();
      entries.put(key, e);
      e.open = 1;
      e.context = context;
      enter(via, uid, context);
      return;
    }
    if (e.grace != null) {
      e.grace.cancel();
      e.grace = null;
      e.generation++;
    }
    e.open++;
    e.context = context;
  }

  /** A connection ended: when it was its entry's last, the entry's grace starts. */
  public synchronized void close(Via via, Object uid, String clientId, Object context) {
    Key key = new Key(via, uid, clientId);
    Entry e = entries.get(key);
    if (stopped || e == null || e.open == 0) {
      return;
    }
    e.open--;
    e.context = context;
    if (e.open == 0) {
      long generation = ++e.generation;
      Duration grace = Objects.requireNonNull(graces.get(via), "no disconnect grace for " + via);
      try {
        e.grace = scheduler.schedule(grace, () -> expire(key, e, generation));
      } catch (RuntimeException refused) {
        listener.graceRefused(via, uid, clientId, refused);
        expire(key, e, generation);
      }
    }
  }

  /** The connected uids now, an immutable snapshot. */
  public synchronized ConnectedUids snapshot() {
    if (snapshot == null) {
      Map<Object, Integer> none = Map.of();
      snapshot = new ConnectedUids(perVia.getOrDefault(Via.WEBSOCKET, none).keySet(),
          perVia.getOrDefault(Via.AJAX_POLL, none).keySet(), perUid.keySet());
    }
    return snapshot;
  }

  /** Forgets everything without telling the listener, cancels the graces and ignores later calls. */
  public synchronized void stop() {
    stopped = true;
    for (Entry e : entries.values()) {
      if (e.grace != null) {
        e.grace.cancel();
      }
    }
    entries.clear();
    perVia.clear();
    perUid.clear();
    snapshot = ConnectedUids.empty();
  }

  private synchronized void expire(Key key, Entry e, long generation) {
    if (stopped || entries.get(key) != e || e.generation != generation || e.open > 0) {
      return;
    }
    entries.remove(key);
    leave(key.via(), key.uid(), e.context);
  }

  private void enter(Via via, Object uid, Object context) {
    boolean newInVia = perVia.computeIfAbsent(via, v -> new LinkedHashMap<>()).merge(uid, 1, Integer::sum) == 1;
    boolean newInAny = perUid.merge(uid, 1, Integer::sum) == 1;
    if (newInVia) {
      snapshot = null;
    }
    if (newInAny) {
      listener.uidOpened(uid, context);
    }
    if (newInVia) {
      listener.changed();
    }
  }

  private void leave(Via via, Object uid, Object context) {
    boolean goneFromVia = decrement(perVia.get(via), uid);
    boolean goneFromAny = decrement(perUid, uid);
    if (goneFromVia) {
      snapshot = null;
    }
    if (goneFromAny) {
      listener.uidClosed(uid, context);
    }
    if (goneFromVia) {
      listener.changed();
    }
  }

  private static boolean decrement(Map<Object, Integer> counts, Object uid) {
    return counts.merge(uid, -1, (a, b) -> a + b == 0 ? null : a + b) == null;
  }
}
