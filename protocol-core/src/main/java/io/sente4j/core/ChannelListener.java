package io.sente4j.core;

/**
 * What a transport calls as things happen on a {@link Channel}. A transport calls one listener from one thread at a
 * time and in order, and calls {@link #onClose} exactly once, last; it calls these on its I/O threads, so
 * implementations return quickly and never run user code there.
 */
public interface ChannelListener {

  /** A message arrived: text or binary, as the peer sent it. */
  void onMessage(Payload payload);

  /**
   * The connection closed: with the peer's close code and reason, or, when it ended without a close frame (a cut),
   * with {@link CloseReason#ABNORMAL}'s code 1006.
   */
  void onClose(int code, String reason);

  /** The transport saw an error; {@link #onClose} follows. */
  void onError(Throwable error);
}
