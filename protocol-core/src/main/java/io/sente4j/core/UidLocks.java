package io.sente4j.core;

/**
 * The locks under which a new connection's check of the per-uid limit and its registration are one step
 * (PROTOCOL.md §11.4), on the WebSocket path and the Ajax path alike: handshakes of one uid at once would otherwise
 * all pass the check before any of them counted. Striped, so that handshakes of other uids mostly take other locks;
 * the nil uid, which the limit does not bound, shares none.
 */
final class UidLocks {
  private static final int STRIPES = 64; // a power of two

  private final Object[] stripes = new Object[STRIPES];

  UidLocks() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * The lock to hold while checking the uid's connections and registering a new one; for the nil uid a lock of its
   * own, so that anonymous handshakes, which every anonymous user shares, never wait for one another.
   */
  Object of(Object uid) {
    if (Chsk.NIL_UID.equals(uid)) {
      return new Object();
    }
    int h = uid.hashCode();
    return stripes[(h ^ (h >>> 16)) & (STRIPES - 1)];
  }
}
