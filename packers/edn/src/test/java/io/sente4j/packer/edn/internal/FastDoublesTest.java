package io.sente4j.packer.edn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import io.sente4j.spec.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class FastDoublesTest {

  @Test
  void formatsShortDecimalsAndLeavesTheRestToTheSlowPath() {
    assertThat(FastDoubles.format(1.26)).isEqualTo("1.26");
    assertThat(FastDoubles.format(-0.001)).isEqualTo("-0.001");
    assertThat(FastDoubles.format(0.0125)).isEqualTo("0.0125");
    assertThat(FastDoubles.format(1234567.0)).isEqualTo("1234567.0");
    assertThat(FastDoubles.format(9999999.99999999)).isEqualTo("9999999.99999999");
    assertThat(FastDoubles.format(0.1 + 0.2)).isNull(); // 0.30000000000000004 needs 17 digits
    assertThat(FastDoubles.format(1e7)).isNull(); // Java writes 1.0E7
    assertThat(FastDoubles.format(0.000999)).isNull(); // Java writes 9.99E-4
  }

  @Test
  void formatAgreesWithSchubfachWheneverItAnswers() {
    Theories.qt(20_000).forAll(Generate.longRange(-1_000_000_000_000L, 1_000_000_000_000L),
        Generate.range(0, 10)).checkAssert((m, k) -> {
          double d = m / Math.pow(10, k);
          String fast = FastDoubles.format(d);
          if (fast != null) {
            assertThat(fast).as("%s", d).isEqualTo(DoubleToDecimal.toString(d));
          }
        });
  }

  @Test
  void parseAgreesWithParseDoubleWheneverItAnswers() {
    Theories.qt(20_000).forAll(Generate.longRange(-999_999_999_999_999L, 999_999_999_999_999L),
        Generate.range(0, 18), Generate.range(-30, 30)).checkAssert((m, point, exp) -> {
          String digits = Long.toString(Math.abs(m));
          int p = Math.min(point, digits.length() - 1);
          String text = (m < 0 ? "-" : "") + digits.substring(0, digits.length() - p) + "."
              + (p == 0 ? "0" : digits.substring(digits.length() - p)) + (exp == 0 ? "" : "E" + exp);
          Double fast = FastDoubles.parse(text.toCharArray(), 0, text.length());
          if (fast != null) {
            assertThat(fast).as(text).isEqualTo(Double.parseDouble(text));
          }
        });
  }

  @Test
  void parseTakesTheCommonCasesAndKeepsNegativeZero() {
    assertThat(FastDoubles.parse("1.26".toCharArray(), 0, 4)).isEqualTo(1.26);
    assertThat(FastDoubles.parse("-0.0".toCharArray(), 0, 4)).isEqualTo(-0.0);
    assertThat(FastDoubles.parse("1.0E300".toCharArray(), 0, 7)).isNull();
    assertThat(FastDoubles.parse("0.30000000000000004".toCharArray(), 0, 19)).isNull();
  }
}
