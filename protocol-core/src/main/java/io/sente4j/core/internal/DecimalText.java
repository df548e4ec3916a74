package io.sente4j.core.internal;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The text of a {@link BigDecimal} that {@code new BigDecimal(String)} reads back as the same value, unscaled value
 * and scale: what the Java and Clojure readers of an edn {@code M} literal and of a Transit {@code "~f"} do with it.
 *
 * <p>{@link BigDecimal#toString} writes the exponent of the first digit, {@code -scale + precision - 1}, which passes
 * {@link Integer#MAX_VALUE} for a scale near {@link Integer#MIN_VALUE} ({@code 123456789 × 10^2147483647} prints as
 * {@code 1.23456789E+2147483655}), and {@code new BigDecimal(String)} refuses an exponent beyond an int. The unscaled
 * digits followed by {@code E} and {@code -scale} ({@code 123456789E+2147483647}) read back exactly then. Only a
 * scale of {@link Integer#MIN_VALUE} has no such text: its exponent is 2^31 however the digits are laid out.
 */
public final class DecimalText {
  private DecimalText() {}

  /**
   * The text of {@code d}: its {@code toString} where that reads back, else its unscaled digits and exponent; empty
   * for a scale of {@link Integer#MIN_VALUE}. Takes time in the digits of the unscaled value, which the caller bounds.
   */
  public static Optional<String> of(BigDecimal d) {
    if (d.scale() == Integer.MIN_VALUE) {
      return Optional.empty();
    }
    if (-(long) d.scale() + d.precision() - 1 <= Integer.MAX_VALUE) {
      return Optional.of(d.toString());
    }
    return Optional.of(d.unscaledValue() + "E+" + -d.scale());
  }
}
