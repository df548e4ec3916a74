package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.io.NumberOutput;
import io.sente4j.core.PackerException;
import io.sente4j.core.internal.DecimalDigits;
import io.sente4j.packer.json.JsonPacker;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The JSON text of the numbers that need more than {@link com.fasterxml.jackson.core.JsonGenerator#writeNumber(long)}:
 * the same text whether the number is a value or (as a string) a map key, and never longer than
 * {@link JsonLimits#MAX_NUMBER_LENGTH}, so that whatever is written can be read back.
 */
final class NumberText {
  /** A larger bit length is certainly too long, and is refused before {@code toString} (more than linear time). */
  private static final int MAX_BITS = DecimalDigits.MAX_BITS;

  private NumberText() {}

  /** The decimal text of {@code b}. */
  static String of(BigInteger b) {
    BigInteger exact = exact(b);
    if (exact.bitLength() > MAX_BITS) {
      throw tooLong("a BigInteger of " + exact.bitLength() + " bits");
    }
    String text = exact.toString();
    if (text.length() > JsonLimits.MAX_NUMBER_LENGTH) {
      throw tooLong("a BigInteger of " + text.length() + " characters");
    }
    return text;
  }

  /**
   * The text of {@code d} with a fraction or an exponent, so that it reads back as a floating-point number: {@code
   * 1} is written {@code 1.0}, {@code 1E+3} as it is. Refused if its nearest double is infinite, since it would read
   * back as a number JSON cannot carry.
   */
  static String of(BigDecimal d) {
    BigDecimal exact = exact(d);
    if (exact.unscaledValue().bitLength() > MAX_BITS) {
      throw tooLong("a BigDecimal of " + exact.unscaledValue().bitLength() + " bits");
    }
    String text = exact.toString();
    if (text.indexOf('.') < 0 && text.indexOf('E') < 0) {
      text = text + ".0";
    }
    if (text.length() > JsonLimits.MAX_NUMBER_LENGTH) {
      throw tooLong("a BigDecimal of " + text.length() + " characters");
    }
    if (Double.isInfinite(exact.doubleValue())) {
      throw new PackerException(JsonPacker.NAME, "cannot pack the BigDecimal " + abbreviate(text)
          + ": it is beyond the range of a double, which is how it would read back");
    }
    return text;
  }

  /**
   * The shortest text that reads back as {@code d} (Schubfach, as {@code Double.toString} on JDK 19 and later):
   * always with a point or an exponent, such as {@code 1.0}, {@code -0.0} or {@code 1.0E300}.
   *
   * @throws PackerException if {@code d} is NaN or infinite, which JSON has no numbers for
   */
  static String of(double d) {
    return NumberOutput.toString(finite(d), true);
  }

  /** Returns {@code d}, or refuses it if it is NaN or infinite. */
  static double finite(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new PackerException(JsonPacker.NAME, "cannot pack " + d + ": JSON has no NaN or Infinity");
    }
    return d;
  }

  /** Cuts number text for a message. */
  static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 20) + "..." + text.substring(text.length() - 10);
  }

  private static PackerException tooLong(String what) {
    return new PackerException(JsonPacker.NAME, "cannot pack " + what + ": the JSON packer reads and writes numbers "
        + "of at most " + JsonLimits.MAX_NUMBER_LENGTH + " characters");
  }

  // A subclass could override toString and so write anything into the JSON text; use the JDK's own classes.
  private static BigInteger exact(BigInteger b) {
    return b.getClass() == BigInteger.class ? b : new BigInteger(b.toByteArray());
  }

  private static BigDecimal exact(BigDecimal d) {
    return d.getClass() == BigDecimal.class ? d : new BigDecimal(exact(d.unscaledValue()), d.scale());
  }
}
