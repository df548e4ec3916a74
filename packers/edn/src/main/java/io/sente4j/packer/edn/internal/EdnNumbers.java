package io.sente4j.packer.edn.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.internal.DecimalDigits;
import io.sente4j.core.internal.DecimalText;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Reads an edn number token without regular expressions.
 *
 * <pre>
 * number  = ['+' | '-'] int ( 'N' | 'M' | frac [exp] ['M'] | exp ['M'] )?
 * int     = '0' | [1-9] [0-9]*
 * frac    = '.' [0-9]+
 * exp     = ('e' | 'E') ['+' | '-'] [0-9]+
 * </pre>
 *
 * <p>An integer is a {@link Long}, or a {@link BigInteger} when it has the {@code N} suffix or does not fit in 64
 * bits (as Clojure reads it). A float is a {@link Double}, or a {@link BigDecimal} with the {@code M} suffix ({@code
 * 1M} is a BigDecimal too). Everything else that starts like a number is refused with the reason: leading zeros
 * (which Clojure would read as octal), hexadecimal, radix and ratio forms, a {@code .} or exponent without digits,
 * {@code N} on a float.
 *
 * <p>A literal longer than {@value #MAX_LENGTH} characters is refused: turning a long digit string into a {@link
 * BigInteger} or {@link BigDecimal} costs time that grows faster than the input (a megabyte of digits takes
 * seconds to minutes), so a peer could stall a reader thread with one message. The bound is Jackson's default
 * ({@code StreamReadConstraints.maxNumberLength}).
 */
final class EdnNumbers {
  /** The longest number literal accepted, in characters. */
  static final int MAX_LENGTH = 1000;
  /** A number of more bits has more than 1000 digits (2^3322 is above 10^1000): too long, before any text is made. */
  private static final int MAX_BITS = DecimalDigits.MAX_BITS;

  private EdnNumbers() {}

  /** Whether a token starting at {@code start} is a number: a digit, or a sign followed by a digit. */
  static boolean startsNumber(char[] buf, int start, int end) {
    char c = buf[start];
    if (EdnChars.isDigit(c)) {
      return true;
    }
    return (c == '+' || c == '-') && start + 1 < end && EdnChars.isDigit(buf[start + 1]);
  }

