package io.sente4j.core;

/**
 * What a server transport serves on the channel-socket path: it turns every HTTP request there into a
 * {@link ServerRequest}, asks the endpoint, and carries out the {@link ServerAnswer}. A {@code ChannelSocketServer} is
 * one; a transport depends on this interface only.
 */
@FunctionalInterface
public interface ServerEndpoint {

  /**
   * Decides what to do with one request. Called on a transport thread; returns at once. The core runs only the
   * application's quick request checks here (the CSRF token function and the authorizer of a {@link
   * ChannelSocketServer}); everything else of the application runs on the core's own executor.
   */
  ServerAnswer handle(ServerRequest request);
}
