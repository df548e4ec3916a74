package io.sente4j.benchmarks;

import io.sente4j.core.Keyword;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts data-model values into the plain tree (String keys, strings for keywords, instants and UUIDs) that raw
 * Jackson writes to the same JSON text as the JSON packer: the baseline the packer is measured against.
 */
final class JsonTrees {
  private JsonTrees() {}

  static Object of(Object v) {
    if (v instanceof Keyword) {
      return ((Keyword) v).qualifiedName();
    }
    if (v instanceof Instant || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Collection) {
      List<Object> items = new ArrayList<>();
      ((Collection<?>) v).forEach(x -> items.add(of(x)));
      return items;
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m.put((String) of(e.getKey()), of(e.getValue()));
      }
      return m;
    }
    return v;
  }
}
