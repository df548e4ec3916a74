package io.sente4j.core;

/**
 * What a server transport serves on the channel-socket path: it turns every HTTP request there into a
 * {@link ServerRequest}, asks the endpoint, and carries out the {@link ServerAnswer}. A {@code ChannelSocketServer} is
 * one; a transport depends on this interface only.
 */
@FunctionalInterface
public interface ServerEndpoint {

  /**
   * Decides what to do with one request. Called on a transport thread; returns at once, without running application
   * code (the core hands that to its own executor).
   */
  ServerAnswer handle(ServerRequest request);
}
