package io.sente4j.core;

/**
 * Hears every change of a server's {@link ConnectedUids}. Called on the handler executor, one snapshot at a time,
 * in the order of the changes.
 */
@FunctionalInterface
public interface PresenceListener {

  /** The connected uids changed; {@code now} is the new state. */
  void presenceChanged(ConnectedUids now);
}
