package io.sente4j.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Writes record components as values of the data model, for generated codecs. A {@code null} component or element
 * is refused with a {@link CodecException} (declare the component {@code Optional} to leave it out), and an error
 * inside a collection names its index or key. Collections come out unmodifiable, in the input's order.
 */
public final class Write {
  private Write() {}

  /**
   * The value itself, checked not to be {@code null}.
   *
   * @throws CodecException if it is
   */
  public static <T> T present(T value) {
    if (value == null) {
      throw CodecException.of("is null; declare the component Optional to leave it out");
    }
    return value;
  }

  /** A list; each element written by {@code element}. */
  public static <T> List<Object> list(List<T> value, Function<? super T, Object> element) {
    List<Object> out = new ArrayList<>(present(value).size());
    int i = 0;
    for (T e : value) {
      out.add(writeElement(e, element, i++));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * A list whose elements are written as they are (strings, longs, booleans, doubles, instants and the like): each is
   * checked for null, and the list is passed on in an unmodifiable view rather than copied.
   */
  public static <T> List<T> plainList(List<T> value) {
    checkElements(present(value));
    return Collections.unmodifiableList(value);
  }

  /** {@link #plainList} for a set. */
  public static <T> Set<T> plainSet(Set<T> value) {
    checkElements(present(value));
    return Collections.unmodifiableSet(value);
  }

  private static void checkElements(Iterable<?> elements) {
    int i = 0;
    for (Object e : elements) {
      if (e == null) {
        throw CodecException.of("is null; declare the component Optional to leave it out").atIndex(i);
      }
      i++;
    }
  }

  /** A set; each element written by {@code element}. */
  public static <T> Set<Object> set(Set<T> value, Function<? super T, Object> element) {
    Set<Object> out = new LinkedHashSet<>(Math.max(16, (int) (present(value).size() / 0.75f) + 1));
    int i = 0;
    for (T e : value) {
      out.add(writeElement(e, element, i++));
    }
    return Collections.unmodifiableSet(out);
  }

  /** A map; each key written by {@code key} and each value by {@code val}. */
  public static <K, V> Map<Object, Object> map(Map<K, V> value, Function<? super K, Object> key,
      Function<? super V, Object> val) {
    Map<Object, Object> out = new LinkedHashMap<>(Math.max(16, (int) (present(value).size() / 0.75f) + 1));
    for (Map.Entry<K, V> e : value.entrySet()) {
      try {
        out.put(key.apply(present(e.getKey())), val.apply(present(e.getValue())));
      } catch (CodecException ex) {
        throw ex.atKey(e.getKey());
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** An optional value inside a collection: empty is nil, a present value is written by {@code present}. */
  public static <T> Object optional(Optional<T> value, Function<? super T, Object> present) {
    return present(value).isPresent() ? present.apply(value.get()) : null;
  }

  private static <T> Object writeElement(T e, Function<? super T, Object> element, int index) {
    try {
      return element.apply(present(e));
    } catch (CodecException ex) {
      throw ex.atIndex(index);
    }
  }
}
