package io.sente4j.packer.edn.internal;

import java.util.Arrays;

/**
 * The writer's output: a growable {@code char[]} written in place. It does for the writer what a {@code
 * StringBuilder} would, without the per-call range, coder and capacity checks on every character, which cost more
 * than the writing itself for short tokens.
 */
final class TextOut {
  private char[] buf;
  private int len;

  TextOut(int capacity) {
    buf = new char[Math.max(16, capacity)];
  }

  /** Makes room for {@code n} more characters and returns the array to write them into at {@link #length()}. */
  char[] reserve(int n) {
    if (len + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + n, buf.length * 2));
    }
    return buf;
  }

  int length() {
    return len;
  }

  /** Sets the length after writing into {@link #reserve(int)}'s array, or to cut back. */
  void setLength(int newLength) {
    len = newLength;
  }

  TextOut append(char c) {
    if (len == buf.length) {
      reserve(1);
    }
    buf[len++] = c;
    return this;
  }

  TextOut append(String s) {
    int n = s.length();
    reserve(n);
    s.getChars(0, n, buf, len);
    len += n;
    return this;
  }

  /** Appends {@code s.substring(from, to)} without creating it. */
  TextOut append(String s, int from, int to) {
    int n = to - from;
    reserve(n);
    s.getChars(from, to, buf, len);
    len += n;
    return this;
  }

  /** Appends the decimal digits of {@code v}, as {@link Long#toString(long)} writes them. */
  TextOut append(long v) {
    if (v == Long.MIN_VALUE) {
      return append("-9223372036854775808");
    }
    reserve(20);
    if (v < 0) {
      buf[len++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    for (int i = len + digits - 1; i >= len; i--) {
      buf[i] = (char) ('0' + (int) (v % 10));
      v /= 10;
    }
    len += digits;
    return this;
  }

  @Override
  public String toString() {
    return new String(buf, 0, len);
  }
}
