package io.sente4j.spec;

import io.sente4j.core.Tagged;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks what PROTOCOL.md §2.2 asks of decoded collections, all the way down: each list, map and set is
 * unmodifiable, and each iterates in the order of the expected value (its elements' order on the wire). {@code
 * Set.equals} and {@code Map.equals} ignore order, so the walk compares position by position.
 */
final class DecodedValues {
  private static final String SENTINEL = "sente4j-kit-sentinel";

  private DecodedValues() {}

  /**
   * Walks {@code expected} and {@code actual} in parallel.
   *
   * @throws AssertionError naming the path to the first collection that is modifiable, or to the first place where
   *     the two differ
   */
  static void assertUnmodifiableAndInOrder(Object expected, Object actual) {
    walk(expected, actual, "value");
  }

  private static void walk(Object expected, Object actual, String path) {
    if (actual instanceof Map) {
      Map<?, ?> a = (Map<?, ?>) actual;
      expect(expected instanceof Map && ((Map<?, ?>) expected).size() == a.size(), path, expected, actual);
      assertUnmodifiable(a, path);
      Iterator<? extends Map.Entry<?, ?>> e = ((Map<?, ?>) expected).entrySet().iterator();
      int i = 0;
      for (Map.Entry<?, ?> entry : a.entrySet()) {
        Map.Entry<?, ?> x = e.next();
        walk(x.getKey(), entry.getKey(), path + ".key#" + i);
        walk(x.getValue(), entry.getValue(), path + "[" + entry.getKey() + "]");
        i++;
      }
    } else if (actual instanceof List || actual instanceof Set) {
      Collection<?> a = (Collection<?>) actual;
      boolean sameKind = actual instanceof List ? expected instanceof List : expected instanceof Set;
      expect(sameKind && ((Collection<?>) expected).size() == a.size(), path, expected, actual);
      assertUnmodifiable(a, path);
      Iterator<?> e = ((Collection<?>) expected).iterator();
      int i = 0;
      for (Object element : a) {
        walk(e.next(), element, path + "[" + i++ + "]");
      }
    } else if (actual instanceof Tagged) {
      expect(expected instanceof Tagged && ((Tagged) expected).tag().equals(((Tagged) actual).tag()), path,
          expected, actual);
      walk(((Tagged) expected).value(), ((Tagged) actual).value(), path + ".value");
    } else {
      expect(Objects.equals(expected, actual), path, expected, actual);
    }
  }

  private static void expect(boolean ok, String path, Object expected, Object actual) {
    if (!ok) {
      throw new AssertionError("at " + path + ": expected " + expected + " (in this order) but read " + actual);
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertUnmodifiable(Collection<?> c, String path) {
    mustRefuse(() -> ((Collection<Object>) c).add(SENTINEL), c, path, "add");
    if (!c.isEmpty()) {
      mustRefuse(() -> {
        Iterator<?> it = c.iterator();
        it.next();
        it.remove();
      }, c, path, "iterator().remove()");
    }
  }

  @SuppressWarnings("unchecked")
  private static void assertUnmodifiable(Map<?, ?> m, String path) {
    mustRefuse(() -> ((Map<Object, Object>) m).put(SENTINEL, SENTINEL), m, path, "put");
    if (!m.isEmpty()) {
      mustRefuse(() -> {
        Iterator<?> it = m.entrySet().iterator();
        it.next();
        it.remove();
      }, m, path, "entrySet().iterator().remove()");
    }
  }

  private static void mustRefuse(Runnable change, Object c, String path, String what) {
    try {
      change.run();
    } catch (UnsupportedOperationException expected) {
      return;
    }
    throw new AssertionError("at " + path + ": the decoded " + c.getClass().getName() + " allowed " + what
        + "; decoded collections must be unmodifiable (PROTOCOL.md §2.2)");
  }
}
