package io.sente4j.packer.edn.internal;

import io.sente4j.core.Bytes;
import java.util.Base64;
import java.util.UUID;

/** Turns the string payloads of the built-in tags into their values, strictly. */
final class TagValues {
  private TagValues() {}

  /**
   * The value of {@code #uuid "s"}: the canonical 8-4-4-4-12 form with hexadecimal digits of either case ({@link
   * UUID#fromString} would also take {@code "1-2-3-4-5"}; edn says canonical).
   *
   * @throws IllegalArgumentException if {@code s} is not canonical
   */
  static UUID uuid(String s) {
    if (s.length() != 36) {
      throw new IllegalArgumentException("a uuid has 36 characters, not " + s.length());
    }
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          throw new IllegalArgumentException("expected '-' at index " + i);
        }
        continue;
      }
      int d = EdnChars.hexValue(c);
      if (d < 0) {
        throw new IllegalArgumentException("expected a hexadecimal digit at index " + i);
      }
      if (i < 18) {
        msb = (msb << 4) | d;
      } else {
        lsb = (lsb << 4) | d;
      }
    }
    return new UUID(msb, lsb);
  }

  /**
   * The value of {@code #sente4j/bytes "s"}: standard base64 (RFC 4648 section 4) with padding, no line breaks.
   *
   * @throws IllegalArgumentException if {@code s} is not that
   */
  static Bytes bytes(String s) {
    if (s.length() % 4 != 0) {
      throw new IllegalArgumentException("padded base64 has a multiple of 4 characters, not " + s.length());
    }
    return Bytes.wrap(Base64.getDecoder().decode(s));
  }
}
