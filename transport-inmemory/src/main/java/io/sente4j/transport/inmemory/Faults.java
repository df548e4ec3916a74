package io.sente4j.transport.inmemory;

import io.sente4j.core.Direction;
import io.sente4j.core.Payload;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/** The faults a network injects into everything that crosses it; thread-safe, changeable at any time. */
final class Faults {
  private static final Predicate<Payload> NEVER = p -> false;

  /** A refusal of every WebSocket upgrade. */
  record Refusal(int status, String body) {}

  private volatile long latencyNanos;
  private volatile Predicate<Payload> fromClient = NEVER;
  private volatile Predicate<Payload> fromServer = NEVER;
  private volatile Refusal refusal;
  private final AtomicLong dropped = new AtomicLong();
  private double probability;
  private Random random;

  void latency(Duration latency) {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + latency);
    }
    latencyNanos = latency.toNanos();
  }

  long latencyNanos() {
    return latencyNanos;
  }

  void dropFilter(Direction direction, Predicate<Payload> filter) {
    Objects.requireNonNull(filter, "filter");
    if (direction == null || direction == Direction.FROM_CLIENT) {
      fromClient = filter;
    }
    if (direction == null || direction == Direction.FROM_SERVER) {
      fromServer = filter;
    }
  }

  synchronized void dropProbability(double p, long seed) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("drop probability must be within [0, 1]: " + p);
    }
    probability = p;
    random = p == 0 ? null : new Random(seed);
  }

  /** Whether to drop a frame; counts it if so. */
  boolean drop(Direction from, Payload payload) {
    Predicate<Payload> filter = from == Direction.FROM_CLIENT ? fromClient : fromServer;
    if (filter.test(payload) || randomDrop()) {
      dropped.incrementAndGet();
      return true;
    }
    return false;
  }

  private synchronized boolean randomDrop() {
    return random != null && random.nextDouble() < probability;
  }

  /** Counts a frame dropped for another reason (a silenced client). */
  void countDrop() {
    dropped.incrementAndGet();
  }

  long droppedFrames() {
    return dropped.get();
  }

  void refuse(Refusal r) {
    refusal = r;
  }

  Refusal refusal() {
    return refusal;
  }
}
