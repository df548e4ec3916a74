package io.sente4j.core;

import io.sente4j.core.internal.QueueBudget;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the Ajax requests a server holds or has queued for its handlers (PROTOCOL.md §11.3): all of them together
 * (parked polls and POSTs waiting for the handler or their reply) within {@code maxPending}, and each client's POSTs
 * within the receive queue's limit, as a WebSocket's events are. Without it a client could park any number of POSTs
 * on the handler executor's queue.
 */
final class AjaxAdmission {
  private final int maxPending;
  private final QueueLimit perClient;
  private final AtomicInteger pending = new AtomicInteger();
  private final ConcurrentHashMap<String, QueueBudget> byClient = new ConcurrentHashMap<>();

  AjaxAdmission(int maxPending, QueueLimit perClient) {
    this.maxPending = maxPending;
    this.perClient = perClient;
  }

  /** Why a request was not admitted. */
  enum Refusal {
    /** The server holds {@code maxPending} Ajax requests already. */
    SERVER_FULL,
    /** The client's POSTs fill its receive queue. */
    CLIENT_FULL
  }

  /** A request admitted: it gives its room back once, when {@link #release()} is called or its response ends. */
  final class Ticket {
    private final String clientId;
    private final long bytes;
    private final AtomicBoolean released = new AtomicBoolean();

    private Ticket(String clientId, long bytes) {
      this.clientId = clientId;
      this.bytes = bytes;
    }

    /** Gives the room back; only the first call counts. */
    void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      pending.decrementAndGet();
      if (clientId != null) {
        byClient.computeIfPresent(clientId, (id, budget) -> {
          budget.release(bytes);
          return budget.items() == 0 ? null : budget;
        });
      }
    }

    /** The response, releasing this ticket when it is completed or the client goes away. */
    HeldResponse track(HeldResponse response) {
      response.onAbandoned(this::release);
      return new HeldResponse() {
        @Override
        public boolean complete(int status, Payload body) {
          boolean written = response.complete(status, body);
          release();
          return written;
        }

        @Override
        public boolean isOpen() {
          return response.isOpen();
        }

        @Override
        public void onAbandoned(Runnable action) {
          response.onAbandoned(action);
        }
      };
    }
  }

  /** A ticket for a poll, or {@code null} when the server holds its most already. */
  Ticket admitPoll() {
    return takePending() ? new Ticket(null, 0) : null;
  }

  /**
   * A ticket for a POST of {@code bytes} from {@code clientId}.
   *
   * @return the ticket, or the refusal
   */
  Object admitPost(String clientId, long bytes) {
    if (!takePending()) {
      return Refusal.SERVER_FULL;
    }
    boolean[] admitted = new boolean[1];
    byClient.compute(clientId, (id, budget) -> {
      QueueBudget b = budget != null ? budget : new QueueBudget(perClient);
      admitted[0] = b.tryAdmit(bytes);
      return b.items() == 0 ? null : b;
    });
    if (!admitted[0]) {
      pending.decrementAndGet();
      return Refusal.CLIENT_FULL;
    }
    return new Ticket(clientId, bytes);
  }

  /** The Ajax requests held or queued now. */
  int pending() {
    return pending.get();
  }

  private boolean takePending() {
    while (true) {
      int now = pending.get();
      if (now >= maxPending) {
        return false;
      }
      if (pending.compareAndSet(now, now + 1)) {
        return true;
      }
    }
  }
}
