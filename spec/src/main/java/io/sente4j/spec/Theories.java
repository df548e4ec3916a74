package io.sente4j.spec;

import org.quicktheories.QuickTheory;

/**
 * QuickTheories set up the sente4j way: a fixed seed, so a run is repeatable, that a failure prints ("Seed was N")
 * and that {@code -Dsente4j.qt.seed=N} overrides; and an example count that {@code -Dsente4j.qt.examples=N}
 * overrides (raise it for a long local run).
 */
public final class Theories {
  /** The system property that overrides the seed. */
  public static final String SEED_PROPERTY = "sente4j.qt.seed";
  /** The system property that overrides the number of examples per property. */
  public static final String EXAMPLES_PROPERTY = "sente4j.qt.examples";
  /** The seed used unless {@link #SEED_PROPERTY} says otherwise. */
  public static final long DEFAULT_SEED = 20261128L;
  /** The examples per property unless {@link #EXAMPLES_PROPERTY} says otherwise. */
  public static final int DEFAULT_EXAMPLES = 500;

  private Theories() {}

  /** A QuickTheory with the seed and the default example count. */
  public static QuickTheory qt() {
    return qt(DEFAULT_EXAMPLES);
  }

  /** A QuickTheory with the seed and {@code examples} examples, unless the property overrides the count. */
  public static QuickTheory qt(int examples) {
    return QuickTheory.qt().withFixedSeed(seed()).withExamples(Integer.getInteger(EXAMPLES_PROPERTY, examples));
  }

  /** The seed in use. */
  public static long seed() {
    return Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
  }
}
