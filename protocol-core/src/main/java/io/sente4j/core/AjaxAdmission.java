package io.sente4j.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds all the Ajax requests a server holds at once (PROTOCOL.md §11.3): parked polls, and POSTs waiting for the
 * handler or for their reply. Each client's POSTs are bounded apart, by its receive queue ({@code PostQueues}); this
 * bounds the sum over every client, so that many clients together cannot hold an unbounded number of responses.
 */
final class AjaxAdmission {
  private final int maxPending;
  private final AtomicInteger pending = new AtomicInteger();

  AjaxAdmission(int maxPending) {
    this.maxPending = maxPending;
  }

  /** A request admitted: it gives its room back once, when {@link #release()} is called or its response ends. */
  final class Ticket {
    private final AtomicBoolean released = new AtomicBoolean();

    private Ticket() {}

    /** Gives the room back; only the first call counts. */
    void release() {
      if (released.compareAndSet(false, true)) {
        pending.decrementAndGet();
      }
    }

    /**
     * The response, releasing this ticket when it is completed (the server completes every held response in the
     * end: the poll or reply timeout bounds it) or the client goes away. Nothing is registered with the transport
     * here: the server registers its own abandonment actions, and those release the ticket too.
     */
    HeldResponse track(HeldResponse response) {
      return new HeldResponse() {
        @Override
        public boolean complete(int status, Payload body) {
          try {
            return response.complete(status, body);
          } finally { // also when the transport throws, or the room would be lost for good
            release();
          }
        }

        @Override
        public boolean isOpen() {
          return response.isOpen();
        }

        @Override
        public void onAbandoned(Runnable action) {
          response.onAbandoned(() -> {
            release();
            action.run();
          });
        }
      };
    }
  }

  /** A ticket, or {@code null} when the server holds its most Ajax requests already. */
  Ticket admit() {
    while (true) {
      int now = pending.get();
      if (now >= maxPending) {
        return null;
      }
      if (pending.compareAndSet(now, now + 1)) {
        return new Ticket();
      }
    }
  }

  /** The Ajax requests held or queued now. */
  int pending() {
    return pending.get();
  }
}
