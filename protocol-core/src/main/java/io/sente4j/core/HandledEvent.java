package io.sente4j.core;

/**
 * Which receive queue the event being handled on the current thread is counted in: a WebSocket connection's, or a
 * server's Ajax POST queues. A {@link ChannelSocketServer#stop()} called from the event's handler must not wait for
 * that event, which cannot be handled before the handler returns, and the handler waits for the stop to return.
 */
final class HandledEvent {
  private static final ThreadLocal<Object> QUEUE = new ThreadLocal<>();

  private HandledEvent() {}

  /** Runs {@code handling} marked as the handling of an event counted in {@code queue}, then restores the mark. */
  static void run(Object queue, Runnable handling) {
    Object outer = QUEUE.get(); // an inline executor may run one server's handler inside another's
    QUEUE.set(queue);
    try {
      handling.run();
    } finally {
      if (outer == null) {
        QUEUE.remove();
      } else {
        QUEUE.set(outer);
      }
    }
  }

  /** Whether the current thread is handling an event counted in {@code queue}. */
  static boolean isIn(Object queue) {
    return QUEUE.get() == queue;
  }
}
