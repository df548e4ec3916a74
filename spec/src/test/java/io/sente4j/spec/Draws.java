package io.sente4j.spec;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/** Draws from a generator, for tests of what the generators reach. */
final class Draws {
  private Draws() {}

  /** {@code n} draws with the kit's seed; the count is fixed, since the tests count what {@code n} draws reach. */
  static <T> List<T> of(Gen<T> gen, int n) {
    List<T> out = new ArrayList<>();
    QuickTheory.qt().withFixedSeed(Theories.seed()).withExamples(n).forAll(gen).checkAssert(out::add);
    return out;
  }
}
