package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.Payload;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The push batches held for one Ajax client between two of its polls (PROTOCOL.md §7.4), oldest first, bounded in
 * events and in packed bytes. Each batch carries the deadline of its retry window. Pure bookkeeping, no timers and
 * no locking: its {@link AjaxClient} guards it.
 */
public final class HeldPushes {

  /**
   * One flushed batch.
   *
   * @param events the events, in send order
   * @param packed the batch packed as one push frame
   * @param bytes {@code packed}'s size in bytes, counted once (for text, counting is a pass over the whole frame)
   * @param deadlineNanos when its retry window ends, on the scheduler's clock
   */
  public record Batch(List<Event> events, Payload packed, int bytes, long deadlineNanos) {
    /** Checks the parts are present. */
    public Batch {
      events = List.copyOf(events);
      Objects.requireNonNull(packed, "packed");
    }

    /** A batch of {@code events} packed as {@code packed}, whose size is counted here. */
    public Batch(List<Event> events, Payload packed, long deadlineNanos) {
      this(events, packed, packed.byteLength(), deadlineNanos);
    }
  }

  private final int maxEvents;
  private final long maxBytes;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private int events;
  private long bytes;

  /** An empty queue holding at most {@code maxEvents} events and {@code maxBytes} packed bytes. */
  public HeldPushes(int maxEvents, long maxBytes) {
    this.maxEvents = maxEvents;
    this.maxBytes = maxBytes;
  }

  /**
   * Holds a batch, dropping the oldest batches while the limits would be exceeded (drop-oldest). A batch that alone
   * exceeds a limit is not held.
   *
   * @return the batches dropped, oldest first (possibly {@code batch} itself); empty when nothing was dropped
   */
  public List<Batch> add(Batch batch) {
    if (batch.events().size() > maxEvents || batch.bytes() > maxBytes) {
      return List.of(batch);
    }
    List<Batch> dropped = new ArrayList<>(0);
    while (events + batch.events().size() > maxEvents || bytes + batch.bytes() > maxBytes) {
      dropped.add(removeFirst());
    }
    batches.addLast(batch);
    events += batch.events().size();
    bytes += batch.bytes();
    return dropped;
  }

  /** Removes and returns the batches whose retry window has ended at {@code nowNanos}, oldest first. */
  public List<Batch> expire(long nowNanos) {
    List<Batch> expired = new ArrayList<>(0);
    while (!batches.isEmpty() && batches.peekFirst().deadlineNanos() - nowNanos <= 0) {
      expired.add(removeFirst());
    }
    return expired;
  }

  /** Removes and returns every batch, oldest first. */
  public List<Batch> takeAll() {
    List<Batch> all = new ArrayList<>(batches);
    batches.clear();
    events = 0;
    bytes = 0;
    return all;
  }

  /** Puts batches taken with {@link #takeAll} back in front, in their order (their delivery failed). */
  public void putBack(List<Batch> taken) {
    for (int i = taken.size() - 1; i >= 0; i--) {
      Batch b = taken.get(i);
      batches.addFirst(b);
      events += b.events().size();
      bytes += b.bytes();
    }
  }

  /** The oldest batch, or {@code null}. */
  public Batch first() {
    return batches.peekFirst();
  }

  /** Whether nothing is held. */
  public boolean isEmpty() {
    return batches.isEmpty();
  }

  /** The number of events held. */
  public int eventCount() {
    return events;
  }

  /** The number of packed bytes held. */
  public long byteCount() {
    return bytes;
  }

  /** The total number of events in {@code batches}. */
  public static int eventsIn(List<Batch> batches) {
    int n = 0;
    for (Batch b : batches) {
      n += b.events().size();
    }
    return n;
  }

  private Batch removeFirst() {
    Batch b = batches.removeFirst();
    events -= b.events().size();
    bytes -= b.bytes();
    return b;
  }
}
