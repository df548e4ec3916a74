package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The values the JSON packer refuses, each with a {@link PackerException} that says why. */
class JsonPackerRefusalsTest {
  private final JsonPacker packer = new JsonPacker();

  private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Object v) {
    return assertThatThrownBy(() -> packer.pack(v)).isExactlyInstanceOf(PackerException.class)
        .hasMessageStartingWith("json: ");
  }

  @Test
  void refusesNonFiniteNumbers() {
    assertRefused(Double.NaN).hasMessage("json: cannot pack NaN: JSON has no NaN or Infinity");
    assertRefused(Double.POSITIVE_INFINITY).hasMessageContaining("Infinity");
    assertRefused(Double.NEGATIVE_INFINITY).hasMessageContaining("-Infinity");
    assertRefused(Float.NaN).hasMessageContaining("NaN");
    assertRefused(List.of(1L, Float.POSITIVE_INFINITY)).hasMessageContaining("Infinity");
  }

  @Test
  void refusesABigDecimalBeyondTheRangeOfADouble() {
    assertRefused(new BigDecimal("1E+400")).hasMessage("json: cannot pack the BigDecimal 1E+400: it is beyond the "
        + "range of a double, which is how it would read back");
    assertRefused(new BigDecimal("-2E+308")).hasMessageContaining("-2E+308");
  }

  @Test
  void refusesNumbersLongerThanTheReaderAccepts() {
    assertThat(packer.pack(BigInteger.TEN.pow(999)).asText()).hasSize(1000);
    assertRefused(BigInteger.TEN.pow(999).negate()).hasMessageContaining("1001 characters");
    assertRefused(BigInteger.TEN.pow(1000)).hasMessageContaining("1001 characters");
    assertRefused(BigInteger.TWO.pow(1_000_000)).hasMessageContaining("bits");
    assertRefused(new BigDecimal(BigInteger.TEN.pow(2000), 1990)).hasMessageContaining("bits");
  }

  @Test
  void refusesStringsThatUtf8CannotEncode() {
    assertRefused("ok\ud800").hasMessage("json: cannot pack a string holding a lone surrogate U+D800 at index 2, "
        + "which is not Unicode text and cannot be encoded as UTF-8");
    assertRefused("\udc00\ud800").hasMessageContaining("U+DC00 at index 0");
    assertRefused('\ud800').hasMessageContaining("U+D800");
    assertRefused(Map.of("k\udfff", 1L)).hasMessageContaining("U+DFFF");
    assertRefused(Map.of(List.of("\ud800"), 1L)).hasMessageContaining("U+D800");
  }

  @Test
  void refusesTaggedValues() {
    assertRefused(new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)))
        .hasMessage("json: cannot pack the tagged value #my.app/point: JSON has no tags, so Tagged is outside the "
            + "JSON packer's domain");
  }

  @Test
  void refusesOtherTypesByClassNameWithoutCallingToString() {
    Object secret = new Object() {
      @Override
      public String toString() {
        throw new AssertionError("toString must not be called");
      }
    };
    assertRefused(secret).hasMessageContaining("cannot pack a value of class " + secret.getClass().getName());
    assertRefused(Optional.of(1)).hasMessage("json: cannot pack a value of class java.util.Optional: it is not in "
        + "the data model");
    assertRefused(new ArrayDeque<>(List.of(1L))).hasMessageContaining("java.util.ArrayDeque");
    assertRefused(new Object[] {1L}).hasMessageContaining("[Ljava.lang.Object;");
    assertRefused(new java.util.concurrent.atomic.AtomicLong(1)).hasMessageContaining("AtomicLong");
    assertRefused(List.of(Map.of("k", new StringBuilder("x")))).hasMessageContaining("java.lang.StringBuilder");
    assertRefused(Map.of(new StringBuilder("k"), 1L)).hasMessageContaining("java.lang.StringBuilder");
  }

  @Test
  void refusesAMapWhoseKeysBecomeTheSameStringNamingBoth() {
    assertRefused(map(Keyword.of("a"), 1L, "a", 2L))
        .hasMessage("json: cannot pack a map whose keys :a and \"a\" both become the JSON key \"a\"");
    assertRefused(map("a", 1L, Symbol.of("a"), 2L)).hasMessageContaining("keys \"a\" and a both");
    assertRefused(map(1L, "x", "1", "y")).hasMessageContaining("keys 1 and \"1\" both become the JSON key \"1\"");
    assertRefused(map(1, "x", BigInteger.ONE, "y")).hasMessageContaining("\"1\"");
    assertRefused(map('c', "x", "c", "y")).hasMessageContaining("keys \\c and \"c\"");
    assertRefused(map(null, "x", "null", "y")).hasMessageContaining("keys nil and \"null\"");
    assertRefused(map(true, "x", "true", "y")).hasMessageContaining("\"true\"");
    assertRefused(map(List.of(1L), "x", "[1]", "y")).hasMessageContaining("the list [1] and \"[1]\"");
    assertRefused(map(Bytes.fromHex("ff"), "x", "/w==", "y")).hasMessageContaining("Bytes[1: ff]");
  }

  @Test
  void findsClashesAmongManyKeysToo() {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (long i = 0; i < 50; i++) {
      m.put("k" + i, i);
    }
    m.put(Keyword.of("k17"), 0L);
    assertRefused(m).hasMessageContaining("keys \"k17\" and :k17");
  }

  @Test
  void findsClashesBetweenEqualStringsOfAnIdentityMap() {
    Map<Object, Object> m = new IdentityHashMap<>();
    m.put(new String("a"), 1L);
    m.put(new String("a"), 2L);
    assertRefused(m).hasMessageContaining("keys \"a\" and \"a\"");
  }

  @Test
  void refusesNestingDeeperThanTheLimitAsALimit() {
    assertThatThrownBy(() -> packer.pack(deep(129))).isInstanceOfSatisfying(PackerLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.DEPTH));
  }

  private static Object deep(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }

  private static Map<Object, Object> map(Object... kvs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(kvs[i], kvs[i + 1]);
    }
    return m;
  }
}
