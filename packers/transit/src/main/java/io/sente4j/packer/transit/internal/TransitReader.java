package io.sente4j.packer.transit.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.CacheExpansion;
import io.sente4j.core.internal.HashFloodGuard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one Transit value into the data model: the format's semantics (escapes, tags, the read cache, maps as
 * arrays, verbose maps, quotes), the limits and the data model's rules (unmodifiable, ordered collections; no
 * duplicate keys or set elements). The JSON and MessagePack readers supply the tokens. One instance reads one
 * payload.
 *
 * <p>Depth counts as PROTOCOL.md §3.8 says: a list, map, set or tagged value is one level, however many arrays
 * Transit spends on it ({@code ["~#set",[...]]} is one level), and a scalar written as a tagged array ({@code
 * ["~#m", 0]} in MessagePack) is none. So that no input can run the recursion deep without counting, the arrays
 * and maps of the input itself may nest at most {@code 2 * maxDepth + 2} deep.
 */
abstract class TransitReader {
  /** The depth given to the parts of a scalar's representation, which are never counted. */
  private static final int UNCOUNTED = Integer.MIN_VALUE / 2;
  /** What {@code "^ "} reads as: the rest of the array is a map. */
  private static final Object MAP_AS_ARRAY = new Object();

  /** A tag string {@code "~#tag"}, which must begin a tagged array or be the only key of a map. */
  private record Tag(String name) {}

  /** A map being read: its entries so far, and the guard on its keys' hash codes. */
  private static final class Entries {
    final Map<Object, Object> map = new LinkedHashMap<>();
    final HashFloodGuard guard;

    Entries(int maxKeysPerHashCode) {
      guard = new HashFloodGuard(maxKeysPerHashCode);
    }
  }

  /** The kind of the value at the current position. */
  enum Kind { ARRAY, MAP, STRING, OTHER }

  final String packer;
  final PackerLimits limits;
  private final ReadCache cache = new ReadCache();
  /** What the cache references of the payload have stood for so far. */
  private final CacheExpansion expansion;
  private final int maxRawDepth;
  private int rawDepth;

  TransitReader(String packer, PackerLimits limits) {
    this.packer = packer;
    this.limits = limits;
    this.expansion = new CacheExpansion(limits, "characters");
    this.maxRawDepth = 2 * limits.maxDepth() + 2;
  }

  // ---- what the JSON and MessagePack readers supply ---------------------------------------------------------

  /** The kind of the value at the current position. */
  abstract Kind kind() throws IOException;

  /** Reads the string (or JSON field name) at the current position. */
  abstract String string() throws IOException;

  /** Reads the value at the current position, which is neither a string nor a collection. */
  abstract Object scalar() throws IOException;

  /** Reads the start of the array at the current position. */
  abstract void openArray() throws IOException;

  /** Reads the start of the map at the current position. */
  abstract void openMap() throws IOException;

  /**
   * Moves to the next element of the innermost open array (or the next key of the innermost open map) and says
   * whether there is one; when there is none, that collection is closed.
   */
  abstract boolean more() throws IOException;

  /** Moves from a map key just read to its value. */
  abstract void toValue() throws IOException;

  /** Where the value at the current position starts: a character offset for text, a byte offset for bytes. */
  abstract long position();

  /** A read error at {@code position}. */
  abstract PackerException error(String reason, long position);

  /** A limit broken at {@code position}. */
  final PackerLimitException limit(Limit limit, long value, long position) {
    return limit(limit, value, null, position);
  }

  /** A limit broken at {@code position}, in the reader's own words ({@code reason}), or the limit's if null. */
  abstract PackerLimitException limit(Limit limit, long value, String reason, long position);

  // ---- values -----------------------------------------------------------------------------------------------

  /** The value at the current position, in a collection at {@code depth - 1}. */
  final Object value(int depth, boolean asMapKey) throws IOException {
    switch (kind()) {
      case ARRAY:
        return array(depth);
      case MAP:
        return map(depth);
      case STRING: {
        long at = position();
        Object v = fromString(string(), asMapKey, at);
        if (v instanceof Tag || v == MAP_AS_ARRAY) {
          throw error("\"" + (v == MAP_AS_ARRAY ? "^ " : "~#" + ((Tag) v).name) + "\" can only begin an array", at);
        }
        return v;
      }
      default:
        return scalar();
    }
  }

