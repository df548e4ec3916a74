package io.sente4j.packer.edn.internal;

import io.sente4j.core.Symbol;
import io.sente4j.core.internal.HashFloodGuard;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

/**
 * An element the reader has opened and not yet finished: a collection waiting for its closing delimiter, a tag
 * waiting for its value, or a discard waiting for the element it drops. The reader keeps these on an explicit stack
 * (not the Java call stack), so nesting is bounded by {@code PackerLimits.maxDepth} and never by the thread's stack
 * size. Instances are reused from one nesting level to the next within a read.
 */
final class OpenElement {
  static final byte LIST = 0;
  static final byte VECTOR = 1;
  static final byte MAP = 2;
  static final byte SET = 3;
  static final byte TAG = 4;
  static final byte DISCARD = 5;

  byte kind;
  /** Offset of the element's first character ({@code [}, {@code #}, ...). */
  int start;
  /** Whether this element counts towards the depth limit. */
  boolean countsDepth;

  ArrayList<Object> list;
  LinkedHashMap<Object, Object> map;
  LinkedHashSet<Object> set;
  /** Watches the keys of a map or the elements of a set for hash codes chosen to collide. */
  HashFloodGuard guard;
  /** A map's key waiting for its value. */
  Object key;
  boolean hasKey;
  int keyStart;
  /** A tag's symbol; for built-in tags, which one ({@link TagKind}). */
  Symbol tag;
  TagKind tagKind;

  void open(byte kind, int start, boolean countsDepth, int maxKeysPerHashCode) {
    this.kind = kind;
    this.start = start;
    this.countsDepth = countsDepth;
    switch (kind) {
      case LIST:
      case VECTOR:
        list = new ArrayList<>();
        break;
      case MAP:
        map = new LinkedHashMap<>();
        guard = new HashFloodGuard(maxKeysPerHashCode);
        hasKey = false;
        break;
      case SET:
        set = new LinkedHashSet<>();
        guard = new HashFloodGuard(maxKeysPerHashCode);
        break;
      default:
        break;
    }
  }

  /** Number of elements (map entries, counting a pending key as one) so far. */
  int size() {
    switch (kind) {
      case MAP:
        return map.size() + (hasKey ? 1 : 0);
      case SET:
        return set.size();
      default:
        return list.size();
    }
  }

  /** The finished, unmodifiable collection; drops this element's references. */
  Object finish() {
    Object result;
    switch (kind) {
      case MAP:
        result = Collections.unmodifiableMap(map);
        break;
      case SET:
        result = Collections.unmodifiableSet(set);
        break;
      default:
        result = Collections.unmodifiableList(list);
        break;
    }
    clear();
    return result;
  }

  void clear() {
    list = null;
    map = null;
    set = null;
    guard = null;
    key = null;
    tag = null;
    tagKind = null;
  }

  /** {@code "vector"}, {@code "map"}, ... for messages. */
  String describe() {
    switch (kind) {
      case LIST:
        return "list";
      case VECTOR:
        return "vector";
      case MAP:
        return "map";
      case SET:
        return "set";
      case TAG:
        return "tagged element #" + tag;
      default:
        return "#_ discard";
    }
  }

  /** The delimiter that closes this collection. */
  char closer() {
    switch (kind) {
      case LIST:
        return ')';
      case VECTOR:
        return ']';
      default:
        return '}';
    }
  }
}
