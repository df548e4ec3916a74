package io.sente4j.packer.json;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The JSON packer's documented domain, written out again for the tests without any of the packer's code: what a
 * round trip makes of a value ({@link #normalise}), whether the packer must accept it ({@link #accepts}), and the
 * exact JSON text of a collection used as a map key ({@link #jsonText}).
 */
final class JsonDomain {
  private JsonDomain() {}

  /** What {@code unpack(pack(v))} gives, for a value the packer accepts. */
  static Object normalise(Object v) {
    if (v == null || v instanceof Boolean || v instanceof String || v instanceof Long || v instanceof Double) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }
    if (v instanceof Float) {
      return (double) (Float) v;
    }
    if (v instanceof BigDecimal) {
      return ((BigDecimal) v).doubleValue();
    }
    if (v instanceof List || v instanceof Set) {
      List<Object> out = new ArrayList<>();
      for (Object e : (Collection<?>) v) {
        out.add(normalise(e));
      }
      return Collections.unmodifiableList(out);
    }
    if (v instanceof Map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        out.put(keyName(e.getKey()), normalise(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    return stringForm(v);
  }

  /** Whether the packer must accept {@code v}: no NaN or infinity, no tags, no clashing keys, and so on. */
  static boolean accepts(Object v) {
    if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof Keyword || v instanceof Symbol || v instanceof Instant
        || v instanceof UUID || v instanceof Bytes || v instanceof byte[]) {
      return true;
    }
    if (v instanceof String || v instanceof Character) {
      return isUnicode(v.toString());
    }
    if (v instanceof Double || v instanceof Float) {
      return Double.isFinite(((Number) v).doubleValue());
    }
    if (v instanceof BigInteger) {
      return v.toString().length() <= 1000;
    }
    if (v instanceof BigDecimal) {
      return bigDecimalText((BigDecimal) v).length() <= 1000 && Double.isFinite(((BigDecimal) v).doubleValue());
    }
    if (v instanceof List || v instanceof Set) {
      return ((Collection<?>) v).stream().allMatch(JsonDomain::accepts);
    }
    if (v instanceof Map) {
      Set<String> names = new HashSet<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!accepts(e.getKey()) || !accepts(e.getValue()) || !names.add(keyName(e.getKey()))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  /** The object key a map key becomes. */
  static String keyName(Object k) {
    if (k == null || k instanceof Boolean || k instanceof Long || k instanceof Integer || k instanceof Short
        || k instanceof Byte || k instanceof BigInteger || k instanceof Double || k instanceof Float
        || k instanceof BigDecimal || k instanceof List || k instanceof Set || k instanceof Map) {
      return jsonText(k);
    }
    return stringForm(k);
  }

  /** The compact JSON text the packer writes for {@code v}. */
  static String jsonText(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte || v instanceof BigInteger) {
      return v.toString();
    }
    if (v instanceof Double || v instanceof Float) {
      return doubleText(((Number) v).doubleValue());
    }
    if (v instanceof BigDecimal) {
      return bigDecimalText((BigDecimal) v);
    }
    if (v instanceof List || v instanceof Set) {
      List<String> parts = new ArrayList<>();
      for (Object e : (Collection<?>) v) {
        parts.add(jsonText(e));
      }
      return "[" + String.join(",", parts) + "]";
    }
    if (v instanceof Map) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        parts.add(quote(keyName(e.getKey())) + ":" + jsonText(e.getValue()));
      }
      return "{" + String.join(",", parts) + "}";
    }
    return quote(stringForm(v));
  }

  /** A JSON string literal as Jackson writes it: short escapes where JSON has them, else upper-case \\u00XX. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        case '\b': sb.append("\\b"); break;
        case '\f': sb.append("\\f"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    return sb.append('"').toString();
  }

  /** A BigDecimal's exact text, with {@code .0} added when it has neither a point nor an exponent. */
  static String bigDecimalText(BigDecimal d) {
    String s = d.toString();
    return s.contains(".") || s.contains("E") ? s : s + ".0";
  }

  /**
   * The text of a double as {@code Double.toString} gives it on JDK 19 and later (the shortest decimal that rounds to
   * it; of several, the closest, then the even one; with one digit, two-digit decimals compete too), computed here
   * from {@link BigDecimal} so that it depends neither on Jackson nor on this JDK's {@code Double.toString}.
   */
  static String doubleText(double d) {
    if (d == 0) {
      return (1 / d < 0) ? "-0.0" : "0.0";
    }
    BigDecimal exact = new BigDecimal(d);
    BigDecimal best = null;
    for (int n = 1; n <= 17 && best == null; n++) {
      best = closestRoundTripping(d, exact, n, null);
      if (best != null && n == 1) {
        best = closestRoundTripping(d, exact, 2, best);
      }
    }
    return format(best.stripTrailingZeros(), d < 0);
  }

  private static BigDecimal closestRoundTripping(double d, BigDecimal exact, int digits, BigDecimal incumbent) {
    BigDecimal best = incumbent;
    for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
      BigDecimal c = exact.round(new MathContext(digits, mode));
      if (c.doubleValue() != d) {
        continue;
      }
      if (best == null) {
        best = c;
        continue;
      }
      int cmp = c.subtract(exact).abs().compareTo(best.subtract(exact).abs());
      if (cmp < 0 || (cmp == 0 && c.unscaledValue().testBit(0) == false && best.unscaledValue().testBit(0))) {
        best = c;
      }
    }
    return best;
  }

  private static String format(BigDecimal v, boolean negative) {
    String digits = v.unscaledValue().abs().toString();
    int exponent = digits.length() - 1 - v.scale(); // of the first digit
    StringBuilder sb = new StringBuilder(negative ? "-" : "");
    double abs = Math.abs(v.doubleValue());
    if (abs >= 1e-3 && abs < 1e7) {
      if (exponent >= 0) {
        String whole = exponent + 1 >= digits.length()
            ? digits + "0".repeat(exponent + 1 - digits.length()) : digits.substring(0, exponent + 1);
        String fraction = exponent + 1 >= digits.length() ? "0" : digits.substring(exponent + 1);
        sb.append(whole).append('.').append(fraction);
      } else {
        sb.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      }
    } else {
      sb.append(digits.charAt(0)).append('.').append(digits.length() > 1 ? digits.substring(1) : "0")
          .append('E').append(exponent);
    }
    return sb.toString();
  }

  private static String stringForm(Object v) {
    if (v instanceof String) {
      return (String) v;
    }
    if (v instanceof Keyword) {
      return v.toString().substring(1);
    }
    if (v instanceof Symbol || v instanceof Character || v instanceof Instant || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Bytes) {
      return Base64.getEncoder().encodeToString(((Bytes) v).toByteArray());
    }
    if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    throw new IllegalArgumentException("outside the JSON domain: " + v.getClass().getName());
  }

  private static boolean isUnicode(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }
}
