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
