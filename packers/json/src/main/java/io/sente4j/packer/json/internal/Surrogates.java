package io.sente4j.packer.json.internal;

/**
 * Finds unpaired UTF-16 surrogates. A Java string may hold one, but UTF-8 cannot encode it, so JSON text holding one
 * could not travel as a WebSocket text frame (or would arrive altered). Such strings are refused both ways.
 */
final class Surrogates {
  private Surrogates() {}

  /** The index of the first unpaired surrogate in {@code s}, or -1 if there is none. */
  static int firstLone(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Describes the lone surrogate at {@code index} of {@code s}, for an error message. */
  static String describe(String s, int index) {
    return String.format("a lone surrogate U+%04X at index %d, which is not Unicode text and cannot be encoded as "
        + "UTF-8", (int) s.charAt(index), index);
  }
}
