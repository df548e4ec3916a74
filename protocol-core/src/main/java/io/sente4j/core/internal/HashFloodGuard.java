package io.sente4j.core.internal;

import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps a peer from making a reader build a hash map or set slowly ({@link PackerLimits#maxKeysPerHashCode()} says
 * why). One guard watches one collection while it is read: it counts the hash codes of its keys (or elements)
 * and refuses the key that would be one too many with one hash code. Counting starts only when a collection reaches
 * the limit's number of keys, since a smaller one cannot break the rule: most maps are smaller, and pay nothing. The
 * counts sit in a {@code HashMap} of {@code Integer}, which is {@code Comparable}, so hash codes chosen to collide
 * cannot slow the guard itself.
 */
public final class HashFloodGuard {
  private final int maxShared;
  private Map<Integer, Integer> counts;

  /**
   * A guard for one collection about to be read.
   *
   * @param maxShared the most keys that may share one hash code ({@link PackerLimits#maxKeysPerHashCode()})
   */
  public HashFloodGuard(int maxShared) {
    this.maxShared = maxShared;
  }

  /**
   * Whether {@code key} may join the collection that holds {@code sofar} (the keys of a map being read, or a set):
   * false if it would be one key too many with its hash code. Call it before adding the key, with the same collection
   * each time.
   */
  public boolean admits(Object key, Collection<?> sofar) {
    if (counts == null) {
      if (sofar.size() < maxShared) {
        return true;
      }
      counts = new HashMap<>();
      for (Object k : sofar) {
        count(k);
      }
    }
    return count(key) <= maxShared;
  }

  private int count(Object key) {
    return counts.merge(Objects.hashCode(key), 1, Integer::sum);
  }

  /**
   * The reason a reader gives when {@link #admits} refuses: {@code what} is {@code "keys of one map"} or {@code
   * "elements of one set"}.
   */
  public String refusal(String what) {
    return "more than " + maxShared + " " + what + " share one hash code (Java's hashCode), which would make"
        + " building it take time that grows with their square (PackerLimits.maxKeysPerHashCode)";
  }

  /**
   * The error a reader throws when {@link #admits} refuses, saying {@link #refusal}.
   *
   * @param packer the packer's name
   * @param what {@code "keys of one map"} or {@code "elements of one set"}, and any detail
   * @param offset where the refused key starts, or -1
   * @param line its 1-based line, or -1
   * @param column its 1-based column, or -1
   */
  public PackerLimitException refused(String packer, String what, long offset, int line, int column) {
    return new PackerLimitException(packer, Limit.KEYS_PER_HASH_CODE, maxShared, refusal(what), offset, line,
        column);
  }
}
