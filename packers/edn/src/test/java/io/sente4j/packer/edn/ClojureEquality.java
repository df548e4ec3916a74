package io.sente4j.packer.edn;

import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Clojure's equality is coarser than Java's: {@code (= 1 1N)}, {@code (= 0.0 -0.0)} and {@code (= 1.0M
 * 1.00M)} are true in Clojure, so a map or set holding both is a duplicate-key error there, though edn (and Java)
 * call them distinct. Interop properties skip such values, and instants that the Julian-to-Gregorian switch of
 * {@code java.util.Date} cannot represent.
 */
final class ClojureEquality {
  private static final LocalDate GAP_START = LocalDate.of(1582, 10, 5);
  private static final LocalDate GAP_END = LocalDate.of(1582, 10, 14);

  private ClojureEquality() {}

  /** Whether Clojure can hold {@code v} as it is: no collection has two elements Clojure calls equal. */
  static boolean isRepresentable(Object v) {
    if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      Set<Object> keys = new HashSet<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!keys.add(key(e.getKey())) || !isRepresentable(e.getKey()) || !isRepresentable(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof Set) {
      Set<Object> keys = new HashSet<>();
      for (Object x : (Set<?>) v) {
        if (!keys.add(key(x)) || !isRepresentable(x)) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().allMatch(ClojureEquality::isRepresentable);
    }
    if (v instanceof Tagged) {
      return isRepresentable(((Tagged) v).value());
    }
    if (v instanceof Instant) {
      LocalDate d = LocalDate.ofInstant((Instant) v, ZoneOffset.UTC);
      return d.isBefore(GAP_START) || d.isAfter(GAP_END);
    }
    return true;
  }

  /** A stand-in for {@code v} whose Java equality is Clojure's equality. */
  private static Object key(Object v) {
    if (v instanceof Long) {
      return BigInteger.valueOf((Long) v);
    }
    if (v instanceof Double && (Double) v == 0.0) {
      return 0.0;
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      ((List<?>) v).forEach(x -> l.add(key(x)));
      return l;
    }
    if (v instanceof Set) {
      Set<Object> s = new HashSet<>();
      ((Set<?>) v).forEach(x -> s.add(key(x)));
      return s;
    }
    if (v instanceof Map) {
      Map<Object, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(key(k), key(x)));
      return m;
    }
    if (v instanceof Tagged) {
      return java.util.Arrays.asList("tagged", ((Tagged) v).tag(), key(((Tagged) v).value()));
    }
    return v;
  }
}
