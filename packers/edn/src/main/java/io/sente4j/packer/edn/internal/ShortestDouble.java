package io.sente4j.packer.edn.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The text of a finite double as {@code Double.toString} writes it from JDK 19 on: the shortest decimal that reads
 * back as the same double, in Java's layout. Before JDK 19, {@code Double.toString} sometimes wrote more digits than
 * needed ({@code 2.0E23} came out as {@code 1.9999999999999998E23}); PROTOCOL.md requires the same text on every
 * JDK, so the golden vectors and peers never depend on which one runs.
 */
final class ShortestDouble {
  private static final boolean JDK_IS_SHORTEST = Runtime.version().feature() >= 19;

  private ShortestDouble() {}

  static String of(double d) {
    if (d == 0.0) {
      return Double.toString(d);
    }
    String fast = FastDoubles.format(d);
    if (fast != null) {
      return fast;
    }
    String text = Double.toString(d);
    if (JDK_IS_SHORTEST) {
      return text;
    }
    int digits = significantDigits(text);
    if (digits < 16) {
      return text; // the old algorithm only overshoots where it writes 16 or 17 digits
    }
    // JDK 17's digits may be neither the fewest nor, at their length, the closest: start from the closest rounding
    // at that length, then try each shorter one until one fails to read back.
    BigDecimal exact = new BigDecimal(d);
    BigDecimal best = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    if (best.doubleValue() != d) {
      return text;
    }
    for (int p = digits - 1; p >= 1; p--) {
      BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
      if (r.doubleValue() != d) {
        break;
      }
      best = r;
    }
    return layout(best, d);
  }

  /** The number of significant digits in a {@code Double.toString} text. */
  private static int significantDigits(String text) {
    int end = text.indexOf('E');
    String mantissa = end < 0 ? text : text.substring(0, end);
    String digits = mantissa.replace("-", "").replace(".", "");
    int start = 0;
    while (start < digits.length() - 1 && digits.charAt(start) == '0') {
      start++;
    }
    int stop = digits.length();
    while (stop > start + 1 && digits.charAt(stop - 1) == '0') {
      stop--;
    }
    return stop - start;
  }

  /** Java's layout: plain from 10^-3 up to (not including) 10^7, otherwise {@code d.dddE±n}; always a digit after the point. */
  private static String layout(BigDecimal value, double d) {
    BigDecimal v = value.stripTrailingZeros();
    String sign = v.signum() < 0 ? "-" : "";
    v = v.abs();
    double magnitude = Math.abs(d);
    if (magnitude >= 1e-3 && magnitude < 1e7) {
      String plain = v.toPlainString();
      return sign + (plain.indexOf('.') < 0 ? plain + ".0" : plain);
    }
    String unscaled = v.unscaledValue().toString();
    int exponent = unscaled.length() - 1 - v.scale();
    String fraction = unscaled.length() > 1 ? unscaled.substring(1) : "0";
    return sign + unscaled.charAt(0) + "." + fraction + "E" + exponent;
  }
}
