package io.sente4j.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * A fork's warm-up with every benchmark of its class, before JMH's own warm-up of the measured one ({@code
 * warmup=all}). JMH forks each benchmark so that it compiles only what that benchmark runs; a baseline that runs a
 * packer alone is then compiled after no other use of the packer, and the JIT lays its writer out for that one call
 * path, which no server's packer sees (the edn packer alone ran some 20 % slower in one JVM after the push path had
 * run). Running all of them first gives every fork the same history.
 */
final class WarmAll {
  /** How long each benchmark runs, in each of the {@link #ROUNDS} rounds, in a JMH run. */
  static final Duration EACH = Duration.ofMillis(500);
  static final int ROUNDS = 2;

  private WarmAll() {}

  /**
   * Runs each of {@code benchmarks} for {@code each} (at least once), in order, {@link #ROUNDS} times, calling {@code
   * settle} after each (to wait until what it sent has arrived).
   */
  static void run(Duration each, List<Runnable> benchmarks, Runnable settle) {
    for (int round = 0; round < ROUNDS; round++) {
      for (Runnable benchmark : benchmarks) {
        long end = System.nanoTime() + each.toNanos();
        do {
          benchmark.run();
        } while (System.nanoTime() < end);
        settle.run();
      }
    }
  }
}
