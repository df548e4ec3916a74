package io.sente4j.packer.edn.internal;

import io.sente4j.core.Keyword;
import java.util.Arrays;

/**
 * Remembers recently read keywords so that a reader meeting {@code :room} for the thousandth time returns the same
 * {@link Keyword} instead of validating and allocating it again, as JSON parsers do for field names.
 *
 * <p>Bounded, so a peer cannot grow it by sending new names: {@value #SLOTS} slots, each holding one keyword of at
 * most {@value #MAX_LENGTH} characters; a keyword displaces whatever occupied its slot. One cache serves all the
 * threads using a packer, without locks: a slot holds an immutable entry published through final fields, so a racing
 * reader sees the old entry or the new one, and either gives a correct answer.
 */
public final class KeywordCache {
  /** Number of slots; a power of two. */
  static final int SLOTS = 512;
  /** The longest keyword text (without the colon) that is cached. */
  static final int MAX_LENGTH = 64;

  private final Entry[] entries = new Entry[SLOTS];

  /** An empty cache. */
  public KeywordCache() {}

  /** The cached keyword whose text is {@code buf[start, end)}, or {@code null}. */
  Keyword get(char[] buf, int start, int end, int hash) {
    Entry e = entries[slot(hash)];
    if (e != null && e.hash == hash && Arrays.equals(e.text, 0, e.text.length, buf, start, end)) {
      return e.keyword;
    }
    return null;
  }

  /** Remembers {@code keyword}, whose text is {@code buf[start, end)}. */
  void put(char[] buf, int start, int end, int hash, Keyword keyword) {
    entries[slot(hash)] = new Entry(Arrays.copyOfRange(buf, start, end), hash, keyword);
  }

  /** The hash of {@code buf[start, end)} that {@link #get} and {@link #put} take. */
  static int hash(char[] buf, int start, int end) {
    int h = 0;
    for (int i = start; i < end; i++) {
      h = 31 * h + buf[i];
    }
    return h;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (SLOTS - 1);
  }

  private static final class Entry {
    final char[] text;
    final int hash;
    final Keyword keyword;

    Entry(char[] text, int hash, Keyword keyword) {
      this.text = text;
      this.hash = hash;
      this.keyword = keyword;
    }
  }
}
