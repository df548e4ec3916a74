package io.sente4j.packer.transit;

import io.sente4j.core.Bytes;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Transit packers' documented domain, written out again for the tests without the packers' code: what a round
 * trip makes of a value ({@link #normalise}) and whether the packers must accept it ({@link #accepts}).
 */
final class TransitDomain {
  private static final String TRANSIT_SCALAR_TAGS = "_s?idb'c:$fnztmu";
  private static final Set<String> COLLECTION_TAGS = Set.of("set", "list", "cmap", "array", "map");

  private TransitDomain() {}

  /** What {@code unpack(pack(v))} gives: instants in whole milliseconds, Java conveniences as the data model's. */
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
    if (v instanceof Instant) {
      Instant i = (Instant) v;
      return Instant.ofEpochSecond(i.getEpochSecond(), i.getNano() / 1_000_000 * 1_000_000L);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(normalise(e)));
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Set) {
      Set<Object> out = new LinkedHashSet<>();
      ((Set<?>) v).forEach(e -> out.add(normalise(e)));
      return Collections.unmodifiableSet(out);
    }
    if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(normalise(k), normalise(e)));
      return Collections.unmodifiableMap(out);
    }
    if (v instanceof Tagged) {
      return new Tagged(((Tagged) v).tag(), normalise(((Tagged) v).value()));
    }
    return v;
  }

  /** Whether the packers must accept {@code v}. */
  static boolean accepts(Object v) {
    if (v instanceof String) {
      return isUnicode((String) v);
    }
    if (v instanceof Character) {
      return !Character.isSurrogate((Character) v);
    }
    if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (d.scale() == Integer.MIN_VALUE) {
        return false; // 1E+2147483648: no layout of its text has an exponent within an int
      }
      String text = d.toString();
      try {
        new BigDecimal(text);
      } catch (NumberFormatException e) {
        text = d.unscaledValue() + "E+" + -d.scale(); // toString's exponent is beyond an int; this one is not
      }
      return text.length() <= 1000;
    }
    if (v instanceof BigInteger) {
      return v.toString().length() <= 1000;
    }
    if (v instanceof Instant) {
      Instant i = (Instant) v;
      return i.getEpochSecond() >= Long.MIN_VALUE / 1000 && i.getEpochSecond() < Long.MAX_VALUE / 1000;
    }
    if (v instanceof List) {
      return ((List<?>) v).stream().allMatch(TransitDomain::accepts);
    }
    if (v instanceof Set) {
      return ((Set<?>) v).stream().allMatch(TransitDomain::accepts) && distinctWhenNormalised((Set<?>) v);
    }
    if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      return m.keySet().stream().allMatch(TransitDomain::accepts)
          && m.values().stream().allMatch(TransitDomain::accepts) && distinctWhenNormalised(m.keySet());
    }
    if (v instanceof Tagged) {
      String tag = ((Tagged) v).tag().toString();
      Object value = ((Tagged) v).value();
      boolean reserved = COLLECTION_TAGS.contains(tag)
          || tag.length() == 1 && (TRANSIT_SCALAR_TAGS.contains(tag) || !(value instanceof String));
      return !reserved && accepts(value);
    }
    return v == null || v instanceof Boolean || v instanceof Number || v instanceof Symbol
        || v instanceof io.sente4j.core.Keyword || v instanceof java.util.UUID || v instanceof Bytes
        || v instanceof byte[];
  }

  private static boolean distinctWhenNormalised(Collection<?> keys) {
    Set<Object> seen = new HashSet<>();
    return keys.stream().allMatch(k -> seen.add(normalise(k)));
  }

  private static boolean isUnicode(String s) {
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
}
