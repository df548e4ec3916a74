package io.sente4j.core;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long a client waits before a reconnect attempt (PROTOCOL.md §7.6). Attempts count from 1 after a loss, and
 * start over once a connection has stayed open for the client's {@code backoffResetAfter}. Implementations must be
 * thread-safe; the client calls them with its own random generator, one call at a time, on its executor and never
 * while it holds its lock, so a backoff may take its time or call the client (its sends are not held up meanwhile).
 * The attempt comes the delay after the loss, however long the call took. A backoff that throws stops the client, as
 * {@link ChannelSocketClient.Builder#backoff} says.
 */
@FunctionalInterface
public interface Backoff {

  /**
   * The delay before reconnect attempt {@code attempt}.
   *
   * @param attempt the attempt, 1 for the first retry after a loss
   * @param random the generator to draw jitter from
   * @return the delay, never negative
   */
  Duration delay(int attempt, RandomGenerator random);

  /**
   * Exponential backoff with full jitter, the protocol's rule: attempt 1 (and any attempt below it) at once; attempt
   * <i>n</i> &ge; 2 after a delay drawn uniformly from [0, min(cap, base &times; 2<sup>n&minus;1</sup>)]. The
   * client's default is a base of 1 s and a cap of 30 s.
   *
   * @param base the first step, positive
   * @param cap the largest delay, at least {@code base}
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap} is below it
   */
  static Backoff exponentialFullJitter(Duration base, Duration cap) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(cap, "cap");
    if (base.isNegative() || base.isZero()) {
      throw new IllegalArgumentException("backoff base must be positive, got " + base);
    }
    if (cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
    }
    long baseNanos = saturatedNanos(base);
    long capNanos = saturatedNanos(cap);
    return new Backoff() {
      @Override
      public Duration delay(int attempt, RandomGenerator random) {
        if (attempt <= 1) {
          return Duration.ZERO;
        }
        int shift = attempt - 1;
        long bound = shift >= Long.SIZE - 1 || baseNanos > (capNanos >> shift) ? capNanos : baseNanos << shift;
        long nanos = bound == Long.MAX_VALUE ? random.nextLong(bound) : random.nextLong(bound + 1);
        return Duration.ofNanos(nanos);
      }

      @Override
      public String toString() {
        return "Backoff.exponentialFullJitter(" + base + ", " + cap + ")";
      }
    };
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
