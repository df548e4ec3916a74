package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class PackerLimitsTest {

  @Test
  void defaultsAreDepth128InputOneMebibyteAndHundredThousandElements() {
    PackerLimits d = PackerLimits.defaults();
    assertThat(d.maxDepth()).isEqualTo(128).isEqualTo(PackerLimits.DEFAULT_MAX_DEPTH);
    assertThat(d.maxInputBytes()).isEqualTo(1_048_576).isEqualTo(PackerLimits.DEFAULT_MAX_INPUT_BYTES);
    assertThat(d.maxCollectionSize()).isEqualTo(100_000).isEqualTo(PackerLimits.DEFAULT_MAX_COLLECTION_SIZE);
    assertThat(d.maxKeysPerHashCode()).isEqualTo(64).isEqualTo(PackerLimits.DEFAULT_MAX_KEYS_PER_HASH_CODE);
    assertThat(d.maxCacheExpansion()).isEqualTo(16).isEqualTo(PackerLimits.DEFAULT_MAX_CACHE_EXPANSION);
  }

  @Test
  void theThreeLimitConstructorTakesTheDefaultHashCodeAndCacheBounds() {
    assertThat(new PackerLimits(4, 512, 7)).isEqualTo(new PackerLimits(4, 512, 7,
        PackerLimits.DEFAULT_MAX_KEYS_PER_HASH_CODE, PackerLimits.DEFAULT_MAX_CACHE_EXPANSION));
  }

  @Test
  void builderSetsTheHashCodeAndCacheBounds() {
    PackerLimits l = PackerLimits.builder().maxKeysPerHashCode(1).maxCacheExpansion(1).build();
    assertThat(l.maxKeysPerHashCode()).isEqualTo(1);
    assertThat(l.maxCacheExpansion()).isEqualTo(1);
    assertThat(l.maxDepth()).isEqualTo(PackerLimits.DEFAULT_MAX_DEPTH);
    assertThat(l.toBuilder().build()).isEqualTo(l);
  }

  @Test
  void rejectsHashCodeAndCacheBoundsBelowOne() {
    assertThatIllegalArgumentException().isThrownBy(() -> PackerLimits.builder().maxKeysPerHashCode(0).build())
        .withMessage("maxKeysPerHashCode must be at least 1, was 0");
    assertThatIllegalArgumentException().isThrownBy(() -> PackerLimits.builder().maxCacheExpansion(0).build())
        .withMessage("maxCacheExpansion must be at least 1, was 0");
  }

  @Test
  void builderStartsFromDefaults() {
    assertThat(PackerLimits.builder().build()).isEqualTo(PackerLimits.defaults());
  }

  @Test
  void builderSetsEachLimit() {
    PackerLimits l = PackerLimits.builder().maxDepth(4).maxInputBytes(512).maxCollectionSize(7).build();
    assertThat(l).isEqualTo(new PackerLimits(4, 512, 7));
  }

  @Test
  void builderChangesOnlyWhatIsSet() {
    PackerLimits l = PackerLimits.builder().maxInputBytes(10).build();
    assertThat(l.maxDepth()).isEqualTo(128);
    assertThat(l.maxInputBytes()).isEqualTo(10);
    assertThat(l.maxCollectionSize()).isEqualTo(100_000);
  }

  @Test
  void toBuilderStartsFromTheseLimits() {
    PackerLimits base = new PackerLimits(3, 4, 5);
    assertThat(base.toBuilder().build()).isEqualTo(base);
    assertThat(base.toBuilder().maxDepth(9).build()).isEqualTo(new PackerLimits(9, 4, 5));
    assertThat(base).isEqualTo(new PackerLimits(3, 4, 5));
  }

  @Test
  void acceptsTheSmallestLegalValues() {
    PackerLimits l = new PackerLimits(1, 1, 0);
    assertThat(l.maxDepth()).isEqualTo(1);
    assertThat(l.maxInputBytes()).isEqualTo(1);
    assertThat(l.maxCollectionSize()).isZero();
  }

  @Test
  void acceptsTheLargestValues() {
    PackerLimits l = new PackerLimits(PackerLimits.MAX_DEPTH_CEILING, Integer.MAX_VALUE, Integer.MAX_VALUE);
    assertThat(l.maxDepth()).isEqualTo(100_000);
    assertThat(l.maxInputBytes()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void rejectsDepthAboveTheCeiling() {
    assertThatIllegalArgumentException().isThrownBy(() -> PackerLimits.builder().maxDepth(100_001).build())
        .withMessage("maxDepth must be from 1 to 100000, was 100001");
  }

  @Test
  void rejectsDepthBelowOne() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PackerLimits(0, 1, 0))
        .withMessage("maxDepth must be from 1 to 100000, was 0");
    assertThatIllegalArgumentException().isThrownBy(() -> PackerLimits.builder().maxDepth(-5).build())
        .withMessage("maxDepth must be from 1 to 100000, was -5");
  }

  @Test
  void rejectsInputBytesBelowOne() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PackerLimits(1, 0, 0))
        .withMessage("maxInputBytes must be at least 1, was 0");
    assertThatIllegalArgumentException().isThrownBy(() -> PackerLimits.builder().maxInputBytes(-1).build())
        .withMessage("maxInputBytes must be at least 1, was -1");
  }

  @Test
  void rejectsNegativeCollectionSize() {
    assertThatIllegalArgumentException().isThrownBy(() -> new PackerLimits(1, 1, -1))
        .withMessage("maxCollectionSize must not be negative, was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> PackerLimits.builder().maxCollectionSize(Integer.MIN_VALUE).build())
        .withMessage("maxCollectionSize must not be negative, was " + Integer.MIN_VALUE);
  }

  @Test
  void builderValidatesOnlyWhenBuilding() {
    PackerLimits.Builder b = PackerLimits.builder().maxDepth(0);
    assertThat(b.maxDepth(2).build().maxDepth()).isEqualTo(2);
  }
}
