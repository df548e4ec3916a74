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
 *
 * <p>A text batch's bytes are counted only when the decision needs them, as {@link SendBudget} does for the same
 * reason (counting UTF-8 takes a pass over the whole frame; a profile of the Ajax push path showed it at 7 % of the
 * pushing thread): a text of n chars takes between n and 3n bytes, so while the upper bound of what is held stays
 * within the limit nothing is counted, and while the lower bound is over it nothing need be. Every decision is the
 * one exact counting would make.
 */
public final class HeldPushes {

  /** One flushed batch: its events, in send order, packed as one push frame, and its retry window's end. */
  public static final class Batch {
    private final List<Event> events;
    private final Payload packed;
    private final long deadlineNanos;
    /** The chars of a text frame not yet counted; 0 once counted, and for a binary frame. */
    private long uncountedChars;
    /** The exact bytes, once counted. */
    private long bytes;

    /**
     * A batch.
     *
     * @param events the events, in send order
     * @param packed the batch packed as one push frame
     * @param deadlineNanos when its retry window ends, on the scheduler's clock
     */
    public Batch(List<Event> events, Payload packed, long deadlineNanos) {
      this.events = List.copyOf(events);
      this.packed = Objects.requireNonNull(packed, "packed");
      this.deadlineNanos = deadlineNanos;
      if (packed instanceof Payload.Text t) {
        uncountedChars = t.text().length();
      } else {
        bytes = packed.byteLength();
      }
    }

    /** The events, in send order. */
    public List<Event> events() {
      return events;
    }

    /** The batch packed as one push frame. */
    public Payload packed() {
      return packed;
    }

    /** When its retry window ends, on the scheduler's clock. */
    public long deadlineNanos() {
      return deadlineNanos;
    }

    private boolean counted() {
      return uncountedChars == 0;
    }

    /** The fewest bytes it can take. */
    private long low() {
      return counted() ? bytes : uncountedChars;
    }

    /** The most bytes it can take. */
    private long high() {
      return counted() ? bytes : 3 * uncountedChars;
    }

    private void count() {
      if (!counted()) {
        bytes = packed.byteLength();
        uncountedChars = 0;
      }
    }
  }

  private final int maxEvents;
  private final long maxBytes;
  private final ArrayDeque<Batch> batches = new ArrayDeque<>();
  private int events;
  /** The exact bytes of the held batches that are counted. */
  private long counted;
  /** The chars of the held text batches not yet counted: they take at least this many bytes and at most 3 times. */
  private long uncountedChars;

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
    if (batch.events().size() > maxEvents || over(0, 0, batch)) {
      return List.of(batch);
    }
    List<Batch> dropped = new ArrayList<>(0);
    while (events + batch.events().size() > maxEvents || over(counted, uncountedChars, batch)) {
      dropped.add(removeFirst());
    }
    append(batch);
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
    counted = 0;
    uncountedChars = 0;
    return all;
  }

  /** Puts batches taken with {@link #takeAll} back in front, in their order (their delivery failed). */
  public void putBack(List<Batch> taken) {
    for (int i = taken.size() - 1; i >= 0; i--) {
      Batch b = taken.get(i);
      batches.addFirst(b);
      tally(b, 1);
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

  /** The number of packed bytes held (counting the held text batches not yet counted). */
  public long byteCount() {
    countAll();
    return counted;
  }

  /** The total number of events in {@code batches}. */
  public static int eventsIn(List<Batch> batches) {
    int n = 0;
    for (Batch b : batches) {
      n += b.events().size();
    }
    return n;
  }

  /**
   * Whether {@code batch} with what is held ({@code heldCounted} exact bytes and {@code heldChars} uncounted chars,
   * which are this queue's, or none) takes more than {@code maxBytes}; counts only when the bounds cannot tell.
   */
  private boolean over(long heldCounted, long heldChars, Batch batch) {
    if (heldCounted + heldChars + batch.low() > maxBytes) {
      return true;
    }
    if (heldCounted + 3 * heldChars + batch.high() <= maxBytes) {
      return false;
    }
    batch.count();
    if (heldChars > 0) {
      countAll();
      return counted + batch.bytes > maxBytes;
    }
    return heldCounted + batch.bytes > maxBytes;
  }

  private void append(Batch b) {
    batches.addLast(b);
    tally(b, 1);
  }

  private Batch removeFirst() {
    Batch b = batches.removeFirst();
    tally(b, -1);
    return b;
  }

  /** Adds ({@code sign} 1) or takes away ({@code sign} -1) a batch's events and bytes. */
  private void tally(Batch b, int sign) {
    events += sign * b.events().size();
    if (b.counted()) {
      counted += sign * b.bytes;
    } else {
      uncountedChars += sign * b.uncountedChars;
    }
  }

  private void countAll() {
    for (Batch b : batches) {
      if (!b.counted()) {
        uncountedChars -= b.uncountedChars;
        b.count();
        counted += b.bytes;
      }
    }
  }
}
