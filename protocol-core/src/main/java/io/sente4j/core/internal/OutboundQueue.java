package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.OfflineSendPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * The sends a client holds while it is not open, under {@link OfflineSendPolicy#queue(int)}, in order. Not
 * thread-safe: the client's lock guards it.
 */
public final class OutboundQueue {
  private final int max;
  private final List<Item> items = new ArrayList<>();

  /** A queue for {@code policy}; under {@link OfflineSendPolicy#failFast()} it holds nothing. */
  public OutboundQueue(OfflineSendPolicy policy) {
    this.max = policy.maxEvents();
  }

  /**
   * Holds a send, unless the queue is full.
   *
   * @param item the send
   * @param ended tells which held sends have ended meanwhile (timed out, cancelled); they are dropped to make room
   * @return false if the queue was full (or holds nothing)
   */
  public boolean offer(Item item, Predicate<Item> ended) {
    if (items.size() >= max) {
      items.removeIf(ended);
    }
    if (items.size() >= max) {
      return false;
    }
    items.add(item);
    return true;
  }

  /** Removes and returns every held send, oldest first. */
  public List<Item> drain() {
    List<Item> all = new ArrayList<>(items);
    items.clear();
    return all;
  }

  /** The number of sends held. */
  public int size() {
    return items.size();
  }

  /** The largest number of sends held. */
  public int max() {
    return max;
  }

  /**
   * One held send: an event with either a callback id (it wants a reply, and the pending-replies table owns its
   * future) or the future of a plain send.
   *
   * @param event the event
   * @param callbackId the callback id, or {@code null} for a plain send
   * @param sent the plain send's future, or {@code null} when the event wants a reply
   */
  public record Item(Event event, String callbackId, CompletableFuture<Void> sent) {}
}
