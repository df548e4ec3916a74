package io.sente4j.packer.edn.internal;

/**
 * Character classes of edn text, answered from a table for ASCII so that the reader's inner loops never call into
 * {@link Character} for the common case.
 *
 * <p>Whitespace is what Clojure's reader treats as whitespace: {@link Character#isWhitespace(char)} plus the comma.
 * A token (number, symbol, keyword, character name, tag) runs until whitespace, a collection delimiter, a string
 * quote or a comment; everything else, even a character edn forbids in a token, belongs to the token, so that
 * {@code 123abc} or {@code a@b} is reported as one bad token rather than read as two elements.
 */
final class EdnChars {
  private static final byte WHITESPACE = 1;
  private static final byte TERMINATOR = 2;
  private static final byte[] ASCII = new byte[128];

  static {
    for (char c = 0; c < 128; c++) {
      if (Character.isWhitespace(c) || c == ',') {
        ASCII[c] = WHITESPACE | TERMINATOR;
      }
    }
    for (char c : "()[]{}\";".toCharArray()) {
      ASCII[c] = TERMINATOR;
    }
  }

  private EdnChars() {}

  /** Whether {@code c} separates elements (commas included). */
  static boolean isWhitespace(char c) {
    return c < 128 ? (ASCII[c] & WHITESPACE) != 0 : Character.isWhitespace(c);
  }

  /** Whether {@code c} ends a token: whitespace, a delimiter, a string quote or a comment. */
  static boolean isTerminator(char c) {
    return c < 128 ? ASCII[c] != 0 : Character.isWhitespace(c);
  }

  /** Whether {@code c} is an ASCII digit. */
  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The value of a hexadecimal digit, or -1. */
  static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** The four hexadecimal digits at {@code at} as a char, or -1 if they are not four hex digits. */
  static int hex4(char[] buf, int at, int end) {
    if (at + 4 > end) {
      return -1;
    }
    int v = 0;
    for (int i = at; i < at + 4; i++) {
      int d = hexValue(buf[i]);
      if (d < 0) {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }

  /** A readable description of a character for an error message: {@code 'x'} or {@code U+0007}. */
  static String describe(char c) {
    if (c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)
        || Character.isSurrogate(c)) {
      return String.format("U+%04X", (int) c);
    }
    return "'" + c + "'";
  }
}
