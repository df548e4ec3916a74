package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.Keyword;
import java.util.Arrays;

/**
 * The keywords and symbols read lately (extensions 0 and 1), found again by their UTF-8 bytes, so that a name that
 * comes again (every event id, the first use of each map key in every message) is neither decoded nor checked again.
 * A fixed table shared by all threads: each slot holds the last short name that hashed to it, so a peer sending ever
 * new names only overwrites slots and the memory stays bounded. Slots hold immutable entries, written and read
 * without locks: a reader sees either a whole entry or an older one, and a miss only costs the decoding it saves.
 */
final class NameCache {
  /** Names longer than this are decoded every time: long names are rare and would make the table large. */
  static final int MAX_BYTES = 64;
  private static final int SLOTS = 1024;

  private record Entry(byte[] bytes, Object value) {}

  private static final Entry[] TABLE = new Entry[SLOTS];

  private NameCache() {}

  /**
   * The keyword (or, if {@code keyword} is false, the symbol) whose text is {@code in[from, from + len)}, or {@code
   * null} when it is not in the table.
   */
  static Object get(byte[] in, int from, int len, boolean keyword) {
    if (len > MAX_BYTES) {
      return null;
    }
    Entry e = TABLE[slot(in, from, len, keyword)];
    return e != null && (e.value instanceof Keyword) == keyword
        && Arrays.equals(e.bytes, 0, e.bytes.length, in, from, from + len) ? e.value : null;
  }

  /** Remembers that the text {@code in[from, from + len)} reads as {@code value}, a keyword or a symbol. */
  static void put(byte[] in, int from, int len, Object value) {
    if (len <= MAX_BYTES) {
      TABLE[slot(in, from, len, value instanceof Keyword)] = new Entry(Arrays.copyOfRange(in, from, from + len), value);
    }
  }

  private static int slot(byte[] in, int from, int len, boolean keyword) {
    int hash = keyword ? 1 : 2;
    for (int i = from, end = from + len; i < end; i++) {
      hash = 31 * hash + in[i];
    }
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
