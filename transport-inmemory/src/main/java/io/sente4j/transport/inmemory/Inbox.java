package io.sente4j.transport.inmemory;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.Payload;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What arrives at one channel end: a serial queue that hands the end's listener its messages and then its close, in
 * order, one call at a time, on the network's I/O threads, never on the thread that sent.
 *
 * <p>Each item has a due time (the latency it was sent with, never earlier than the item before it, so latency keeps
 * the order). Items that crossed the network are held while the connection is paused. The close is the last item:
 * once it is queued nothing more is accepted; a cut replaces whatever was still queued with a 1006 close.
 */
final class Inbox {
  private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
  private static final int BATCH = 64;

  private record Item(Payload payload, int code, String reason, boolean gated, long due) {
    boolean isClose() {
      return payload == null;
    }
  }

  private final IoPool io;
  private final BooleanSupplier paused;
  private final IntSupplier maxMessageBytes;
  private final Runnable closeDelivered;
  private final String side;
  private final String clientId;

  private final Object lock = new Object();
  private final ArrayDeque<Item> items = new ArrayDeque<>();
  private ChannelListener listener;
  private boolean running;
  private boolean scheduled;
  private boolean timerSet;
  private long timerDue;
  private long lastDue = System.nanoTime();
  private boolean terminal;
  private boolean closeTaken;

  Inbox(IoPool io, BooleanSupplier paused, IntSupplier maxMessageBytes, Runnable closeDelivered, String side,
      String clientId) {
    this.io = io;
    this.paused = paused;
    this.maxMessageBytes = maxMessageBytes;
    this.closeDelivered = closeDelivered;
    this.side = side;
    this.clientId = clientId;
  }

  /** Starts delivering to {@code l}; items queued before now are delivered first. */
  void start(ChannelListener l) {
    synchronized (lock) {
      listener = l;
    }
    kick();
  }

  /** Queues a message from the peer, due after {@code delayNanos}; false if this end's close is already queued. */
  boolean offerMessage(Payload payload, long delayNanos) {
    return offer(new Item(payload, 0, null, true, 0), delayNanos);
  }

  /** Queues the peer's close frame, due after {@code delayNanos}, behind everything the peer sent before it. */
  boolean offerPeerClose(int code, String reason, long delayNanos) {
    return offer(new Item(null, code, reason, true, 0), delayNanos);
  }

  /**
   * Queues this end's own close, behind what already arrived. While the connection is paused, what is still held
   * for this end is lost: the end has closed and stops reading.
   */
  boolean offerLocalClose(int code, String reason) {
    return offer(new Item(null, code, reason, false, 0), 0);
  }

  private boolean offer(Item item, long delayNanos) {
    synchronized (lock) {
      if (terminal) {
        return false;
      }
      long due = Math.max(System.nanoTime() + Math.max(0, delayNanos), lastDue);
      lastDue = due;
      items.addLast(new Item(item.payload, item.code, item.reason, item.gated, due));
      terminal = item.isClose();
    }
    kick();
    return true;
  }

  /**
   * The connection was cut: everything not yet delivered is lost and the listener sees {@code onClose(1006, "")}
   * next, unless it has already seen its close.
   */
  void cut() {
    synchronized (lock) {
      if (closeTaken) {
        return;
      }
      items.clear();
      terminal = true;
      long now = System.nanoTime();
      lastDue = now;
      items.addLast(new Item(null, CloseReason.ABNORMAL.code(), "", false, now));
    }
    kick();
  }

  /** Whether the listener has been given (or is being given) its close. */
  boolean closeTaken() {
    synchronized (lock) {
      return closeTaken;
    }
  }

  /** Makes sure a drain runs if there is something deliverable. Cheap; call after any change. */
  void kick() {
    synchronized (lock) {
      if (listener == null || running || scheduled || items.isEmpty()) {
        return;
      }
      scheduled = true;
    }
    if (!io.execute(this::drain)) {
      synchronized (lock) {
        scheduled = false;
      }
      // The network has shut its threads down: what is due now (the close its cut queued, for an end whose listener
      // was only attached after the cut) is delivered on this thread, or the listener would never hear its close.
      drain();
    }
  }

  private void drain() {
    synchronized (lock) {
      scheduled = false;
      if (running) {
        return;
      }
      running = true;
    }
    for (int n = 0; ; n++) {
      Item item;
      ChannelListener l;
      synchronized (lock) {
        item = n < BATCH || !yieldThread() ? next() : null;
        if (item == null) {
          running = false;
          return;
        }
        l = listener;
      }
      deliver(l, item);
      if (item.isClose()) {
        closeDelivered.run();
      }
    }
  }

  /** Hands the rest of a long queue to a fresh task so other ends get a turn; false (keep going) if none can run. */
  private boolean yieldThread() {
    if (items.isEmpty()) {
      return false;
    }
    if (io.execute(this::drain)) {
      scheduled = true;
      return true;
    }
    return false;
  }

  /** The next item to deliver now, or null (arming the timer if the head is not due yet). Holds the lock. */
  private Item next() {
    Item head = items.peekFirst();
    if (head == null) {
      return null;
    }
    if (head.gated && paused.getAsBoolean()) {
      Item last = items.peekLast();
      if (!last.isClose() || last.gated) {
        return null;
      }
      items.clear();
      items.addLast(last);
      head = last;
    }
    long now = System.nanoTime();
    if (head.due - now > 0) {
      armTimer(head.due, now);
      return null;
    }
    items.pollFirst();
    if (head.isClose()) {
      closeTaken = true;
    }
    return head;
  }

  private void armTimer(long due, long now) {
    if (timerSet && timerDue - due <= 0) {
      return;
    }
    timerSet = true;
    timerDue = due;
    if (!io.schedule(() -> onTimer(due), due - now)) {
      timerSet = false;
    }
  }

  private void onTimer(long due) {
    synchronized (lock) {
      if (timerSet && timerDue == due) {
        timerSet = false;
      }
    }
    kick();
  }

  private void deliver(ChannelListener l, Item item) {
    try {
      if (item.isClose()) {
        l.onClose(item.code, item.reason);
        return;
      }
      int limit = maxMessageBytes.getAsInt();
      int size = limit == Integer.MAX_VALUE ? 0 : item.payload.byteLength();
      if (size > limit) {
        l.onError(new MessageTooLargeException(size, limit)); // refused, as a real transport's size limit would
      } else {
        l.onMessage(item.payload);
      }
    } catch (RuntimeException | Error e) {
      try (MDC.MDCCloseable ignored = MDC.putCloseable("sente4j.clientId", clientId)) {
        LOG.warn("the {} listener of in-memory connection {} threw from {}", side, clientId,
            item.isClose() ? "onClose" : "onMessage", e);
      }
    }
  }
}
