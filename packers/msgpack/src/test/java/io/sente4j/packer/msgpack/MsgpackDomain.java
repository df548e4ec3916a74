package io.sente4j.packer.msgpack;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The MessagePack packer's documented domain, written out again for the tests without the packer's code: what a
 * round trip makes of a value ({@link #normalise}) and whether the packer must accept it ({@link #accepts}).
 */
final class MsgpackDomain {
  private MsgpackDomain() {}

  static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
  static final BigInteger MAX = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);

  static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (v instanceof Float) {
      return (double) (Float) v;
    }
    if (v instanceof byte[]) {
      return Bytes.copyOf((byte[]) v);
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

  static boolean accepts(Object v) {
    if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof Double || v instanceof Float || v instanceof Keyword
        || v instanceof Symbol || v instanceof Instant || v instanceof UUID || v instanceof Bytes
        || v instanceof byte[]) {
      return true;
    }
    if (v instanceof String || v instanceof Character) {
      return isUnicode(v.toString());
    }
    if (v instanceof BigInteger) {
      return ((BigInteger) v).compareTo(MIN) >= 0 && ((BigInteger) v).compareTo(MAX) <= 0;
    }
    if (v instanceof List || v instanceof Set) {
      return ((Collection<?>) v).stream().allMatch(MsgpackDomain::accepts);
    }
    if (v instanceof Map) {
      return ((Map<?, ?>) v).entrySet().stream().allMatch(e -> accepts(e.getKey()) && accepts(e.getValue()));
    }
    return false;
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
