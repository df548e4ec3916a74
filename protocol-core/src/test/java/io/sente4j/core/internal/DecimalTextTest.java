package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecimalTextTest {

  @Test
  void isTheUsualTextWhereThatReadsBack() {
    for (String s : List.of("1.50", "1E+3", "-0.000001", "1E-2147483647", "1E+2147483647", "1.0E+2147483647")) {
      assertThat(DecimalText.of(new BigDecimal(s))).contains(new BigDecimal(s).toString());
    }
  }

  @Test
  void isTheUnscaledDigitsAndExponentWhereTheUsualExponentPassesAnInt() {
    BigDecimal d = new BigDecimal(BigInteger.valueOf(-123456789), -Integer.MAX_VALUE);
    assertThat(d.toString()).isEqualTo("-1.23456789E+2147483655");
    assertThat(DecimalText.of(d)).contains("-123456789E+2147483647");
    assertThat(new BigDecimal(DecimalText.of(d).orElseThrow())).isEqualTo(d);
    BigDecimal barely = new BigDecimal(BigInteger.TEN, -Integer.MAX_VALUE);
    assertThat(new BigDecimal(DecimalText.of(barely).orElseThrow())).isEqualTo(barely);
  }

  @Test
  void isEmptyForTheOneScaleNoTextHas() {
    assertThat(DecimalText.of(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE))).isEmpty();
  }
}
