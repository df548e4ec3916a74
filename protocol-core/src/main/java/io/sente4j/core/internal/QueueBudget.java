package io.sente4j.core.internal;

import io.sente4j.core.QueueLimit;
import java.util.Objects;

/**
 * The count and byte total of a queue whose items live elsewhere (on an executor, in a transport), kept within a
 * {@link QueueLimit}. Thread-safe.
 */
public final class QueueBudget {
  private final QueueLimit limit;
  private int items;
  private long bytes;

  /** An empty budget bounded by {@code limit}. */
  public QueueBudget(QueueLimit limit) {
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /** Takes room for one item of {@code size} bytes if the limit allows it; returns whether it did. */
  public synchronized boolean tryAdmit(long size) {
    if (!limit.admits(items, bytes, size)) {
      return false;
    }
    items++;
    bytes += size;
    return true;
  }

  /** Gives back the room of one item of {@code size} bytes. */
  public synchronized void release(long size) {
    if (items == 0) {
      throw new IllegalStateException("released more than was admitted");
    }
    items--;
    bytes -= size;
  }

  /** The items held now. */
  public synchronized int items() {
    return items;
  }

  /** The bytes held now. */
  public synchronized long bytes() {
    return bytes;
  }

  /** The limit. */
  public QueueLimit limit() {
    return limit;
  }

  @Override
  public synchronized String toString() {
    return items + " item(s), " + bytes + " byte(s) of " + limit;
  }
}
