package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

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
}
