package io.sente4j.packer.cbor.internal;

import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.internal.IdentifierTable;
import java.nio.charset.StandardCharsets;

/**
 * The whole CBOR encoding of the keywords and symbols written lately (tag 39, the text head, the edn text), so that
 * a name written again (every event id, every map key of a push batch) is copied out rather than built as a string
 * and encoded each time. The writer's counterpart of the reader's {@link IdentifierTable}, and bounded the same way: a fixed table
 * shared by all threads, each slot holding the last short name that hashed to it, in immutable entries written and
 * read without locks.
 */
final class IdentifierEncodings {
  /** Names whose text is longer than this are left to the writer, as the reader's table leaves them. */
  static final int MAX_BYTES = IdentifierTable.MAX_BYTES;
  private static final int SLOTS = 1024;

  private record Entry(Object identifier, byte[] encoding) {}

  private static final Entry[] TABLE = new Entry[SLOTS];

  private IdentifierEncodings() {}

  /**
   * The bytes of tag 39 around the text of {@code identifier}, a {@link Keyword} or a {@link Symbol}; null when the
   * text is longer than {@link #MAX_BYTES} (the writer then has Jackson write it, which writes a text of more than
   * about 4000 characters in chunks).
   */
  static byte[] of(Object identifier) {
    int h = identifier.hashCode();
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Entry e = TABLE[slot];
    if (e != null && e.identifier.equals(identifier)) {
      return e.encoding;
    }
    String text = identifier instanceof Keyword ? ":" + ((Keyword) identifier).qualifiedName()
        : ((Symbol) identifier).qualifiedName();
    if (text.length() > MAX_BYTES) {
      return null;
    }
    // Keyword and symbol names hold no lone surrogate (their constructors refuse one), so the UTF-8 is exact.
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_BYTES) {
      return null;
    }
    byte[] encoding = encode(utf8);
    TABLE[slot] = new Entry(identifier, encoding);
    return encoding;
  }

  /** Tag 39 ({@code d8 27}), then {@code utf8} as a text string with its shortest head. */
  private static byte[] encode(byte[] utf8) {
    byte[] head = new byte[9];
    int headLength = CborValues.head(head, CborValues.MAJOR_TEXT, utf8.length);
    byte[] out = new byte[2 + headLength + utf8.length];
    out[0] = (byte) 0xd8;
    out[1] = CborTags.IDENTIFIER;
    System.arraycopy(head, 0, out, 2, headLength);
    System.arraycopy(utf8, 0, out, 2 + headLength, utf8.length);
    return out;
  }
}
