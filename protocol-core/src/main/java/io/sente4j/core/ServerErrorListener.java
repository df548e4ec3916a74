package io.sente4j.core;

/**
 * Hears of a server's {@link ServerError}s. Called on the handler executor, one error at a time, in the order they
 * happened.
 */
@FunctionalInterface
public interface ServerErrorListener {

  /** One error. */
  void onError(ServerError error);
}
