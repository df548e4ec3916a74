package io.sente4j.packer.json.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The object keys written so far for one map, so that two keys which become the same JSON name (such as {@code :a}
 * and {@code "a"}, or {@code 1} and {@code "1"}) are refused instead of writing an object with a duplicate key,
 * which the reader would refuse.
 *
 * <p>Most maps have only string keys and are of a JDK class that keeps equal keys apart, so their keys cannot
 * clash, and recording their keys would be a good part of the time spent writing. For those maps nothing is recorded until the
 * first key that is not a string, when the string keys before it are replayed from the map. Small maps, the common
 * case, are then searched linearly; larger ones get a hash index.
 */
final class MapNames {
  private static final int LINEAR = 8;
  private static final Class<?> MAP_OF_ONE = Map.of("k", "v").getClass();
  private static final Class<?> MAP_OF_MANY = Map.of("k", "v", "l", "w").getClass();

  private Map<?, ?> map;
  private boolean stringKeysDistinct;
  private int seen;
  private boolean recording;
  private String[] names;
  private Object[] keys;
  private int size;
  private HashMap<String, Integer> index;

  /** Starts over for the keys of {@code map}. */
  void reset(Map<?, ?> map) {
    this.map = map;
    this.stringKeysDistinct = stringKeysDistinct(map);
    this.seen = 0;
    this.size = 0;
    this.recording = false;
    this.index = null;
  }

  /**
   * Records that {@code key} is written as {@code name}.
   *
   * @return {@code name}
   * @throws io.sente4j.core.PackerException if an earlier key of the map became the same name
   */
  String add(String name, Object key) {
    if (!recording) {
      if (stringKeysDistinct && key instanceof String) {
        seen++;
        return name;
      }
      startRecording();
    }
    int earlier = indexOf(name);
    if (earlier >= 0) {
      throw Refusals.keyClash(keys[earlier], key, name);
    }
    record(name, key);
    return name;
  }

  /** Records the keys skipped so far, all of them strings that are their own names. */
  private void startRecording() {
    recording = true;
    if (names == null) {
      int capacity = Math.max(4, Math.min(map.size(), 64));
      names = new String[capacity];
      keys = new Object[capacity];
    }
    Iterator<?> it = map.keySet().iterator();
    for (int i = 0; i < seen; i++) {
      String k = (String) it.next();
      record(k, k);
    }
  }

  private void record(String name, Object key) {
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    names[size] = name;
    keys[size] = key;
    if (index != null) {
      index.put(name, size);
    } else if (size == LINEAR) {
      index = new HashMap<>();
      for (int i = 0; i <= size; i++) {
        index.put(names[i], i);
      }
    }
    size++;
  }

  private int indexOf(String name) {
    if (index != null) {
      Integer i = index.get(name);
      return i == null ? -1 : i;
    }
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether two string keys of {@code map} are always different strings, and a second iteration meets its keys in
   * the same order: true for the JDK's hash maps and for sorted maps in natural order. A wrapper such as {@code
   * Collections.unmodifiableMap} may hide an {@code IdentityHashMap}, so it is not trusted.
   */
  private static boolean stringKeysDistinct(Map<?, ?> map) {
    Class<?> c = map.getClass();
    if (c == LinkedHashMap.class || c == HashMap.class || c == MAP_OF_MANY || c == MAP_OF_ONE
        || c == ConcurrentHashMap.class || c == Hashtable.class) {
      return true;
    }
    return (c == TreeMap.class || c == ConcurrentSkipListMap.class) && ((SortedMap<?, ?>) map).comparator() == null;
  }
}
