package io.sente4j.core.internal;

import java.math.BigInteger;

/**
 * The bound every packer puts on the decimal digits of a number it reads or writes, 1,000 (Jackson's default
 * {@code maxNumberLength}), and how to test a {@link BigInteger} against it without making its text: {@code
 * toString} takes time that grows faster than the length (a 1 MiB bignum took 16 seconds to print).
 */
public final class DecimalDigits {
  /** The most decimal digits of a number. */
  public static final int MAX = 1000;
  private static final BigInteger TEN_TO_MAX = BigInteger.TEN.pow(MAX);
  /** 10^1000 needs 3322 bits: a magnitude of more bits has more than {@link #MAX} digits, whatever they are. */
  public static final int MAX_BITS = TEN_TO_MAX.bitLength();

  private DecimalDigits() {}

  /** Whether {@code n} has at most {@link #MAX} decimal digits (its sign aside). */
  public static boolean atMostMax(BigInteger n) {
    return n.bitLength() <= MAX_BITS && n.abs().compareTo(TEN_TO_MAX) < 0;
  }
}
