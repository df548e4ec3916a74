package io.sente4j.spec;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The golden value cases: one value of each data-model type and each awkward corner, named as the vector files in
 * {@code spec/vectors/<packer>/values/} are. A packer that has no vector file for a case must refuse that value with
 * a {@code PackerException}: absence of a vector is a statement that the value is outside the packer's domain.
 */
public final class GoldenValues {
  private GoldenValues() {}

  /**
   * One golden value.
   *
   * @param name the vector file's name, without extension
   * @param value the value (may be {@code null})
   */
  public record Case(String name, Object value) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Every case. */
  public static List<Case> all() {
    List<Case> c = new ArrayList<>();
    c.add(new Case("nil", null));
    c.add(new Case("true", true));
    c.add(new Case("false", false));
    c.add(new Case("long-zero", 0L));
    c.add(new Case("long-negative", -42L));
    c.add(new Case("long-max", Long.MAX_VALUE));
    c.add(new Case("long-min", Long.MIN_VALUE));
    c.add(new Case("long-beyond-2-53", 9007199254740993L));
    c.add(new Case("bigint-small", BigInteger.ONE));
    c.add(new Case("bigint-huge", BigInteger.TWO.pow(64)));
    c.add(new Case("double", 1.5));
    c.add(new Case("double-integral", 1.0));
    c.add(new Case("double-exponent", 1.0E300));
    c.add(new Case("double-small", 1.0E-7));
    c.add(new Case("double-negative-zero", -0.0));
    c.add(new Case("double-nan", Double.NaN));
    c.add(new Case("double-infinity", Double.POSITIVE_INFINITY));
    c.add(new Case("double-negative-infinity", Double.NEGATIVE_INFINITY));
    c.add(new Case("bigdecimal", new BigDecimal("1.50")));
    c.add(new Case("bigdecimal-exponent", new BigDecimal("1E+3")));
    c.add(new Case("string", "hello"));
    c.add(new Case("string-empty", ""));
    c.add(new Case("string-escapes", "tab\t newline\n return\r quote\" backslash\\"));
    c.add(new Case("string-control", "bell\u0007 nul\u0000 del\u007f"));
    c.add(new Case("string-unicode", "h\u00e9llo \u2603 \ud834\udd1e"));
    c.add(new Case("char", 'a'));
    c.add(new Case("char-newline", '\n'));
    c.add(new Case("char-space", ' '));
    c.add(new Case("char-unicode", '\u00e9'));
    c.add(new Case("keyword", Keyword.of("a")));
    c.add(new Case("keyword-namespaced", Keyword.of("my-app/some-req")));
    c.add(new Case("symbol", Symbol.of("inc")));
    c.add(new Case("symbol-namespaced", Symbol.of("clojure.core/inc")));
    c.add(new Case("list-empty", List.of()));
    c.add(new Case("list", list(1L, "two", Keyword.of("three"), null, 4.5)));
    c.add(new Case("set", set(1L, 2L, 3L)));
    c.add(new Case("map-empty", Map.of()));
    c.add(new Case("map-keyword-keys", map(Keyword.of("name"), "Rich", Keyword.of("n"), 1L)));
    c.add(new Case("map-string-keys", map("a", 1L, "b", list(true, false))));
    c.add(new Case("map-non-string-keys", map(1L, "one", list(1L, 2L), "pair", null, "nil")));
    c.add(new Case("map-clashing-keys", map(Keyword.of("a"), 1L, "a", 2L)));
    c.add(new Case("nested", map(Keyword.of("users"), list(
        map(Keyword.of("id"), 1L, Keyword.of("tags"), set(Keyword.of("admin"))),
        map(Keyword.of("id"), 2L, Keyword.of("tags"), set())))));
    c.add(new Case("instant", Instant.parse("2024-01-02T03:04:05.678Z")));
    c.add(new Case("instant-nanos", Instant.parse("2024-01-02T03:04:05.123456789Z")));
    c.add(new Case("instant-epoch", Instant.EPOCH));
    c.add(new Case("uuid", UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
    c.add(new Case("bytes", Bytes.fromHex("00017f80ff")));
    c.add(new Case("bytes-empty", Bytes.EMPTY));
    c.add(new Case("tagged", new Tagged(Symbol.of("my.app/point"), list(1L, 2L))));
    return Collections.unmodifiableList(c);
  }

  private static List<Object> list(Object... items) {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  private static Object set(Object... items) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(items)));
  }

  private static Map<Object, Object> map(Object... kvs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(kvs[i], kvs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }
}
