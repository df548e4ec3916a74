package io.sente4j.core;

/**
 * Computes the application data a connection's handshake carries (PROTOCOL.md §4.4.1). Called on the handler
 * executor when a connection opens, after the user id.
 */
@FunctionalInterface
public interface HandshakeDataFunction {

  /**
   * The handshake data.
   *
   * @param request the connection request
   * @param uid the user id the server computed
   * @return any value the packer carries, or {@code null}
   */
  Object handshakeData(ServerRequest request, Object uid);
}
