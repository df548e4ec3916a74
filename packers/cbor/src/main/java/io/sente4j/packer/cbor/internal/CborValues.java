package io.sente4j.packer.cbor.internal;

import io.sente4j.core.internal.DecimalDigits;
import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** Encodings shared by the writer and the reader: heads, instants, UUIDs, bignum magnitudes, half floats. */
final class CborValues {
  private CborValues() {}

  static final int MAJOR_UNSIGNED = 0;
  static final int MAJOR_NEGATIVE = 1;
  static final int MAJOR_BYTES = 2;
  static final int MAJOR_TEXT = 3;
  static final int MAJOR_ARRAY = 4;
  static final int MAJOR_MAP = 5;
  static final int MAJOR_TAG = 6;
  static final int MAJOR_SIMPLE = 7;

  /**
   * The most decimal digits a bignum (or a decimal's mantissa) may have, written or read: the text packers bound a
   * number's text to 1000 characters, and so does this one, since turning a number into text takes time that grows
   * faster than its length (a 1 MiB bignum took 16 seconds to print), and an application prints numbers, its logs
   * and error messages do, and so does any other packer it is relayed to.
   */
  static final int MAX_DIGITS = DecimalDigits.MAX;

  /** The first and last second of the years 0000 to 9999, UTC. */
  static final long MIN_SECOND = -62167219200L;
  static final long MAX_SECOND = 253402300799L;

  /** Writes the shortest head of {@code major} with argument {@code n} into {@code out}; returns its length. */
  static int head(byte[] out, int major, long n) {
    int m = major << 5;
    if (n < 24) {
      out[0] = (byte) (m | n);
      return 1;
    }
    int bytes = n < 0x100 ? 1 : n < 0x10000 ? 2 : n < 0x1_0000_0000L ? 4 : 8;
    out[0] = (byte) (m | (bytes == 1 ? 24 : bytes == 2 ? 25 : bytes == 4 ? 26 : 27));
    for (int i = 0; i < bytes; i++) {
      out[1 + i] = (byte) (n >>> (8 * (bytes - 1 - i)));
    }
    return 1 + bytes;
  }

  /**
   * Checks that {@code t} has RFC 3339 text: that it is in the years 0000 to 9999.
   *
   * @throws io.sente4j.core.PackerException if it is not
   */
  static void checkRfc3339Range(Instant t) {
    if (t.getEpochSecond() < MIN_SECOND || t.getEpochSecond() > MAX_SECOND) {
      throw Refusals.instantOutOfRange(t);
    }
  }

  static byte[] uuidBytes(UUID u) {
    byte[] b = new byte[16];
    long hi = u.getMostSignificantBits();
    long lo = u.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (hi >>> (56 - 8 * i));
      b[8 + i] = (byte) (lo >>> (56 - 8 * i));
    }
    return b;
  }

  static UUID uuid(byte[] b) {
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (b[i] & 0xff);
      lo = (lo << 8) | (b[8 + i] & 0xff);
    }
    return new UUID(hi, lo);
  }

  /** Whether {@code n} has at most {@link #MAX_DIGITS} decimal digits, found without turning it into text. */
  static boolean hasAllowedDigits(BigInteger n) {
    return DecimalDigits.atMostMax(n);
  }

  /** The big-endian bytes of a non-negative {@code n}, without leading zeros (zero is no bytes). */
  static byte[] magnitude(BigInteger n) {
    byte[] b = n.toByteArray();
    int skip = 0;
    while (skip < b.length && b[skip] == 0) {
      skip++;
    }
    return skip == 0 ? b : java.util.Arrays.copyOfRange(b, skip, b.length);
  }

  /** The index of the first lone surrogate in {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** An IEEE 754 half-precision float (RFC 8949 Appendix D). */
  static double half(int bits) {
    int exp = (bits >> 10) & 0x1f;
    int mant = bits & 0x3ff;
    double v;
    if (exp == 0) {
      v = Math.scalb((double) mant, -24);
    } else if (exp != 31) {
      v = Math.scalb((double) (mant + 1024), exp - 25);
    } else {
      v = mant == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
    }
    return (bits & 0x8000) != 0 ? -v : v;
  }
}
