package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashFloodGuardTest {
  private static final int MAX = 64;

  /** Two-element lists that all have the same {@code List.hashCode}: 31 * (31 + i) + 31 * (k - i). */
  static List<Long> colliding(long i) {
    return List.of(i, 31 * (100_000 - i));
  }

  @Test
  void admitsTheMostKeysThatMayShareAHashCodeAndRefusesOneMore() {
    Set<Object> set = new LinkedHashSet<>();
    HashFloodGuard guard = new HashFloodGuard(MAX);
    for (long i = 0; i < MAX; i++) {
      assertThat(guard.admits(colliding(i), set)).as("key %d", i).isTrue();
      set.add(colliding(i));
    }
    assertThat(set).hasSize(MAX);
    assertThat(set.stream().map(Object::hashCode).distinct()).hasSize(1);
    assertThat(guard.admits(colliding(MAX), set)).isFalse();
  }

  @Test
  void countingStartsWithTheKeysAlreadyThereWhenTheCollectionReachesTheLimit() {
    Set<Object> set = new LinkedHashSet<>();
    HashFloodGuard guard = new HashFloodGuard(MAX);
    for (long i = 0; i < MAX; i++) {
      set.add(colliding(i)); // added without asking the guard: it counts them when it first needs to
    }
    assertThat(guard.admits(colliding(MAX), set)).isFalse();
  }

  @Test
  void keysWithDifferentHashCodesAreNeverRefused() {
    Set<Object> set = new LinkedHashSet<>();
    HashFloodGuard guard = new HashFloodGuard(MAX);
    for (long i = 0; i < 100_000; i++) {
      Object key = List.of(i);
      assertThat(guard.admits(key, set)).isTrue();
      set.add(key);
    }
  }

  @Test
  void manyGroupsEachWithinTheLimitAreAdmitted() {
    Set<Object> set = new LinkedHashSet<>();
    HashFloodGuard guard = new HashFloodGuard(MAX);
    for (long group = 0; group < 20; group++) {
      for (long i = 0; i < MAX; i++) {
        Object key = List.of(i, 31 * (group * 1_000_000 - i));
        assertThat(guard.admits(key, set)).isTrue();
        set.add(key);
      }
    }
    assertThat(set).hasSize(20 * MAX);
  }

  @Test
  void theRefusalSaysWhatAndWhy() {
    assertThat(new HashFloodGuard(MAX).refusal("keys of one map")).isEqualTo("more than 64 keys of one map share one"
        + " hash code (Java's hashCode), which would make building it take time that grows with their square"
        + " (PackerLimits.maxKeysPerHashCode)");
  }

  @Test
  void aLimitOfOneAdmitsOnlyKeysOfDistinctHashCodes() {
    Set<Object> set = new LinkedHashSet<>();
    HashFloodGuard guard = new HashFloodGuard(1);
    assertThat(guard.admits(colliding(0), set)).isTrue();
    set.add(colliding(0));
    assertThat(guard.admits(List.of(-1L), set)).isTrue();
    set.add(List.of(-1L));
    assertThat(guard.admits(colliding(1), set)).isFalse();
  }
}
