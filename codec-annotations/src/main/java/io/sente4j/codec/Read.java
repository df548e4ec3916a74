package io.sente4j.codec;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.internal.DecimalDigits;
import io.sente4j.core.internal.Rfc3339;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Reads scalar values of the data model into record components, for generated codecs. Each method accepts the
 * value's own data-model type and the forms a lossy packer normalises it to (JSON: strings for keywords, instants,
 * UUIDs and bytes; {@code Long} for small {@code BigInteger}s; {@code Double} for {@code BigDecimal}s), narrows
 * numbers with a range check, and throws a {@link CodecException} saying what it expected and what it got.
 * Collections are read by {@link ReadCollections}.
 */
public final class Read {
  private Read() {}

  /**
   * The value as the map of a record.
   *
   * @param record the record's name, for the message
   */
  public static Map<?, ?> record(Object value, String record) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw CodecException.expected("a map for record " + record, value);
  }

  /**
   * The value of {@code key} in a record's map, found under the keyword or, as JSON delivers it, under the keyword's
   * name as a string.
   *
   * @throws CodecException "missing" if there is no such key or its value is nil
   */
  public static Object required(Map<?, ?> map, Keyword key) {
    Object v = optional(map, key);
    if (v == null) {
      throw CodecException.of(map.containsKey(key) || map.containsKey(key.qualifiedName()) ? "is nil" : "missing");
    }
    return v;
  }

  /** The value of {@code key} (or its name as a string) in a record's map, or {@code null}. */
  public static Object optional(Map<?, ?> map, Keyword key) {
    Object v = map.get(key);
    return v != null ? v : map.get(key.qualifiedName());
  }

  /** A string. */
  public static String string(Object value) {
    if (value instanceof String s) {
      return s;
    }
    throw CodecException.expected("a string", value);
  }

  /** A boolean. */
  public static boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw CodecException.expected("a boolean", value);
  }

  /** An integer that fits in a {@code long}: a {@code Long} (or a narrower integral type) or a {@code BigInteger}. */
  public static long int64(Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      throw CodecException.of(CodecException.text(b) + " is out of range for long");
    }
    throw CodecException.expected("an integer", value);
  }

  /** An integer that fits in an {@code int}. */
  public static int int32(Object value) {
    long v = int64(value);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw CodecException.of(v + " is out of range for int (" + Integer.MIN_VALUE + ".." + Integer.MAX_VALUE + ")");
    }
    return (int) v;
  }

  /** An integer that fits in a {@code short}. */
  public static short int16(Object value) {
    long v = int64(value);
    if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
      throw CodecException.of(v + " is out of range for short (" + Short.MIN_VALUE + ".." + Short.MAX_VALUE + ")");
    }
    return (short) v;
  }

  /** An integer that fits in a {@code byte}. */
  public static byte int8(Object value) {
    long v = int64(value);
    if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
      throw CodecException.of(v + " is out of range for byte (" + Byte.MIN_VALUE + ".." + Byte.MAX_VALUE + ")");
    }
    return (byte) v;
  }

  /** A number as a {@code double}: a {@code Double} as it is, an integer or a decimal converted. */
  public static double float64(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof BigInteger)) {
      return n.doubleValue();
    }
    if (value instanceof BigDecimal || value instanceof BigInteger) {
      if (value instanceof BigDecimal && !DecimalDigits.cheapText((Number) value)) {
        // BigDecimal.doubleValue parses the number's text (JDK 17): seconds for a few megabits.
        throw CodecException.of(CodecException.text(value) + " has more than the " + DecimalDigits.MAX
            + " digits a packer reads, too many to convert to double");
      }
      double d = ((Number) value).doubleValue();
      if (Double.isInfinite(d)) {
        throw CodecException.of(CodecException.text(value) + " is out of range for double");
      }
      return d;
    }
    throw CodecException.expected("a number", value);
  }

  /** A number as a {@code float}; a finite value beyond the range of {@code float} is refused. */
  public static float float32(Object value) {
    double d = float64(value);
    if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
      throw CodecException.of(d + " is out of range for float");
    }
    return (float) d;
  }

  /** A character, or a string of one UTF-16 unit as JSON delivers it. */
  public static char character(Object value) {
    if (value instanceof Character c) {
      return c;
    }
    if (value instanceof String s && s.length() == 1) {
      return s.charAt(0);
    }
    throw CodecException.expected("a character", value);
  }

  /** A {@code BigInteger}, or any integral number as a packer may narrow it. */
  public static BigInteger bigInteger(Object value) {
    if (value instanceof BigInteger b) {
      return b;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    throw CodecException.expected("an integer", value);
  }

  /** A {@code BigDecimal}, or a finite {@code Double} (as JSON delivers decimals) or an integer. */
  public static BigDecimal bigDecimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw CodecException.expected("a finite decimal", value);
      }
      return BigDecimal.valueOf(d);
    }
    if (value instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    throw CodecException.expected("a decimal", value);
  }

  /** An {@code Instant}, or its ISO-8601 text ({@code 2026-01-01T00:00:00Z}) as JSON delivers it. */
  public static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof String s) {
      try {
        return Rfc3339.parse(s); // java.time's own parse was nearly half of decoding a JSON record with an instant
      } catch (DateTimeException e) {
        throw CodecException.expected("an instant (ISO-8601, such as 2026-01-01T00:00:00Z)", value);
      }
    }
    throw CodecException.expected("an instant", value);
  }

  /** A {@code UUID}, or its canonical text as JSON delivers it. */
  public static UUID uuid(Object value) {
    if (value instanceof UUID u) {
      return u;
    }
    if (value instanceof String s && s.length() == 36) {
      try {
        return UUID.fromString(s);
      } catch (IllegalArgumentException e) {
        // falls through to the message below
      }
    }
    throw CodecException.expected("a UUID", value);
  }

  /** Binary data: {@code Bytes}, a {@code byte[]} (copied), or standard base64 text as JSON delivers it. */
  public static Bytes bytes(Object value) {
    if (value instanceof Bytes b) {
      return b;
    }
    if (value instanceof byte[] a) {
      return Bytes.copyOf(a);
    }
    if (value instanceof String s) {
      try {
        return Bytes.fromBase64(s);
      } catch (IllegalArgumentException e) {
        throw CodecException.expected("bytes (base64 text)", value);
      }
    }
    throw CodecException.expected("bytes", value);
  }

  /** Binary data as a new {@code byte[]}; see {@link #bytes(Object)}. */
  public static byte[] byteArray(Object value) {
    return bytes(value).toByteArray();
  }

  /** A keyword, or its text ({@code ns/name} or {@code name}, a leading colon allowed) as JSON delivers it. */
  public static Keyword keyword(Object value) {
    if (value instanceof Keyword k) {
      return k;
    }
    if (value instanceof String s) {
      try {
        return Keyword.of(s.startsWith(":") ? s.substring(1) : s);
      } catch (IllegalArgumentException e) {
        throw CodecException.expected("a keyword", value);
      }
    }
    throw CodecException.expected("a keyword", value);
  }

  /** The name of an enum keyword: the keyword's qualified name, or a string (a leading colon dropped). */
  public static String enumName(Object value, String enumType) {
    if (value instanceof Keyword k) {
      return k.qualifiedName();
    }
    if (value instanceof String s) {
      return s.startsWith(":") ? s.substring(1) : s;
    }
    throw CodecException.expected("a keyword naming a " + enumType, value);
  }

  /** The error for an enum keyword that names no constant; {@code allowed} lists the keywords that do. */
  public static CodecException unknownEnum(String name, String enumType, String allowed) {
    return CodecException.of("unknown " + enumType + " :" + name + "; expected one of " + allowed);
  }

  /** A {@code long} map key: an integer, or its decimal text as JSON delivers map keys. */
  public static long int64Key(Object value) {
    if (value instanceof String s) {
      try {
        return Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw CodecException.expected("an integer key", value);
      }
    }
    return int64(value);
  }

  /** An {@code int} map key; see {@link #int64Key(Object)}. */
  public static int int32Key(Object value) {
    return int32(int64Key(value));
  }

  /** A {@code short} map key; see {@link #int64Key(Object)}. */
  public static short int16Key(Object value) {
    return int16(int64Key(value));
  }

  /** A {@code byte} map key; see {@link #int64Key(Object)}. */
  public static byte int8Key(Object value) {
    return int8(int64Key(value));
  }
}
