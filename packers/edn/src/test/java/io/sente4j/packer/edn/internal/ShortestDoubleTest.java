package io.sente4j.packer.edn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Checked against Jackson's Schubfach, an independent implementation of the shortest-digits algorithm that
 * JDK 19's Double.toString adopted, so the test means the same on JDK 17.
 */
class ShortestDoubleTest {

  @Test
  void writesTheShortestDigitsWhereJdk17OvershootsThem() {
    assertThat(ShortestDouble.of(2.0E23)).isEqualTo("2.0E23");
    assertThat(ShortestDouble.of(1.0E23)).isEqualTo("1.0E23");
    assertThat(ShortestDouble.of(8.41E21)).isEqualTo("8.41E21");
    assertThat(ShortestDouble.of(5.0E-324)).isEqualTo("4.9E-324");
    // 17 digits are needed, and JDK 17 picks a farther one than the closest.
    assertThat(ShortestDouble.of(-3.7200667866357467E25)).isEqualTo("-3.7200667866357467E25");
  }

  @Test
  void keepsJavasLayout() {
    assertThat(ShortestDouble.of(1.0)).isEqualTo("1.0");
    assertThat(ShortestDouble.of(-0.0)).isEqualTo("-0.0");
    assertThat(ShortestDouble.of(0.001)).isEqualTo("0.001");
    assertThat(ShortestDouble.of(1.0E-4)).isEqualTo("1.0E-4");
    assertThat(ShortestDouble.of(1234567.0)).isEqualTo("1234567.0");
    assertThat(ShortestDouble.of(1.0E7)).isEqualTo("1.0E7");
    assertThat(ShortestDouble.of(-1.5E300)).isEqualTo("-1.5E300");
  }

  @Test
  void agreesWithSchubfachOnEveryFiniteDouble() {
    Theories.qt(20_000).forAll(DataModelGens.finiteDoubles().mix(
        Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble)
            .map(d -> Double.isFinite(d) ? d : 1.0)))
        .checkAssert(d -> {
          String ours = ShortestDouble.of(d);
          assertThat(ours).as("%s", d).isEqualTo(DoubleToDecimal.toString(d));
          assertThat(Double.parseDouble(ours)).isEqualTo(d);
        });
  }
}