  /** A string as Transit reads it: a cache reference, an escaped string, a tag, a scalar, or itself. */
  private Object fromString(String s, boolean asMapKey, long at) {
    try {
      if (ReadCache.isReference(s)) {
        int slot = cache.slot(s);
        if (!expansion.charge(cache.length(slot))) {
          throw limit(Limit.CACHE_EXPANSION, limits.maxCacheExpansion(), expansion.refusal(), at);
        }
        return cache.value(slot);
      }
      if (!ReadCache.isCacheable(s, asMapKey)) {
        return parse(s);
      }
      Object v = parse(s);
      cache.add(v, s);
      return v;
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage(), at);
    }
  }

  private static Object parse(String s) {
    if (s.length() < 2) {
      return s;
    }
    if (s.charAt(0) == '^') { // only "^ " gets here: every other "^" string is a cache reference
      return MAP_AS_ARRAY;
    }
    if (s.charAt(0) != '~') {
      return s;
    }
    char t = s.charAt(1);
    if (t == '~' || t == '^' || t == '`') {
      return s.substring(1);
    }
    if (t == '#') {
      return new Tag(s.substring(2));
    }
    String rep = s.substring(2);
    return Scalars.isInterpreted(t) ? Scalars.decode(t, rep) : new Tagged(tagSymbol(String.valueOf(t)), rep);
  }

  private static Symbol tagSymbol(String tag) {
    try {
      return Symbol.of(tag);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("tag \"" + tag + "\" is not a symbol: " + e.getMessage());
    }
  }

  private Object array(int depth) throws IOException {
    long at = position();
    enter(at);
    openArray();
    List<Object> list = new ArrayList<>();
    if (more()) {
      if (kind() == Kind.STRING) {
        long first = position();
        Object head = fromString(string(), false, first);
        if (head == MAP_AS_ARRAY) {
          Map<Object, Object> m = entries(depth, at, false);
          leave();
          return m;
        }
        if (head instanceof Tag) {
          if (!more()) {
            throw error("the tag \"" + ((Tag) head).name + "\" has no representation after it", first);
          }
          Object v = tagged(((Tag) head).name, depth, at, first);
          if (more()) {
            throw error("a tagged value has one representation, but this array goes on", position());
          }
          leave();
          return v;
        }
        checkDepth(depth, at);
        list.add(head);
      } else {
        checkDepth(depth, at);
        list.add(value(depth + 1, false));
      }
      while (more()) {
        checkSize(list.size() + 1, at);
        list.add(value(depth + 1, false));
      }
    } else {
      checkDepth(depth, at);
    }
    leave();
    return Collections.unmodifiableList(list);
  }

  private Object map(int depth) throws IOException {
    long at = position();
    enter(at);
    openMap();
    if (!more()) {
      checkDepth(depth, at);
      leave();
      return Collections.unmodifiableMap(new LinkedHashMap<>());
    }
    if (kind() == Kind.STRING) {
      long first = position();
      Object key = fromString(string(), true, first);
      if (key instanceof Tag) { // a verbose tagged value: {"~#tag": rep}
        toValue();
        Object v = tagged(((Tag) key).name, depth, at, first);
        if (more()) {
          throw error("a tagged value has one representation, but this map goes on", position());
        }
        leave();
        return v;
      }
      if (key == MAP_AS_ARRAY) {
        throw notAKey(first);
      }
      checkDepth(depth, at);
      Entries m = new Entries(limits.maxKeysPerHashCode());
      toValue();
      put(m, key, value(depth + 1, false), first, at);
      return finishMap(m, depth, at);
    }
    checkDepth(depth, at);
    return finishMap(new Entries(limits.maxKeysPerHashCode()), depth, at, true);
  }

  private Map<Object, Object> finishMap(Entries m, int depth, long at) throws IOException {
    return finishMap(m, depth, at, false);
  }

  private Map<Object, Object> finishMap(Entries m, int depth, long at, boolean positioned) throws IOException {
    for (boolean next = positioned || more(); next; next = more()) {
      long keyAt = position();
      Object key = key(depth);
      toValue();
      put(m, key, value(depth + 1, false), keyAt, at);
    }
    leave();
    return Collections.unmodifiableMap(m.map);
  }

  /** The entries of a map written as an array after its {@code "^ "}, or of a {@code cmap}'s array. */
  private Map<Object, Object> entries(int depth, long at, boolean cmap) throws IOException {
    checkDepth(depth, at);
    Entries m = new Entries(limits.maxKeysPerHashCode());
    while (more()) {
      long keyAt = position();
      Object key = cmap ? value(depth + 1, false) : key(depth);
      if (!more()) {
        throw error("a map written as an array ends with a key and no value", keyAt);
      }
      put(m, key, value(depth + 1, false), keyAt, at);
    }
    return Collections.unmodifiableMap(m.map);
  }

  private Object key(int depth) throws IOException {
    if (kind() != Kind.STRING) {
      return value(depth + 1, true);
    }
    long at = position();
    Object key = fromString(string(), true, at);
    if (key instanceof Tag || key == MAP_AS_ARRAY) {
      throw notAKey(at);
    }
    return key;
  }

  private PackerException notAKey(long at) {
    return error("a map key cannot be a tag or a map marker", at);
  }

  private void put(Entries m, Object key, Object value, long keyAt, long mapAt) {
    checkSize(m.map.size() + 1, mapAt);
    if (!m.guard.admits(key, m.map.keySet())) {
      throw limit(Limit.KEYS_PER_HASH_CODE, limits.maxKeysPerHashCode(), m.guard.refusal("keys of one map"), keyAt);
    }
    int before = m.map.size();
    m.map.put(key, value);
    if (m.map.size() == before) {
      throw error("duplicate map key " + Describe.value(key), keyAt);
    }
  }

  /** The value of the tag {@code name}, whose representation is at the current position. */
  private Object tagged(String name, int depth, long at, long tagAt) throws IOException {
    switch (name) {
      case "'":
        return value(depth, false);
      case "set":
      case "list":
      case "cmap": {
        long repAt = position();
        if (kind() != Kind.ARRAY) {
          throw error("tag \"" + name + "\" wants an array", repAt);
        }
        checkDepth(depth, at);
        enter(repAt);
        openArray();
        Object v = name.equals("cmap") ? entries(depth, at, true) : elements(name.equals("set"), depth, at);
        leave();
        return v;
      }
      default:
        if (name.length() == 1 && Scalars.isInterpreted(name.charAt(0))) {
          long repAt = position();
          Object rep = value(UNCOUNTED, false);
          try {
            return Scalars.decode(name.charAt(0), rep);
          } catch (IllegalArgumentException e) {
            throw error(e.getMessage(), repAt);
          }
        }
        Symbol tag;
        try {
          tag = tagSymbol(name);
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage(), tagAt);
        }
        checkDepth(depth, at);
        return new Tagged(tag, value(depth + 1, false));
    }
  }

  private Object elements(boolean set, int depth, long at) throws IOException {
    List<Object> list = new ArrayList<>();
    Set<Object> seen = set ? new LinkedHashSet<>() : null;
    HashFloodGuard guard = set ? new HashFloodGuard(limits.maxKeysPerHashCode()) : null;
    while (more()) {
      long elementAt = position();
      checkSize(list.size() + 1, at);
      Object e = value(depth + 1, false);
      if (set && !guard.admits(e, seen)) {
        throw limit(Limit.KEYS_PER_HASH_CODE, limits.maxKeysPerHashCode(), guard.refusal("elements of one set"),
            elementAt);
      }
      if (set && !seen.add(e)) {
        throw error("duplicate set element " + Describe.value(e), elementAt);
      }
      list.add(e);
    }
    return set ? Collections.unmodifiableSet(seen) : Collections.unmodifiableList(list);
  }

  // ---- limits -----------------------------------------------------------------------------------------------

  private void enter(long at) {
    if (++rawDepth > maxRawDepth) {
      throw limit(Limit.DEPTH, limits.maxDepth(), at);
    }
  }

  private void leave() {
    rawDepth--;
  }

  private void checkDepth(int depth, long at) {
    if (depth > limits.maxDepth()) {
      throw limit(Limit.DEPTH, limits.maxDepth(), at);
    }
  }

  private void checkSize(int size, long at) {
    if (size > limits.maxCollectionSize()) {
      throw limit(Limit.COLLECTION_SIZE, limits.maxCollectionSize(), at);
    }
  }
}
