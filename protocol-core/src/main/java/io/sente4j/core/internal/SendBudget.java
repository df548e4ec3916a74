package io.sente4j.core.internal;

import io.sente4j.core.Payload;
import io.sente4j.core.QueueLimit;
import java.util.Objects;

/**
 * The budget of a connection's send queue: the frames handed to the transport and not yet written, in count and in
 * bytes, kept within a {@link QueueLimit} exactly as a {@link QueueBudget} keeps it. Thread-safe.
 *
 * <p>What differs is when a text frame's bytes are counted. Its UTF-8 length takes a pass over the whole text, as
 * long as packing it took a good share of (a profile of the push path showed it at over a tenth of the cost beyond
 * packing), while a text of n chars takes between n and 3n bytes. So a text frame is first held by its char count:
 * while the queue's upper bound (3n for every uncounted text) is within {@code maxBytes} it is admitted, and while
 * its lower bound (n) is over, it is refused, both uncounted; only in between are the held texts counted, and the
 * decision made on exact bytes. Every decision is the one exact counting would make.
 */
public final class SendBudget {
  /** One admitted frame, until it is released; in the list of uncounted frames while its bytes are unknown. */
  public static final class Held {
    private final Payload payload;
    /** The exact bytes, or -1 while the frame is counted by its chars. */
    private long bytes;
    private final long chars;
    private Held prev;
    private Held next;
    private boolean released;

    private Held(Payload payload, long bytes, long chars) {
      this.payload = payload;
      this.bytes = bytes;
      this.chars = chars;
    }
  }

  private final QueueLimit limit;
  private int items;
  /** The exact bytes of the held frames that are counted. */
  private long counted;
  /** The chars of the held text frames not yet counted: they take at least this many bytes and at most 3 times. */
  private long uncountedChars;
  /** The held frames not yet counted, oldest first (frames are usually written, and released, in order). */
  private Held first;
  private Held last;

  /** An empty budget bounded by {@code limit}. */
  public SendBudget(QueueLimit limit) {
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /**
   * Takes room for the frame if the limit allows it, as {@link QueueLimit#admits} decides on its exact byte length.
   *
   * @return what {@link #release} gives back once the transport has written the frame, or {@code null} if there is
   *     no room
   */
  public synchronized Held tryAdmit(Payload payload) {
    Held h = payload instanceof Payload.Text t
        ? new Held(payload, -1, t.text().length())
        : new Held(payload, payload.byteLength(), 0);
    if (items > 0) {
      if (items >= limit.maxItems()) {
        return null;
      }
      long low = counted + uncountedChars + (h.bytes >= 0 ? h.bytes : h.chars);
      if (low > limit.maxBytes()) {
        return null;
      }
      long high = counted + 3 * uncountedChars + (h.bytes >= 0 ? h.bytes : 3 * h.chars);
      if (high > limit.maxBytes()) {
        countAll();
        if (h.bytes < 0) {
          h.bytes = payload.byteLength();
        }
        if (!limit.admits(items, counted, h.bytes)) {
          return null;
        }
      }
    }
    items++;
    if (h.bytes >= 0) {
      counted += h.bytes;
    } else {
      uncountedChars += h.chars;
      link(h);
    }
    return h;
  }

  /** Gives back the room of a frame {@link #tryAdmit} admitted. */
  public synchronized void release(Held h) {
    if (h.released || items == 0) {
      throw new IllegalStateException("released more than was admitted");
    }
    h.released = true;
    items--;
    if (h.bytes >= 0) {
      counted -= h.bytes;
    } else {
      uncountedChars -= h.chars;
      unlink(h);
    }
  }

  /** The frames held now. */
  public synchronized int items() {
    return items;
  }

  /** The bytes held now (counting the held text frames not yet counted). */
  public synchronized long bytes() {
    countAll();
    return counted;
  }

  /** The limit. */
  public QueueLimit limit() {
    return limit;
  }

  /** Counts the held text frames not yet counted. */
  private void countAll() {
    Held h = first;
    while (h != null) {
      Held next = h.next;
      h.bytes = h.payload.byteLength();
      counted += h.bytes;
      h.prev = null;
      h.next = null;
      h = next;
    }
    first = null;
    last = null;
    uncountedChars = 0;
  }

  private void link(Held h) {
    h.prev = last;
    if (last == null) {
      first = h;
    } else {
      last.next = h;
    }
    last = h;
  }

  private void unlink(Held h) {
    if (h.prev == null) {
      first = h.next;
    } else {
      h.prev.next = h.next;
    }
    if (h.next == null) {
      last = h.prev;
    } else {
      h.next.prev = h.prev;
    }
    h.prev = null;
    h.next = null;
  }

  @Override
  public synchronized String toString() {
    return items + " item(s), " + bytes() + " byte(s) of " + limit;
  }
}
