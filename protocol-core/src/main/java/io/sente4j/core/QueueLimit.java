package io.sente4j.core;

/**
 * The bound of one queue, in items and in bytes: a queue accepts an item while both its count and its byte total
 * stay within the bound. An item larger than {@code maxBytes} on its own is still accepted into an empty queue, so a
 * single large message is limited by the frame size, not by the queue.
 *
 * @param maxItems the most items the queue holds, at least 1
 * @param maxBytes the most bytes the queue holds, at least 1
 */
public record QueueLimit(int maxItems, long maxBytes) {

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException if either is below 1
   */
  public QueueLimit {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be at least 1, was " + maxItems);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
    }
  }

  /** A bound of {@code maxItems} items and {@code maxBytes} bytes. */
  public static QueueLimit of(int maxItems, long maxBytes) {
    return new QueueLimit(maxItems, maxBytes);
  }

  /** Whether a queue holding {@code items} items of {@code bytes} bytes may take one more of {@code more} bytes. */
  public boolean admits(int items, long bytes, long more) {
    return items == 0 || (items < maxItems && bytes + more <= maxBytes);
  }
}
