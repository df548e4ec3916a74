package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewTest {

  @Test
  void showsSmallValuesWhole() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(Keyword.of("a"), List.of(1L, "x"));
    m.put("k", null);
    assertThat(Preview.of(m, 200)).isEqualTo(m.toString()).isEqualTo("{:a=[1, x], k=null}");
  }

  @Test
  void cutsAtTheLimitAndSaysSo() {
    assertThat(Preview.of("abcdefghij", 5)).isEqualTo("abcde...");
    assertThat(Preview.of(List.of(1L, 2L, 3L, 4L, 5L, 6L), 7)).isEqualTo("[1, 2, ...");
  }

  @Test
  void showsANumberOfMillionsOfBitsByItsSize() {
    BigInteger huge = BigInteger.ONE.shiftLeft(4_000_000);
    assertThat(Preview.of(List.of(huge, new BigDecimal(huge, 2)), 200))
        .isEqualTo("[<BigInteger of 4000001 bits>, <BigDecimal of 4000001 bits, scale 2>]");
  }

  @Test
  void neverSplitsASurrogatePair() {
    assertThat(Preview.of("a\ud83d\ude00b", 2)).isEqualTo("a...");
  }

  @Test
  void doesNotWalkMoreOfAHugeValueThanItShows() {
    // A list whose elements fail if rendered: only the first few may be touched.
    List<Object> huge = new ArrayList<>(Collections.nCopies(1_000_000, 7L));
    huge.set(100, new Object() {
      @Override
      public String toString() {
        throw new AssertionError("rendered an element beyond the limit");
      }
    });
    assertThat(Preview.of(huge, 20)).hasSize(23).endsWith("...");
  }

  @Test
  void walksIntoTaggedValuesAndEventsInsteadOfStringifyingThem() {
    List<Object> huge = new ArrayList<>(Collections.nCopies(1_000_000, 7L));
    assertThat(Preview.of(new io.sente4j.core.Tagged(io.sente4j.core.Symbol.of("a/b"), huge), 20))
        .startsWith("#a/b [7, 7").hasSize(23);
    assertThat(Preview.of(io.sente4j.core.Event.of("a/b", huge), 20)).startsWith("[:a/b [7, 7").hasSize(23);
  }

  @Test
  void namesTheTypeOfValuesOutsideTheDataModel() {
    assertThat(Preview.of(List.of(java.util.Optional.of("secret")), 200)).isEqualTo("[#java.util.Optional]");
  }
}
