package io.sente4j.core.internal;

import org.slf4j.MDC;

/**
 * The SLF4J MDC keys that carry a connection's user id and client id into log lines, so that one user's trouble can
 * be followed.
 */
public final class Mdc {
  private Mdc() {}

  /** The MDC key of the user id. */
  public static final String UID = "sente4j.uid";
  /** The MDC key of the client id. */
  public static final String CLIENT_ID = "sente4j.clientId";

  /**
   * Runs {@code action} with the uid and client id in the MDC, then restores what was there before.
   *
   * @param uid the user id, or {@code null} while it is not known yet
   * @param clientId the client id, or {@code null}
   */
  public static void run(Object uid, String clientId, Runnable action) {
    String oldUid = MDC.get(UID);
    String oldClientId = MDC.get(CLIENT_ID);
    put(UID, uid == null ? null : String.valueOf(uid));
    put(CLIENT_ID, clientId);
    try {
      action.run();
    } finally {
      put(UID, oldUid);
      put(CLIENT_ID, oldClientId);
    }
  }

  /**
   * Computes a value with the uid and client id in the MDC, then restores what was there before.
   *
   * @param uid the user id, or {@code null} while it is not known yet
   * @param clientId the client id, or {@code null}
   */
  public static <T> T call(Object uid, String clientId, java.util.function.Supplier<T> action) {
    Object[] result = new Object[1];
    run(uid, clientId, () -> result[0] = action.get());
    @SuppressWarnings("unchecked")
    T t = (T) result[0];
    return t;
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
