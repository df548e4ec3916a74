package io.sente4j.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link ServerMetrics}: cheap to bump from any thread. */
final class ServerCounters {
  /** Open connections by transport: WebSockets at {@link Via#WEBSOCKET}, Ajax clients at {@link Via#AJAX_POLL}. */
  private final AtomicLongArray open = new AtomicLongArray(Via.values().length);
  private final LongAdder opened = new LongAdder();
  private final AtomicLongArray closed = new AtomicLongArray(CloseReason.values().length);
  private final LongAdder eventsReceived = new LongAdder();
  private final LongAdder eventsPushed = new LongAdder();
  private final LongAdder repliesSent = new LongAdder();
  private final LongAdder errorRepliesSent = new LongAdder();
  private final AtomicLongArray errors = new AtomicLongArray(ServerError.Kind.values().length);
  private final AtomicLongArray badFrames = new AtomicLongArray(FrameException.Reason.values().length);
  private final AtomicLongArray rejections = new AtomicLongArray(RejectionReason.values().length);

  void opened(Via via) {
    opened.increment();
    open.incrementAndGet(via.ordinal());
  }

  void closed(Via via, CloseReason reason) {
    open.decrementAndGet(via.ordinal());
    closed.incrementAndGet(reason.ordinal());
  }

  void eventReceived() {
    eventsReceived.increment();
  }

  void eventsPushed(int n) {
    eventsPushed.add(n);
  }

  void replySent(Object value) {
    (value == Chsk.ERROR ? errorRepliesSent : repliesSent).increment();
  }

  void error(ServerError error) {
    errors.incrementAndGet(error.kind().ordinal());
    if (error.cause() instanceof FrameException f && error.kind() == ServerError.Kind.BAD_FRAME) {
      badFrames.incrementAndGet(f.reason().ordinal());
    }
  }

  void rejected(RejectionReason reason) {
    rejections.incrementAndGet(reason.ordinal());
  }

  ServerMetrics snapshot() {
    return new ServerMetrics(open.get(Via.WEBSOCKET.ordinal()), open.get(Via.AJAX_POLL.ordinal()), opened.sum(), counts(closed, CloseReason.class),
        eventsReceived.sum(), eventsPushed.sum(), repliesSent.sum(), errorRepliesSent.sum(),
        counts(errors, ServerError.Kind.class), counts(badFrames, FrameException.Reason.class),
        counts(rejections, RejectionReason.class));
  }

  private static <K extends Enum<K>> Map<K, Long> counts(AtomicLongArray values, Class<K> type) {
    Map<K, Long> m = new EnumMap<>(type);
    for (K k : type.getEnumConstants()) {
      m.put(k, values.get(k.ordinal()));
    }
    return m;
  }
}
