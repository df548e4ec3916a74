package io.sente4j.packer.transit.internal;

/** Finds lone surrogates, which UTF-8 cannot carry: such a string is refused when written and when read. */
final class Surrogates {
  private Surrogates() {}

  /** The index of the first lone surrogate in {@code s}, or -1. */
  static int lone(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }
}
