package io.sente4j.packer.edn.internal;

/**
 * Exact fast paths for the doubles most payloads hold (prices, sensor readings, percentages: a few decimals). JDK
 * 17's {@code Double.toString} and {@code Double.parseDouble} cost about a microsecond each, which dominates a
 * batch of numbers; these paths answer the common case exactly and return {@code null} to send the rest to the slow,
 * general code.
 */
final class FastDoubles {
  private static final double[] POWERS = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22
  };
  private static final int MAX_FRACTION_DIGITS = 8;
  private static final long MAX_EXACT = 1L << 53;

  private FastDoubles() {}

  /**
   * The shortest text of {@code d} when it is a decimal of at most 8 fraction digits in Java's plain range
   * (10^-3 up to 10^7), else {@code null}. Correct because: {@code m / 10^k == d} proves the decimal {@code m·10^-k}
   * reads back as {@code d} (one correctly rounded division of two exact doubles); searching k upwards finds the
   * fewest digits; and in this range 10^-8 is more than twice the spacing of doubles, so at that k no other decimal
   * reads back as {@code d}, which makes it the closest too.
   */
  static String format(double d) {
    double magnitude = Math.abs(d);
    if (!(magnitude >= 1e-3 && magnitude < 1e7)) {
      return null;
    }
    for (int k = 0; k <= MAX_FRACTION_DIGITS; k++) {
      double scaled = magnitude * POWERS[k];
      double m = Math.rint(scaled);
      if (m < MAX_EXACT && m / POWERS[k] == magnitude) {
        return layout(d < 0, (long) m, k);
      }
    }
    return null;
  }

  private static String layout(boolean negative, long m, int k) {
    String digits = Long.toString(m);
    StringBuilder sb = new StringBuilder(digits.length() + 4);
    if (negative) {
      sb.append('-');
    }
    if (k == 0) {
      return sb.append(digits).append(".0").toString();
    }
    if (digits.length() <= k) {
      sb.append("0.");
      for (int i = digits.length(); i < k; i++) {
        sb.append('0');
      }
      return sb.append(digits).toString();
    }
    int point = digits.length() - k;
    return sb.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
  }

  /**
   * The double an edn float literal (already validated: sign, digits, optional fraction, optional exponent) denotes,
   * when at most 15 significant digits and a power of ten up to 22 make the value one exact division or
   * multiplication of two exact doubles (Clinger's fast path); else {@code null}.
   */
  static Double parse(char[] buf, int start, int end) {
    int i = start;
    boolean negative = buf[i] == '-';
    if (negative || buf[i] == '+') {
      i++;
    }
    long mantissa = 0;
    int significant = 0;
    int fractionDigits = 0;
    boolean inFraction = false;
    for (; i < end; i++) {
      char c = buf[i];
      if (c == '.') {
        inFraction = true;
        continue;
      }
      if (c == 'e' || c == 'E') {
        break;
      }
      if (significant > 0 || c != '0') {
        if (++significant > 15) {
          return null;
        }
      }
      mantissa = mantissa * 10 + (c - '0');
      if (inFraction) {
        fractionDigits++;
      }
    }
    int exponent = 0;
    if (i < end) {
      i++;
      boolean negativeExponent = buf[i] == '-';
      if (negativeExponent || buf[i] == '+') {
        i++;
      }
      if (end - i > 3) {
        return null;
      }
      for (; i < end; i++) {
        exponent = exponent * 10 + (buf[i] - '0');
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    int power = exponent - fractionDigits;
    if (power < -22 || power > 22) {
      return null;
    }
    double value = power < 0 ? mantissa / POWERS[-power] : mantissa * POWERS[power];
    return negative ? -value : value;
  }
}
