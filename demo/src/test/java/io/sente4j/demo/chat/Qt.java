package io.sente4j.demo.chat;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories for the demo's tests, honouring the project's overrides: {@code -Dsente4j.qt.seed=N} replays a
 * printed seed and {@code -Dsente4j.qt.examples=N} sets the number of examples.
 */
final class Qt {
  private Qt() {}

  /** A QuickTheory with {@code seed}, unless {@code sente4j.qt.seed} overrides it. */
  static QuickTheory seeded(long seed) {
    QuickTheory qt = QuickTheory.qt().withFixedSeed(Long.getLong("sente4j.qt.seed", seed));
    Integer examples = Integer.getInteger("sente4j.qt.examples");
    return examples == null ? qt : qt.withExamples(examples);
  }
}
