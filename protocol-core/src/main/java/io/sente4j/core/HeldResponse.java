package io.sente4j.core;

/**
 * An HTTP response a server transport holds open for the core (see {@link ServerAnswer.Hold}). It is completed at
 * most once; the transport tells the core when the client went away first.
 */
public interface HeldResponse {

  /**
   * Writes the response and ends the exchange. Returns false, writing nothing, if the response was already completed
   * or the client went away.
   */
  boolean complete(int status, Payload body);

  /** Whether the response can still be completed. */
  boolean isOpen();

  /** Runs {@code action} once if the client goes away before the response is completed. */
  void onAbandoned(Runnable action);
}
