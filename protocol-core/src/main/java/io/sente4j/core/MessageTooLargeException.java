package io.sente4j.core;

/**
 * A message over the receiver's frame limit, refused by a transport before it was read whole. A transport reports
 * it to {@link ChannelListener#onError}; the core then closes the connection with {@link CloseReason#TOO_LARGE}
 * (WebSocket close code 1009, PROTOCOL.md §11.2).
 */
public class MessageTooLargeException extends Sente4jException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final long limit;

  /**
   * Creates the exception.
   *
   * @param size the bytes of the message seen when it was refused: its size, or (when refused part way) a lower
   *     bound of it; more than {@code limit}
   * @param limit the frame limit, in bytes
   */
  public MessageTooLargeException(long size, long limit) {
    super("a message of at least " + size + " bytes, over the frame limit of " + limit + " bytes");
    this.size = size;
    this.limit = limit;
  }

  /** The bytes of the message seen when it was refused: its size, or a lower bound of it. */
  public long size() {
    return size;
  }

  /** The frame limit, in bytes. */
  public long limit() {
    return limit;
  }
}
