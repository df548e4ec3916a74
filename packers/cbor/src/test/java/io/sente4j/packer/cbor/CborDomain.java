package io.sente4j.packer.cbor;

import io.sente4j.core.Bytes;
import io.sente4j.core.Tagged;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The CBOR packer's documented normalisation, written out again for the tests: Java conveniences only. */
final class CborDomain {
  private CborDomain() {}

  /**
   * Whether the packer must accept {@code v}: no lone surrogates, instants in the years 0000 to 9999, numbers of at
   * most 1000 decimal digits.
   */
  static boolean accepts(Object v) {
    if (v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
      java.math.BigInteger n = v instanceof java.math.BigDecimal ? ((java.math.BigDecimal) v).unscaledValue()
          : (java.math.BigInteger) v;
      return n.abs().compareTo(java.math.BigInteger.TEN.pow(1000)) < 0;
    }
    if (v instanceof String || v instanceof Character) {
      String s = v.toString();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return false;
        }
      }
      return true;
    }
    if (v instanceof java.time.Instant) {
      long s = ((java.time.Instant) v).getEpochSecond();
      return s >= -62167219200L && s <= 253402300799L;
    }
    if (v instanceof Tagged) {
      return !((Tagged) v).tag().qualifiedName().equals("sente4j/char") && accepts(((Tagged) v).value());
    }
    if (v instanceof java.util.Collection) {
      return ((java.util.Collection<?>) v).stream().allMatch(CborDomain::accepts);
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).entrySet().stream().allMatch(e -> accepts(e.getKey()) && accepts(e.getValue()));
    }
    return true;
  }

  static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Float) {
      return (double) (Float) v;
    }
    if (v instanceof byte[]) {
      return Bytes.copyOf((byte[]) v);
    }
    if (v instanceof Tagged) {
      return new Tagged(((Tagged) v).tag(), normalise(((Tagged) v).value()));
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object e : (List<?>) v) {
        out.add(normalise(e));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Set) {
      Set<Object> out = new LinkedHashSet<>();
      for (Object e : (Set<?>) v) {
        out.add(normalise(e));
      }
      return Collections.unmodifiableSet(out);
    }
    if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.put(normalise(e.getKey()), normalise(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    return v;
  }
}