  /** Reads the number token {@code buf[start, end)}. */
  static Object read(char[] buf, int start, int end) {
    int length = end - start;
    if (length > MAX_LENGTH) {
      throw EdnErrors.syntax(buf, start, "number literal of " + length + " characters is longer than the "
          + MAX_LENGTH + " allowed");
    }
    int i = start;
    char sign = buf[i];
    if (sign == '+' || sign == '-') {
      i++;
    }
    int digitsStart = i;
    if (buf[i] == '0') {
      i++;
      if (i < end && EdnChars.isDigit(buf[i])) {
        throw invalid(buf, start, end, "an integer must not have leading zeros");
      }
      if (i < end && (buf[i] == 'x' || buf[i] == 'X')) {
        throw invalid(buf, start, end, "hexadecimal numbers are not edn");
      }
    } else {
      while (i < end && EdnChars.isDigit(buf[i])) {
        i++;
      }
    }
    if (i == end) {
      return integer(buf, start, digitsStart, end);
    }
    char c = buf[i];
    if (i + 1 == end && c == 'N') {
      return bigInteger(buf, start, i);
    }
    if (i + 1 == end && c == 'M') {
      return bigDecimal(buf, start, i);
    }
    if (c == '/') {
      throw invalid(buf, start, end, "ratios are not edn");
    }
    if (c == 'r' || c == 'R') {
      throw invalid(buf, start, end, "radix numbers are not edn");
    }
    if (c == '.') {
      int fractionStart = ++i;
      while (i < end && EdnChars.isDigit(buf[i])) {
        i++;
      }
      if (i == fractionStart) {
        throw invalid(buf, start, end, "a '.' in a number must be followed by a digit");
      }
    }
    if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
      i++;
      if (i < end && (buf[i] == '+' || buf[i] == '-')) {
        i++;
      }
      int exponentStart = i;
      while (i < end && EdnChars.isDigit(buf[i])) {
        i++;
      }
      if (i == exponentStart) {
        throw invalid(buf, start, end, "an exponent must have digits");
      }
    }
    if (i == end) {
      Double fast = FastDoubles.parse(buf, start, end);
      return fast != null ? fast : Double.parseDouble(new String(buf, start, end - start));
    }
    if (i + 1 == end && buf[i] == 'M') {
      return bigDecimal(buf, start, i);
    }
    if (i + 1 == end && buf[i] == 'N') {
      throw invalid(buf, start, end, "the N suffix is for integers only");
    }
    throw invalid(buf, start, end, "unexpected " + EdnChars.describe(buf[i]));
  }

  /**
   * The literal of {@code b}, {@code N} included, for the writer: one this reader reads back.
   *
   * @throws PackerException if it would be longer than {@value #MAX_LENGTH} characters
   */
  static String literal(BigInteger b) {
    if (b.bitLength() > MAX_BITS) {
      throw tooLong("a BigInteger of " + b.bitLength() + " bits");
    }
    String text = b.toString() + 'N';
    if (text.length() > MAX_LENGTH) {
      throw tooLong("a BigInteger of " + (text.length() - 1) + " characters");
    }
    return text;
  }

  /**
   * The literal of {@code d}, {@code M} included, for the writer: one this reader (and Clojure's, which reads it
   * with {@code new BigDecimal(String)} too) reads back ({@link DecimalText}: {@code 123456789E+2147483647M} where
   * {@code toString} gives an exponent beyond an int).
   *
   * @throws PackerException if it would be longer than {@value #MAX_LENGTH} characters, or its scale is {@link
   *     Integer#MIN_VALUE}, whose exponent no literal read by {@code new BigDecimal(String)} has
   */
  static String literal(BigDecimal d) {
    if (d.unscaledValue().bitLength() > MAX_BITS) {
      throw tooLong("a BigDecimal of " + d.unscaledValue().bitLength() + " bits");
    }
    String digits = DecimalText.of(d).orElseThrow(() -> new PackerException(EdnErrors.PACKER, "cannot write the"
        + " BigDecimal " + d + ": the exponent of its literal, 2^31, is beyond the range of an int, which neither this"
        + " reader nor Clojure's reads"));
    if (digits.length() + 1 > MAX_LENGTH) {
      throw tooLong("a BigDecimal of " + digits.length() + " characters");
    }
    return digits + 'M';
  }

  private static PackerException tooLong(String what) {
    return new PackerException(EdnErrors.PACKER, "cannot write " + what + ": the edn packer reads number literals of"
        + " at most " + MAX_LENGTH + " characters");
  }

  private static Object integer(char[] buf, int start, int digitsStart, int end) {
    if (end - digitsStart <= 18) {
      long v = 0;
      for (int i = digitsStart; i < end; i++) {
        v = v * 10 + (buf[i] - '0');
      }
      return buf[start] == '-' ? -v : v;
    }
    BigInteger big = new BigInteger(new String(buf, start, end - start));
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private static BigInteger bigInteger(char[] buf, int start, int end) {
    return new BigInteger(new String(buf, start, end - start));
  }

  private static BigDecimal bigDecimal(char[] buf, int start, int end) {
    try {
      return new BigDecimal(buf, start, end - start);
    } catch (NumberFormatException e) {
      // Only an exponent outside the int range gets here; the grammar has been checked.
      throw EdnErrors.syntax(buf, start, "invalid number " + new String(buf, start, end - start + 1)
          + ": exponent out of range");
    }
  }

  private static RuntimeException invalid(char[] buf, int start, int end, String why) {
    return EdnErrors.syntax(buf, start, "invalid number " + new String(buf, start, end - start) + ": " + why);
  }
}
