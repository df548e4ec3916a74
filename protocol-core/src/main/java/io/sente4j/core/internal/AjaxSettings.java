package io.sente4j.core.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The Ajax settings of a server (PROTOCOL.md §7.2 to §7.4, §8.1), as its builder collected them.
 *
 * @param longPollTimeout how long a poll stays parked before it is answered {@code :chsk/timeout}
 * @param replyTimeout how long a POST that wants a reply waits for the handler before it is answered {@code
 *     :chsk/timeout}
 * @param sendBufferWindow how long a uid's Ajax push buffer waits after its first event before it is flushed
 * @param disconnectGrace how long an Ajax client keeps counting as connected after a poll ended without a new one
 * @param pushRetryWindow how long a batch flushed for a client that has no parked poll is held for its next poll
 * @param maxHeldEvents how many events one client may have held between polls
 * @param maxHeldBytes how many packed bytes one client may have held between polls
 * @param maxPending how many Ajax requests (parked polls, POSTs waiting for the handler or their reply) the server
 *     holds at once
 */
public record AjaxSettings(Duration longPollTimeout, Duration replyTimeout, Duration sendBufferWindow,
    Duration disconnectGrace, Duration pushRetryWindow, int maxHeldEvents, int maxHeldBytes, int maxPending) {

  /** Checks every setting is present and the limits are positive. */
  public AjaxSettings {
    Objects.requireNonNull(longPollTimeout, "longPollTimeout");
    Objects.requireNonNull(replyTimeout, "replyTimeout");
    Objects.requireNonNull(sendBufferWindow, "sendBufferWindow");
    Objects.requireNonNull(disconnectGrace, "disconnectGrace");
    Objects.requireNonNull(pushRetryWindow, "pushRetryWindow");
    if (maxPending < 1) {
      throw new IllegalArgumentException("maxPending must be positive, got " + maxPending);
    }
    if (maxHeldEvents < 1 || maxHeldBytes < 1) {
      throw new IllegalArgumentException("held-push limits must be positive: " + maxHeldEvents + " events, "
          + maxHeldBytes + " bytes");
    }
  }
}
