package io.sente4j.core.internal;

import io.sente4j.core.QueueLimit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receive queues of Ajax POSTs (PROTOCOL.md §11.3): the events of one client id handed to the handlers and not
 * yet handled, bounded as a WebSocket's receive queue is. A queue exists while it holds something, so idle clients
 * cost nothing. Thread-safe.
 */
public final class PostQueues {
  private final QueueLimit limit;
  private final Map<String, QueueBudget> queues = new ConcurrentHashMap<>();

  /** Queues bounded by {@code limit} each. */
  public PostQueues(QueueLimit limit) {
    this.limit = Objects.requireNonNull(limit, "limit");
  }

  /** Takes room in the client id's queue for an event of {@code size} bytes; returns whether there was room. */
  public boolean tryAdmit(String clientId, long size) {
    boolean[] admitted = new boolean[1];
    queues.compute(clientId, (k, queue) -> {
      QueueBudget q = queue != null ? queue : new QueueBudget(limit);
      admitted[0] = q.tryAdmit(size);
      return q.items() == 0 ? null : q;
    });
    return admitted[0];
  }

  /** Gives back the room of an event admitted with {@link #tryAdmit}, once the handler is done with it. */
  public void release(String clientId, long size) {
    queues.computeIfPresent(clientId, (k, q) -> {
      q.release(size);
      return q.items() == 0 ? null : q;
    });
  }

  /** Whether no client id has an event waiting for, or in, the handler. */
  public boolean isEmpty() {
    return queues.isEmpty();
  }

  /** How many events, of every client id, wait for or are in the handler: a sum over the queues, not for a hot path. */
  public int items() {
    int items = 0;
    for (QueueBudget q : queues.values()) {
      items += q.items();
    }
    return items;
  }

  /** The bound of each queue. */
  public QueueLimit limit() {
    return limit;
  }
}
