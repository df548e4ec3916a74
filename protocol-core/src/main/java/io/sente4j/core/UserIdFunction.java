package io.sente4j.core;

/**
 * Computes the user id of a connection from its request (PROTOCOL.md §6.4), typically from the session. Called on the
 * handler executor when a connection opens.
 */
@FunctionalInterface
public interface UserIdFunction {

  /**
   * The user id.
   *
   * @param request the connection request
   * @param clientId the client id it carries
   * @return the uid; {@code null} and {@link Chsk#LEGACY_NIL_UID} stand for {@link Chsk#NIL_UID}
   */
  Object userId(ServerRequest request, String clientId);
}
