package io.sente4j.core;

/**
 * What a transport calls as things happen on a {@link Channel}. A transport calls one listener from one thread at a
 * time and in order, and calls {@link #onClose} exactly once, last; it calls these on its I/O threads, so
 * implementations return quickly and never run user code there.
 */
public interface ChannelListener {

  /** A listener that ignores every call: for a channel end nobody listens to. */
  static ChannelListener ignoring() {
    return IgnoringListener.INSTANCE;
  }

  /** A message arrived: text or binary, as the peer sent it. */
  void onMessage(Payload payload);

  /**
   * The connection closed: with the peer's close code and reason, or, when it ended without a close frame (a cut),
   * with {@link CloseReason#ABNORMAL}'s code 1006.
   */
  void onClose(int code, String reason);

  /**
   * The transport saw an error; {@link #onClose} follows.
   *
   * <p>A transport that enforces a message size limit and refuses a message over it (before or while assembling it)
   * reports a {@link MessageTooLargeException} here, with the size seen and the limit, and does not deliver the
   * message. It need not close the connection itself: the core closes it with {@link CloseReason#TOO_LARGE} (close
   * code 1009, reason {@code too-large}), after which {@link #onClose} follows as usual.
   */
  void onError(Throwable error);
}
