package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Ajax body bound at the edge where three times the frame limit plus 4 KiB passes the largest array. */
class BodyBoundTest {
  /** The largest frame limit whose bound, three times it plus 4 KiB, still fits in an array. */
  private static final int LAST_UNCAPPED = (BodyBound.MAX_BYTES - 4096) / 3;

  @Test
  void theBoundIsThreeTimesTheFrameLimitPlus4KibUpToTheLargestArray() {
    assertThat(LAST_UNCAPPED).isEqualTo(715_826_514);
    assertThat(BodyBound.bytes(1)).isEqualTo(4099);
    assertThat(BodyBound.bytes(LAST_UNCAPPED)).isEqualTo(3 * LAST_UNCAPPED + 4096).isEqualTo(2_147_483_638);
    assertThat(BodyBound.capped(LAST_UNCAPPED)).isFalse();
    assertThat(BodyBound.bytes(LAST_UNCAPPED + 1)).isEqualTo(BodyBound.MAX_BYTES);
    assertThat(BodyBound.capped(LAST_UNCAPPED + 1)).isTrue();
    assertThat(BodyBound.bytes(Integer.MAX_VALUE)).isEqualTo(BodyBound.MAX_BYTES);
  }

  @Test
  void theDescriptionSaysWhenTheBoundIsCapped() {
    assertThat(BodyBound.describe(LAST_UNCAPPED))
        .isEqualTo("three times the frame limit of 715826514 bytes plus 4 KiB");
    assertThat(BodyBound.describe(LAST_UNCAPPED + 1))
        .isEqualTo("three times the frame limit of 715826515 bytes plus 4 KiB, capped at the largest array");
  }
}
