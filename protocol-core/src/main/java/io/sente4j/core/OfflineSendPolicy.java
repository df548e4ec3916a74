package io.sente4j.core;

/**
 * What a {@link ChannelSocketClient} does with a send made while it is not open (not yet connected, connecting,
 * waiting to reconnect, or closed after a loss). Immutable.
 *
 * <ul>
 *   <li>{@link #failFast()}: the send fails at once with {@link ReplyClosedException} (the default);
 *   <li>{@link #queue(int)}: the send is held, in order, until the next handshake, then sent. When {@code maxEvents}
 *       sends are already held, the new send fails at once with a {@link ReplyClosedException} that says so. A held
 *       request's reply timeout runs while it is held.
 * </ul>
 *
 * <p>Under either policy, a client that stays closed until the application connects again, with no handshake to
 * wait for, holds nothing: after {@code disconnect()}, after the server closed it as {@link
 * CloseReason#UNAUTHORIZED}, or after it stopped on an error (its scheduler refused a timer, its backoff threw), every
 * held send and request fails at once with {@link ReplyClosedException}, and so does every send made from then until
 * {@code connect()} or {@code reconnect()}. Sends made before the first {@code connect()} are held.
 */
public final class OfflineSendPolicy {
  private static final OfflineSendPolicy FAIL_FAST = new OfflineSendPolicy(0);

  private final int maxEvents;

  private OfflineSendPolicy(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  /** Sends while not open fail at once with {@link ReplyClosedException}. */
  public static OfflineSendPolicy failFast() {
    return FAIL_FAST;
  }

  /**
   * Sends while not open wait for the next handshake, at most {@code maxEvents} of them.
   *
   * @throws IllegalArgumentException if {@code maxEvents} is not positive
   */
  public static OfflineSendPolicy queue(int maxEvents) {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("an offline queue must hold at least one event, got " + maxEvents);
    }
    return new OfflineSendPolicy(maxEvents);
  }

  /** Whether sends are held while not open. */
  public boolean queues() {
    return maxEvents > 0;
  }

  /** How many sends are held at most; 0 under {@link #failFast()}. */
  public int maxEvents() {
    return maxEvents;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfflineSendPolicy && ((OfflineSendPolicy) o).maxEvents == maxEvents;
  }

  @Override
  public int hashCode() {
    return maxEvents;
  }

  /** {@code failFast()} or {@code queue(n)}. */
  @Override
  public String toString() {
    return queues() ? "queue(" + maxEvents + ")" : "failFast()";
  }
}
