package io.sente4j.codec;

import io.sente4j.core.PackerLimits;
import io.sente4j.core.internal.HashFloodGuard;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads collections of the data model into record components, for generated codecs: each element goes through a
 * reader, and an error inside one names its index or key. The results are unmodifiable and keep the input's order.
 */
public final class ReadCollections {
  private ReadCollections() {}

  /** A list; each element read by {@code element}. */
  public static <T> List<T> list(Object value, Function<Object, T> element) {
    if (!(value instanceof List<?> in)) {
      throw CodecException.expected("a list", value);
    }
    List<T> out = new ArrayList<>(in.size());
    int i = 0;
    for (Object e : in) {
      out.add(readElement(e, element, i++));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A set, or a list as JSON delivers sets; each element read by {@code element}. A repeated element is refused, and
   * so are more than {@value PackerLimits#DEFAULT_MAX_KEYS_PER_HASH_CODE} elements that share one hash code (the
   * packers' default bound; the packer that read the value bounded its keys by its own): elements that differ as
   * data can collide once read (records hash their components), and Java's sets take time in their square.
   */
  public static <T> Set<T> set(Object value, Function<Object, T> element) {
    if (!(value instanceof Set<?>) && !(value instanceof List<?>)) {
      throw CodecException.expected("a set", value);
    }
    Collection<?> in = (Collection<?>) value;
    Set<T> out = new LinkedHashSet<>(Math.max(16, (int) (in.size() / 0.75f) + 1));
    HashFloodGuard guard = new HashFloodGuard(PackerLimits.DEFAULT_MAX_KEYS_PER_HASH_CODE);
    int i = 0;
    for (Object e : in) {
      T t = readElement(e, element, i);
      if (!guard.admits(t, out)) {
        throw CodecException.of(guard.refusal("elements of one set")).atIndex(i);
      }
      if (!out.add(t)) {
        throw CodecException.of("holds " + CodecException.describe(t) + " twice").atIndex(i);
      }
      i++;
    }
    return Collections.unmodifiableSet(out);
  }

  /** A map; each key read by {@code key} and each value by {@code val}; two keys that read equal are refused. */
  public static <K, V> Map<K, V> map(Object value, Function<Object, K> key, Function<Object, V> val) {
    if (!(value instanceof Map<?, ?> in)) {
      throw CodecException.expected("a map", value);
    }
    Map<K, V> out = new LinkedHashMap<>(Math.max(16, (int) (in.size() / 0.75f) + 1));
    for (Map.Entry<?, ?> e : in.entrySet()) {
      K k;
      V v;
      try {
        k = key.apply(e.getKey());
      } catch (CodecException ex) {
        throw CodecException.of("key: " + ex.problem()).atKey(e.getKey());
      }
      try {
        v = val.apply(e.getValue());
      } catch (CodecException ex) {
        throw ex.atKey(e.getKey());
      }
      if (out.containsKey(k)) {
        throw CodecException.of("two keys read as " + CodecException.describe(k)).atKey(e.getKey());
      }
      out.put(k, v);
    }
    return Collections.unmodifiableMap(out);
  }

  /** An optional value: nil is empty, anything else is read by {@code present}. */
  public static <T> Optional<T> optional(Object value, Function<Object, T> present) {
    return value == null ? Optional.empty() : Optional.of(present.apply(value));
  }

  private static <T> T readElement(Object e, Function<Object, T> element, int index) {
    try {
      return element.apply(e);
    } catch (CodecException ex) {
      throw ex.atIndex(index);
    }
  }
}
