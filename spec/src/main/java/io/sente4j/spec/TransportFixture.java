package io.sente4j.spec;

import io.sente4j.core.ClientTransport;
import io.sente4j.core.ServerEndpoint;
import java.net.URI;
import java.time.Duration;

/**
 * A transport under test, as {@link TransportConformanceKit} drives it: it serves a channel socket, makes the client
 * side, and breaks connections on request. The kit makes a fresh fixture for every test and closes it afterwards.
 *
 * <p>The hooks act on the connection of one client, named by the {@code client-id} parameter of its WebSocket
 * request. A fixture over real sockets can implement them with a small TCP proxy between client and server.
 */
public interface TransportFixture extends AutoCloseable {

  /** Serves {@code endpoint} and returns the WebSocket address ({@code ws:} or {@code wss:}) clients connect to. */
  URI serve(ServerEndpoint endpoint);

  /**
   * The client side of the transport. The kit wraps it to watch messages; it opens every connection and makes every
   * Ajax request through it (the wrapper also stalls a client's Ajax requests when a check needs that, so a fixture
   * has no Ajax hooks of its own). Its HTTP requests to the {@code http:} form of the served address must reach the
   * endpoint.
   */
  ClientTransport clientTransport();

  /**
   * From now on, messages from this client's open connection no longer reach the server, and the connection stays
   * open: the server sees a silent peer. Messages from the server still reach the client. A new connection of the
   * same client is not silenced.
   */
  void silence(String clientId);

  /**
   * Breaks this client's open connection without a close handshake, as a pulled cable or a crashed process does:
   * both ends see the connection end abnormally.
   */
  void cut(String clientId);

  /**
   * While {@code refuse} is true, the transport refuses WebSocket upgrades before they reach the endpoint (for
   * example with an HTTP error status, or by refusing the connection); the client sees its open fail.
   */
  void refuseUpgrades(boolean refuse);

  /**
   * How long the kit waits in real time for the transport's I/O to settle before it declares a test failed. The
   * default suits an in-process transport; a transport over real sockets may need more.
   */
  default Duration settleTimeout() {
    return Duration.ofSeconds(10);
  }

  /** Stops serving and releases everything the fixture holds. */
  @Override
  void close();
}
