package io.sente4j.core;

/**
 * The keywords the protocol reserves. Every {@code :chsk/...} id belongs to the protocol; applications use their
 * own namespaces. See {@code spec/PROTOCOL.md}, "Reserved identifiers".
 */
public final class Chsk {
  private Chsk() {}

  /** The reserved namespace, {@code chsk}. */
  public static final String NAMESPACE = "chsk";

  /** {@code :chsk/handshake}, the id of the server's first message to a connection. */
  public static final Keyword HANDSHAKE = Keyword.of(NAMESPACE, "handshake");
  /** {@code :chsk/ws-ping}: the server's keep-alive ping (a bare keyword) and the id of a client's ping event. */
  public static final Keyword WS_PING = Keyword.of(NAMESPACE, "ws-ping");
  /** {@code :chsk/ws-pong}, the id of a client's answer to a server ping. */
  public static final Keyword WS_PONG = Keyword.of(NAMESPACE, "ws-pong");
  /** {@code :chsk/timeout}: an Ajax long-poll that ended without a push, or a reply that did not come in time. */
  public static final Keyword TIMEOUT = Keyword.of(NAMESPACE, "timeout");
  /** {@code :chsk/closed}: a reply failed because the connection was closed. */
  public static final Keyword CLOSED = Keyword.of(NAMESPACE, "closed");
  /** {@code :chsk/error}: a reply failed because of a transport or server error. */
  public static final Keyword ERROR = Keyword.of(NAMESPACE, "error");
  /** {@code :chsk/dummy-cb-200}, the body of an Ajax POST that asked for no reply. */
  public static final Keyword DUMMY_CB_200 = Keyword.of(NAMESPACE, "dummy-cb-200");
  /** {@code :chsk/uidport-open}, the server-side event when a user id gains its first connection. */
  public static final Keyword UIDPORT_OPEN = Keyword.of(NAMESPACE, "uidport-open");
  /** {@code :chsk/uidport-close}, the server-side event when a user id loses its last connection. */
  public static final Keyword UIDPORT_CLOSE = Keyword.of(NAMESPACE, "uidport-close");
  /** {@code :chsk/state}, the client-side event when the connection state changes. */
  public static final Keyword STATE = Keyword.of(NAMESPACE, "state");
  /** {@code :chsk/bad-event}, reported for an event that is not {@code [namespaced-keyword data?]}. */
  public static final Keyword BAD_EVENT = Keyword.of(NAMESPACE, "bad-event");

  /** {@code :sente/nil-uid}, the user id of a connection whose user is not known. */
  public static final Keyword NIL_UID = Keyword.of("sente", "nil-uid");
  /** {@code :taoensso.sente/nil-uid}, the same for Sente 1.17; read as {@link #NIL_UID}. */
  public static final Keyword LEGACY_NIL_UID = Keyword.of("taoensso.sente", "nil-uid");
  /** {@code :ajax}, the marker in the callback slot of an Ajax POST that wants a reply (Sente 1.21). */
  public static final Keyword AJAX_MARKER = Keyword.of(null, "ajax");
  /** {@code "pong"}, the server's reply to a client ping. */
  public static final String PONG = "pong";
}
