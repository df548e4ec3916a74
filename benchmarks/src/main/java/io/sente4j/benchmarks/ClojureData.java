package io.sente4j.benchmarks;

import clojure.lang.BigInt;
import clojure.lang.IPersistentMap;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentVector;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts data-model values into the Clojure data a Clojure program would hold, so both sides print equal trees. */
final class ClojureData {
  private ClojureData() {}

  static Object of(Object v) {
    if (v instanceof Keyword) {
      Keyword k = (Keyword) v;
      return clojure.lang.Keyword.intern(k.namespace().orElse(null), k.name());
    }
    if (v instanceof Symbol) {
      Symbol s = (Symbol) v;
      return clojure.lang.Symbol.intern(s.namespace().orElse(null), s.name());
    }
    if (v instanceof Instant) {
      return Date.from((Instant) v);
    }
    if (v instanceof BigInteger) {
      return BigInt.fromBigInteger((BigInteger) v);
    }
    if (v instanceof List) {
      List<Object> items = new ArrayList<>();
      ((List<?>) v).forEach(x -> items.add(of(x)));
      return PersistentVector.create(items);
    }
    if (v instanceof Set) {
      List<Object> items = new ArrayList<>();
      ((Set<?>) v).forEach(x -> items.add(of(x)));
      return PersistentHashSet.create(items);
    }
    if (v instanceof Map) {
      IPersistentMap m = ((Map<?, ?>) v).size() <= 8 ? PersistentArrayMap.EMPTY : PersistentHashMap.EMPTY;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m = m.assoc(of(e.getKey()), of(e.getValue()));
      }
      return m;
    }
    return v;
  }
}
