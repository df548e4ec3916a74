package io.sente4j.core.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a peer from making a reader build a hash map or set slowly. Java's {@code HashMap} keeps the keys that share
 * a hash code together and, when they are not mutually {@link Comparable} (lists, maps, sets, tagged values, or keys
 * of different classes), compares each new key with every one of them, at some hundreds of nanoseconds a key, so
 * {@code n} keys with one hash code take time in {@code n²}. Such keys are easy to make: {@code [i, 31 * (k - i)]}
 * has the same {@code List.hashCode} for every {@code i}, and a 250 KB edn map of 16,000 of them took 20 seconds to
 * read.
 *
 * <p>One guard watches one collection while it is read: it counts the hash codes of its keys (or elements) and
 * refuses the key that would be the {@value #MAX_SHARED_HASH}+1st with one hash code. That bounds a 1 MiB frame of
 * such keys to about what the worst ordinary data already costs: keys share a hash code by accident a few at a time,
 * and the densest grid of small-number vectors within the default limits ({@code [x y]} for 53 x by 1,640 y), which
 * puts 53 on one hash code, takes a second or two to read, as does a frame of {@value #MAX_SHARED_HASH}-key groups.
 * Counting starts only when a collection reaches {@value #MAX_SHARED_HASH} keys, since a smaller one cannot break the
 * rule: most maps are smaller, and pay nothing. The counts sit in a {@code HashMap} of {@code Integer}, which is
 * {@code Comparable}, so hash codes chosen to collide cannot slow the guard itself.
 */
public final class HashFloodGuard {
  /** The most keys of one map, or elements of one set, that may share a hash code. */
  public static final int MAX_SHARED_HASH = 64;

  private Map<Integer, Integer> counts;

  /** A guard for one collection about to be read. */
  public HashFloodGuard() {}

  /**
   * Whether {@code key} may join the collection that holds {@code sofar} (the keys of a map being read, or a set):
   * false if it would be one key too many with its hash code. Call it before adding the key, with the same collection
   * each time.
   */
  public boolean admits(Object key, Collection<?> sofar) {
    if (counts == null) {
      if (sofar.size() < MAX_SHARED_HASH) {
        return true;
      }
      counts = new HashMap<>();
      for (Object k : sofar) {
        count(k);
      }
    }
    return count(key) <= MAX_SHARED_HASH;
  }

  private int count(Object key) {
    return counts.merge(Objects.hashCode(key), 1, Integer::sum);
  }

  /**
   * The reason a reader gives when {@link #admits} refuses: {@code what} is {@code "keys of one map"} or {@code
   * "elements of one set"}.
   */
  public static String refusal(String what) {
    return "more than " + MAX_SHARED_HASH + " " + what + " share one hash code (Java's hashCode), which would make"
        + " building it take time that grows with their square";
  }
}
