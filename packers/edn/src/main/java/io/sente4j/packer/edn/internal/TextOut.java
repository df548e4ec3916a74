package io.sente4j.packer.edn.internal;

import java.util.Arrays;

/**
 * The writer's output: {@code char[]} chunks written in place. It does for the writer what a {@code StringBuilder}
 * would, without the per-call range, coder and capacity checks on every character, which cost more than the writing
 * itself for short tokens.
 *
 * <p>It grows by starting a new chunk rather than by copying into an array twice the size: a large push frame grew
 * through a dozen doublings, and their copies and the zeroing of ever larger arrays cost about 7 % of packing it (by
 * thread CPU time). The text is copied once, when {@link #toString} joins the chunks.
 */
final class TextOut {
  /** Chunks grow by doubling up to this many chars, so the unused tail of the last one stays small. */
  static final int MAX_CHUNK = 8192;

  /** The filled chunks before the current one, oldest first, each with its length in {@link #fullLengths}. */
  private char[][] full = new char[4][];
  private int[] fullLengths = new int[4];
  private int fullCount;
  /** The chars in the filled chunks. */
  private int fullChars;
  private char[] buf;
  private int len;

  TextOut(int capacity) {
    buf = new char[Math.max(16, capacity)];
  }

  /**
   * Makes room for {@code n} more characters and returns the array to write them into at {@link #position()}; the
   * array may be a new chunk, so the position is read after this call.
   */
  char[] reserve(int n) {
    if (len + n > buf.length) {
      nextChunk(n);
    }
    return buf;
  }

  private void nextChunk(int n) {
    if (fullCount == full.length) {
      full = Arrays.copyOf(full, fullCount * 2);
      fullLengths = Arrays.copyOf(fullLengths, fullCount * 2);
    }
    full[fullCount] = buf;
    fullLengths[fullCount++] = len;
    fullChars += len;
    buf = new char[Math.max(n, Math.min(buf.length * 2, MAX_CHUNK))];
    len = 0;
  }

  /** Where the next character goes in the array {@link #reserve} returned. */
  int position() {
    return len;
  }

  /** Sets the position after writing into {@link #reserve(int)}'s array, or to cut back within it. */
  void setPosition(int newPosition) {
    len = newPosition;
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
    if (fullCount == 0) {
      return new String(buf, 0, len);
    }
    char[] all = new char[fullChars + len];
    int at = 0;
    for (int i = 0; i < fullCount; i++) {
      System.arraycopy(full[i], 0, all, at, fullLengths[i]);
      at += fullLengths[i];
    }
    System.arraycopy(buf, 0, all, at, len);
    return new String(all);
  }
}
