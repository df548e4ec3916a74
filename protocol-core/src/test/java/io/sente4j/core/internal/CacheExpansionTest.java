package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheExpansionTest {

  @Test
  void referencesMayStandForSixteenTimesTheInputLimitInAllAndNoMore() {
    CacheExpansion budget = new CacheExpansion(100, "bytes");
    for (int i = 0; i < 16; i++) {
      assertThat(budget.charge(99)).isTrue();
    }
    assertThat(budget.charge(16)).as("exactly 1,600").isTrue();
    assertThat(budget.charge(1)).isFalse();
  }

  @Test
  void theLargestInputLimitDoesNotOverflow() {
    CacheExpansion budget = new CacheExpansion(Integer.MAX_VALUE, "characters");
    assertThat(budget.charge(16L * Integer.MAX_VALUE)).isTrue();
    assertThat(budget.charge(1)).isFalse();
    assertThat(budget.refusal()).isEqualTo("cache references that stand for more than 34359738352 characters in all"
        + " (16 times PackerLimits.maxInputBytes): a value that large from so small an input is refused");
  }
}
