package io.sente4j.core;

/**
 * How a {@link ChannelSocketClient} reaches its server: Sente's {@code :type} option ({@code :ws}, {@code :ajax},
 * {@code :auto}). The connection in use is shown by {@link ClientState#via()}.
 */
public enum ClientType {
  /** Only WebSockets (PROTOCOL.md §5.3); every reconnect opens a new WebSocket. */
  WEBSOCKET,
  /**
   * Only Ajax long-polling (PROTOCOL.md §5.4–5.5): a handshake GET, then one long-poll GET at a time; each event is
   * its own POST. No pings: the long-poll is the keep-alive.
   */
  AJAX,
  /**
   * A WebSocket first; if that WebSocket fails before it ever opened (a refused upgrade, a network that blocks
   * WebSockets), Ajax for the rest of the client's life, as Sente's {@code :auto} does (PROTOCOL.md §6.1, §7.6).
   * Once a WebSocket of this client has opened, later losses reconnect over WebSocket. The default.
   */
  AUTO
}
