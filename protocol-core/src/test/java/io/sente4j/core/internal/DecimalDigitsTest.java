package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class DecimalDigitsTest {

  @Test
  void aThousandDigitsAreAllowedAndOneMoreIsNotEitherSign() {
    BigInteger largest = BigInteger.TEN.pow(DecimalDigits.MAX).subtract(BigInteger.ONE);
    assertThat(largest.toString()).hasSize(1000);
    assertThat(DecimalDigits.atMostMax(largest)).isTrue();
    assertThat(DecimalDigits.atMostMax(largest.negate())).isTrue();
    assertThat(DecimalDigits.atMostMax(largest.add(BigInteger.ONE))).isFalse();
    assertThat(DecimalDigits.atMostMax(largest.add(BigInteger.ONE).negate())).isFalse();
    assertThat(DecimalDigits.MAX_BITS).as("the bits of 10^1000").isEqualTo(3322);
    assertThat(largest.bitLength()).isLessThanOrEqualTo(DecimalDigits.MAX_BITS);
  }

  /** A number of millions of bits took seconds to print into the message that refused it. */
  @Test
  void showsANumberBeyondTheBoundByItsSizeNotItsDigits() {
    BigInteger huge = BigInteger.ONE.shiftLeft(40_000);
    assertThat(DecimalDigits.text(huge)).isEqualTo("<BigInteger of 40001 bits>");
    assertThat(DecimalDigits.text(huge.negate().subtract(BigInteger.ONE))).isEqualTo("<BigInteger of 40001 bits>");
    assertThat(DecimalDigits.text(new BigDecimal(huge, -3))).isEqualTo("<BigDecimal of 40001 bits, scale -3>");
    BigInteger widest = BigInteger.ONE.shiftLeft(DecimalDigits.MAX_BITS).subtract(BigInteger.ONE);
    assertThat(DecimalDigits.text(widest)).isEqualTo(widest.toString());
    assertThat(DecimalDigits.text(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE))).isEqualTo("1E+2147483648");
    assertThat(DecimalDigits.text(42L)).isEqualTo("42");
  }
}
