package io.sente4j.core.internal;

import org.slf4j.MDC;

/**
 * Runs code with a client's {@code sente4j.uid} and {@code sente4j.clientId} in the SLF4J MDC, and restores what was
 * there before.
 */
public final class ClientMdc {
  /** The MDC key of the user id. */
  public static final String UID = "sente4j.uid";
  /** The MDC key of the client id. */
  public static final String CLIENT_ID = "sente4j.clientId";

  private ClientMdc() {}

  /**
   * Runs {@code body} with these values in the MDC.
   *
   * @param uid the user id, or {@code null} before a handshake
   * @param clientId the client id
   * @param body what to run
   */
  public static void run(Object uid, String clientId, Runnable body) {
    String oldUid = MDC.get(UID);
    String oldClientId = MDC.get(CLIENT_ID);
    put(UID, uid == null ? null : String.valueOf(uid));
    put(CLIENT_ID, clientId);
    try {
      body.run();
    } finally {
      put(UID, oldUid);
      put(CLIENT_ID, oldClientId);
    }
  }

  private static void put(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
