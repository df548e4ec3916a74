package io.sente4j.packer.edn;

import clojure.java.api.Clojure;
import clojure.lang.BigInt;
import clojure.lang.IFn;
import clojure.lang.PersistentArrayMap;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentHashSet;
import clojure.lang.PersistentList;
import clojure.lang.PersistentVector;
import clojure.lang.TaggedLiteral;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * Clojure's own edn reader and printer, and the mapping between Clojure's values and the data model, for interop
 * tests.
 *
 * <p>Instants map to {@code java.util.Date} through their calendar fields in UTC, as Clojure reads and prints
 * {@code #inst} text: its calendar is Julian before 1582-10-15, so mapping through epoch milliseconds would shift
 * older dates by days while the text (which is what travels) stays the same.
 */
final class ClojureEdn {
  private static final IFn READ_STRING;
  private static final IFn PR_STR;
  private static final Object READ_OPTIONS;
  private static final clojure.lang.Symbol BYTES_TAG = clojure.lang.Symbol.intern("sente4j", "bytes");
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

  static {
    Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
    READ_STRING = Clojure.var("clojure.edn", "read-string");
    PR_STR = Clojure.var("clojure.core", "pr-str");
    READ_OPTIONS = Clojure.var("clojure.core", "hash-map").invoke(
        clojure.lang.Keyword.intern("default"), Clojure.var("clojure.core", "tagged-literal"));
  }

  private ClojureEdn() {}

  /** {@code (clojure.edn/read-string {:default tagged-literal} edn)}. */
  static Object readString(String edn) {
    return READ_STRING.invoke(READ_OPTIONS, edn);
  }

  /** {@code (pr-str value)}. */
  static String prStr(Object clojureValue) {
    return (String) PR_STR.invoke(clojureValue);
  }

  /** The data-model value of a value Clojure's edn reader returned; collections keep Clojure's order. */
  static Object toDataModel(Object v) {
    if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean
        || v instanceof Character || v instanceof BigDecimal || v instanceof UUID || v instanceof BigInteger) {
      return v;
    }
    if (v instanceof clojure.lang.Keyword) {
      clojure.lang.Keyword k = (clojure.lang.Keyword) v;
      return Keyword.of(k.getNamespace(), k.getName());
    }
    if (v instanceof clojure.lang.Symbol) {
      clojure.lang.Symbol s = (clojure.lang.Symbol) v;
      return Symbol.of(s.getNamespace(), s.getName());
    }
    if (v instanceof BigInt) {
      return ((BigInt) v).toBigInteger();
    }
    if (v instanceof Date) {
      return toInstant((Date) v);
    }
    if (v instanceof TaggedLiteral) {
      TaggedLiteral t = (TaggedLiteral) v;
      if (t.tag.equals(BYTES_TAG)) {
        return Bytes.fromBase64((String) t.form);
      }
      return new Tagged((Symbol) toDataModel(t.tag), toDataModel(t.form));
    }
    if (v instanceof Map) {
      Map<Object, Object> m = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, x) -> m.put(toDataModel(k), toDataModel(x)));
      return m;
    }
    if (v instanceof Set) {
      Set<Object> s = new LinkedHashSet<>();
      ((Set<?>) v).forEach(x -> s.add(toDataModel(x)));
      return s;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      ((List<?>) v).forEach(x -> l.add(toDataModel(x)));
      return l;
    }
    throw new AssertionError("unexpected value from Clojure: " + v.getClass().getName());
  }

  /**
   * The Clojure value for a data-model value: persistent collections (a list of odd size as a Clojure list, to
   * exercise both), {@code Date}, {@code BigInt}, and tagged literals for {@link Tagged} and {@link Bytes}.
   */
  static Object toClojure(Object v) {
    return toClojure(v, true);
  }

  /** As {@link #toClojure(Object)}, with every list a Clojure vector, which prints as the edn writer writes. */
  static Object toClojureVectors(Object v) {
    return toClojure(v, false);
  }

  private static Object toClojure(Object v, boolean someLists) {
    if (v instanceof Keyword) {
      Keyword k = (Keyword) v;
      return clojure.lang.Keyword.intern(k.namespace().orElse(null), k.name());
    }
    if (v instanceof Symbol) {
      Symbol s = (Symbol) v;
      return clojure.lang.Symbol.intern(s.namespace().orElse(null), s.name());
    }
    if (v instanceof BigInteger) {
      return BigInt.fromBigInteger((BigInteger) v);
    }
    if (v instanceof Instant) {
      return toDate((Instant) v);
    }
    if (v instanceof Bytes) {
      return TaggedLiteral.create(BYTES_TAG, ((Bytes) v).toBase64());
    }
    if (v instanceof Tagged) {
      Tagged t = (Tagged) v;
      return TaggedLiteral.create((clojure.lang.Symbol) toClojure(t.tag()), toClojure(t.value(), someLists));
    }
    if (v instanceof List) {
      List<Object> items = new ArrayList<>();
      ((List<?>) v).forEach(x -> items.add(toClojure(x, someLists)));
      return someLists && items.size() % 2 == 1 ? PersistentList.create(items) : PersistentVector.create(items);
    }
    if (v instanceof Set) {
      List<Object> items = new ArrayList<>();
      ((Set<?>) v).forEach(x -> items.add(toClojure(x, someLists)));
      return PersistentHashSet.createWithCheck(items);
    }
    if (v instanceof Map) {
      List<Object> kvs = new ArrayList<>();
      ((Map<?, ?>) v).forEach((k, x) -> {
        kvs.add(toClojure(k, someLists));
        kvs.add(toClojure(x, someLists));
      });
      return kvs.size() <= 16 ? PersistentArrayMap.createWithCheck(kvs.toArray())
          : PersistentHashMap.createWithCheck(kvs.toArray());
    }
    return v;
  }

  /** The instant whose UTC text is the text Clojure prints for {@code d}. */
  static Instant toInstant(Date d) {
    GregorianCalendar c = new GregorianCalendar(UTC);
    c.setTime(d);
    return LocalDateTime.of(c.get(Calendar.YEAR), c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH),
        c.get(Calendar.HOUR_OF_DAY), c.get(Calendar.MINUTE), c.get(Calendar.SECOND),
        c.get(Calendar.MILLISECOND) * 1_000_000).toInstant(ZoneOffset.UTC);
  }

  /** The {@code Date} Clojure reads from the {@code #inst} text of {@code instant} (milliseconds kept). */
  static Date toDate(Instant instant) {
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    GregorianCalendar c = new GregorianCalendar(UTC);
    c.clear();
    c.set(t.getYear(), t.getMonthValue() - 1, t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    c.set(Calendar.MILLISECOND, t.getNano() / 1_000_000);
    return c.getTime();
  }
}
