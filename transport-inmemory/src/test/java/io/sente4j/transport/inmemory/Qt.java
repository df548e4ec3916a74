package io.sente4j.transport.inmemory;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories for this module's tests, honouring the project's overrides: {@code -Dsente4j.qt.seed=N} replays a
 * printed seed and {@code -Dsente4j.qt.examples=N} sets the number of examples.
 */
final class Qt {
  private Qt() {}

  /** A QuickTheory with {@code seed} and {@code examples}, unless the system properties override them. */
  static QuickTheory seeded(long seed, int examples) {
    return QuickTheory.qt()
        .withFixedSeed(Long.getLong("sente4j.qt.seed", seed))
        .withExamples(Integer.getInteger("sente4j.qt.examples", examples));
  }
}
