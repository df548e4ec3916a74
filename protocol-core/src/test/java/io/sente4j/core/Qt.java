package io.sente4j.core;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories for protocol-core's tests, honouring the same overrides as the spec module's {@code Theories}
 * (which protocol-core cannot depend on): {@code -Dsente4j.qt.seed=N} replays a printed seed and {@code
 * -Dsente4j.qt.examples=N} sets the number of examples.
 */
public final class Qt {
  private Qt() {}

  /** A QuickTheory with {@code seed}, unless {@code sente4j.qt.seed} overrides it. */
  public static QuickTheory seeded(long seed) {
    QuickTheory qt = QuickTheory.qt().withFixedSeed(Long.getLong("sente4j.qt.seed", seed));
    Integer examples = Integer.getInteger("sente4j.qt.examples");
    return examples == null ? qt : qt.withExamples(examples);
  }
}
