package io.sente4j.core;

/** UTF-8 arithmetic that the JDK does not offer without encoding the text. */
final class Utf8 {
  private Utf8() {}

  /** The number of bytes {@code s} takes in UTF-8; a lone surrogate counts as the one-byte {@code ?} that
   * {@link String#getBytes(java.nio.charset.Charset)} writes for it. */
  static int length(CharSequence s) {
    int n = s.length();
    long bytes = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          bytes += 1;
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          bytes += 2;
          i++;
        } else if (!Character.isSurrogate(c)) {
          bytes += 2;
        }
      }
    }
    return (int) Math.min(bytes, Integer.MAX_VALUE);
  }
}
