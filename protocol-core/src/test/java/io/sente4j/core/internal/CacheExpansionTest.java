package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.PackerLimits;
import org.junit.jupiter.api.Test;

class CacheExpansionTest {

  @Test
  void referencesMayStandForSixteenTimesTheInputLimitInAllAndNoMore() {
    CacheExpansion budget = new CacheExpansion(PackerLimits.builder().maxInputBytes(100).build(), "bytes");
    for (int i = 0; i < 16; i++) {
      assertThat(budget.charge(99)).isTrue();
    }
    assertThat(budget.charge(16)).as("exactly 1,600").isTrue();
    assertThat(budget.charge(1)).isFalse();
  }

  @Test
  void theLargestInputLimitDoesNotOverflow() {
    CacheExpansion budget = new CacheExpansion(PackerLimits.builder().maxInputBytes(Integer.MAX_VALUE).build(),
        "characters");
    assertThat(budget.charge(16L * Integer.MAX_VALUE)).isTrue();
    assertThat(budget.charge(1)).isFalse();
    assertThat(budget.refusal()).isEqualTo("cache references that stand for more than 34359738352 characters in all"
        + " (16 times PackerLimits.maxInputBytes; see maxCacheExpansion): a value that large from so small an input is"
        + " refused");
  }

  @Test
  void theFactorIsTheConfiguredExpansion() {
    CacheExpansion budget = new CacheExpansion(PackerLimits.builder().maxInputBytes(100).maxCacheExpansion(1)
        .build(), "bytes");
    assertThat(budget.charge(100)).as("exactly once the input limit").isTrue();
    assertThat(budget.charge(1)).isFalse();
    assertThat(budget.refusal()).startsWith("cache references that stand for more than 100 bytes in all (1 times");
  }

  @Test
  void theLargestFactorAndInputLimitDoNotOverflow() {
    CacheExpansion budget = new CacheExpansion(PackerLimits.builder().maxInputBytes(Integer.MAX_VALUE)
        .maxCacheExpansion(Integer.MAX_VALUE).build(), "bytes");
    assertThat(budget.charge((long) Integer.MAX_VALUE * Integer.MAX_VALUE)).isTrue();
    assertThat(budget.charge(1)).isFalse();
  }
}
