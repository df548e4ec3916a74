package io.sente4j.core.internal;

import java.util.Arrays;

/**
 * Keywords and symbols a binary reader has read lately, found again by their UTF-8 bytes, so that a name that comes
 * again (every event id, every map key of a push batch) is neither decoded nor checked again. A fixed table: each
 * slot holds the last short name that hashed to it, so a peer sending ever new names only overwrites slots and the
 * memory stays bounded. One table is shared by all threads of its reader: slots hold immutable entries, written and
 * read without locks, so a reader sees either a whole entry or an older one, and a miss only costs the decoding it
 * saves.
 */
public final class IdentifierTable {
  /** Names longer than this many bytes are decoded every time: long names are rare and would make the table large. */
  public static final int MAX_BYTES = 64;
  private static final int SLOTS = 1024;

  private record Entry(byte[] bytes, int kind, Object value) {}

  private final Entry[] table = new Entry[SLOTS];

  /**
   * The name of {@code kind} whose text is {@code in[from, from + len)}, or {@code null} when it is not in the table.
   *
   * @param kind what the reader reads such bytes as (say 0 for a keyword and 1 for a symbol), so that names of the
   *     same text but different kinds stay apart
   */
  public Object get(byte[] in, int from, int len, int kind) {
    if (len > MAX_BYTES) {
      return null;
    }
    Entry e = table[slot(in, from, len, kind)];
    return e != null && e.kind == kind && Arrays.equals(e.bytes, 0, e.bytes.length, in, from, from + len)
        ? e.value : null;
  }

  /** Remembers that the text {@code in[from, from + len)} of {@code kind} reads as {@code value}. */
  public void put(byte[] in, int from, int len, int kind, Object value) {
    if (len <= MAX_BYTES) {
      table[slot(in, from, len, kind)] = new Entry(Arrays.copyOfRange(in, from, from + len), kind, value);
    }
  }

  private static int slot(byte[] in, int from, int len, int kind) {
    int hash = 1 + kind;
    for (int i = from, end = from + len; i < end; i++) {
      hash = 31 * hash + in[i];
    }
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }
}
