package io.sente4j.core.internal;

import java.math.BigDecimal;
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

  /**
   * Whether making {@code n}'s text is cheap: it is not a {@link BigInteger}, or a {@link BigDecimal} by its unscaled
   * value, of more than {@link #MAX_BITS} bits. No packer reads such a number, but one can be handed to {@code pack}
   * or to a codec, and the message that refuses it must not take seconds (a 4-megabit number took 6) to print it.
   */
  public static boolean cheapText(Number n) {
    BigInteger magnitude = n instanceof BigInteger b ? b : n instanceof BigDecimal d ? d.unscaledValue() : null;
    return magnitude == null || magnitude.bitLength() <= MAX_BITS;
  }

  /**
   * The text of {@code n} for a message: {@code String.valueOf(n)} where that is {@link #cheapText cheap}, otherwise
   * its size, as {@code <BigInteger of 40001 bits>} or {@code <BigDecimal of 40001 bits, scale -3>}.
   */
  public static String text(Number n) {
    if (cheapText(n)) {
      return String.valueOf(n);
    }
    if (n instanceof BigDecimal d) {
      return "<BigDecimal of " + d.unscaledValue().bitLength() + " bits, scale " + d.scale() + ">";
    }
    return "<BigInteger of " + ((BigInteger) n).bitLength() + " bits>";
  }
}
