package io.sente4j.packer.cbor.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.HashFloodGuard;
import io.sente4j.core.internal.Rfc3339;
import io.sente4j.packer.cbor.CborPacker;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Reads the item after a tag head, for the tags of {@link CborTags}; any other tag is an error. */
final class TagReader {
  private TagReader() {}

  /** The value of tag {@code tag}, whose head {@code r} has just read, sitting inside {@code enclosing} levels. */
  static Object read(CborReader r, long tag, int enclosing) {
    long tagAt = r.at;
    if (tag < 0 || tag > Integer.MAX_VALUE) {
      throw r.error("the unknown tag " + Long.toUnsignedString(tag));
    }
    switch ((int) tag) {
      case CborTags.DATE_TIME_TEXT:
        return dateTime(text(r, tag, enclosing), tagAt, r);
      case CborTags.DATE_TIME_EPOCH:
        return epoch(r, enclosing, tagAt);
      case CborTags.POSITIVE_BIGNUM:
      case CborTags.NEGATIVE_BIGNUM: {
        BigInteger n = new BigInteger(1, bytes(r, tag, enclosing));
        n = tag == CborTags.POSITIVE_BIGNUM ? n : n.negate().subtract(BigInteger.ONE);
        if (!CborValues.hasAllowedDigits(n)) {
          throw CborReader.error("a bignum (tag " + tag + ") of " + n.bitLength() + " bits, more than "
              + CborValues.MAX_DIGITS + " decimal digits", tagAt);
        }
        return n;
      }
      case CborTags.DECIMAL_FRACTION:
        return decimal(r, enclosing, tagAt);
      case CborTags.UUID: {
        byte[] b = bytes(r, tag, enclosing);
        if (b.length != 16) {
          throw CborReader.error("a UUID (tag 37) of " + b.length + " bytes instead of 16", tagAt);
        }
        return CborValues.uuid(b);
      }
      case CborTags.IDENTIFIER:
        return r.identifier(tag, tagAt);
      case CborTags.SET:
        return set(r, enclosing + 1, tagAt);
      case CborTags.NAMED_OBJECT:
        return namedObject(r, enclosing, tagAt);
      default:
        throw r.error("the unknown tag " + tag);
    }
  }

  private static void expect(CborReader r, int major, long tag, String what) {
    if (r.peekMajor() != major) {
      throw r.error("tag " + tag + " around something other than " + what);
    }
  }

  private static String text(CborReader r, long tag, int enclosing) {
    expect(r, CborValues.MAJOR_TEXT, tag, "a text string");
    return (String) r.value(enclosing);
  }

  private static byte[] bytes(CborReader r, long tag, int enclosing) {
    expect(r, CborValues.MAJOR_BYTES, tag, "a byte string");
    return ((Bytes) r.value(enclosing)).toByteArray();
  }

  private static Instant dateTime(String text, long tagAt, CborReader r) {
    try {
      return Rfc3339.parse(text);
    } catch (java.time.DateTimeException e) {
      throw CborReader.error("a date/time (tag 0) that is not RFC 3339 text: \"" + cut(text) + "\"", tagAt);
    }
  }

  /**
   * Tag 1: seconds from the epoch, an integer or a float (whose fraction is rounded to the nanosecond). Anything else
   * is refused before it is read, so that a chain of tags cannot recurse here.
   */
  private static Instant epoch(CborReader r, int enclosing, long tagAt) {
    int major = r.peekMajor();
    Object v = isInteger(major) || major == CborValues.MAJOR_SIMPLE ? r.value(enclosing) : null;
    try {
      if (v instanceof Long) {
        return Instant.ofEpochSecond((Long) v);
      }
      if (v instanceof Double && Double.isFinite((Double) v)) {
        BigDecimal seconds = new BigDecimal((Double) v).setScale(9, java.math.RoundingMode.HALF_EVEN);
        BigInteger[] parts = seconds.unscaledValue().divideAndRemainder(BigInteger.valueOf(1_000_000_000));
        long whole = parts[0].longValueExact();
        long nanos = parts[1].longValue();
        return Instant.ofEpochSecond(whole, nanos);
      }
    } catch (ArithmeticException | java.time.DateTimeException e) {
      throw CborReader.error("a date/time (tag 1) beyond the range of an Instant", tagAt);
    }
    throw CborReader.error("a date/time (tag 1) around something other than a number of seconds", tagAt);
  }

  /**
   * Tag 4: {@code [exponent mantissa]}; the exponent is an integer, the mantissa an integer or a bignum. Each is
   * checked to be one before it is read, so that a chain of tags cannot recurse here.
   */
  private static BigDecimal decimal(CborReader r, int enclosing, long tagAt) {
    expect(r, CborValues.MAJOR_ARRAY, CborTags.DECIMAL_FRACTION, "an array");
    // A decimal is a scalar: its two-element array does not count towards the depth.
    r.at = r.pos;
    if ((r.u8() & 0x1f) != 2) {
      throw CborReader.error("a decimal fraction (tag 4) other than a definite [exponent mantissa]", tagAt);
    }
    if (!isInteger(r.peekMajor())) {
      throw CborReader.error("a decimal fraction (tag 4) whose exponent is not an integer", tagAt);
    }
    Object e = r.value(enclosing);
    int major = r.peekMajor();
    if (!isInteger(major) && !(major == CborValues.MAJOR_TAG && isBignum(r.peekTag()))) {
      throw CborReader.error("a decimal fraction (tag 4) whose mantissa is not an integer", tagAt);
    }
    Object m = r.value(enclosing);
    long exponent = e instanceof Long ? (Long) e : Long.MAX_VALUE; // a BigInteger is beyond a scale too
    if (exponent < -Integer.MAX_VALUE || exponent > -(long) Integer.MIN_VALUE) {
      throw CborReader.error("a decimal fraction (tag 4) whose exponent " + e + " is beyond a scale", tagAt);
    }
    BigInteger mantissa = m instanceof Long ? BigInteger.valueOf((Long) m) : (BigInteger) m;
    return new BigDecimal(mantissa, (int) -exponent);
  }

  private static boolean isInteger(int major) {
    return major == CborValues.MAJOR_UNSIGNED || major == CborValues.MAJOR_NEGATIVE;
  }

  private static boolean isBignum(long tag) {
    return tag == CborTags.POSITIVE_BIGNUM || tag == CborTags.NEGATIVE_BIGNUM;
  }

  /** Tag 39: a keyword when the text starts with a colon, otherwise a symbol. */
  static Object identifier(String text, long tagAt) {
    try {
      return text.startsWith(":") ? Keyword.of(text.substring(1)) : Symbol.of(text);
    } catch (IllegalArgumentException e) {
      throw CborReader.error("an identifier (tag 39) that is neither a keyword nor a symbol: " + e.getMessage(),
          tagAt);
    }
  }

  private static Set<Object> set(CborReader r, int depth, long tagAt) {
    expect(r, CborValues.MAJOR_ARRAY, CborTags.SET, "an array");
    r.checkDepth(depth);
    r.at = r.pos;
    int ai = r.u8() & 0x1f;
    List<Object> items = r.array(ai, depth);
    Set<Object> out = new LinkedHashSet<>(items.size() < 12 ? 16 : (int) (items.size() / 0.75f) + 1);
    HashFloodGuard guard = r.hashGuard();
    for (Object item : items) {
      if (!guard.admits(item, out)) {
        throw guard.refused(CborPacker.NAME, "elements of one set (tag 258)", tagAt, -1, -1);
      }
      if (!out.add(item)) {
        throw CborReader.error("a set (tag 258) that repeats an element", tagAt);
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** Tag 27 around {@code [name value]}: a character when the name is {@code sente4j/char}, else a Tagged. */
  private static Object namedObject(CborReader r, int enclosing, long tagAt) {
    expect(r, CborValues.MAJOR_ARRAY, CborTags.NAMED_OBJECT, "an array");
    r.at = r.pos;
    int ai = r.u8() & 0x1f;
    if (ai != 2) {
      throw CborReader.error("a named object (tag 27) other than a definite [name value]", tagAt);
    }
    if (r.peekMajor() != CborValues.MAJOR_TEXT) {
      throw CborReader.error("a named object (tag 27) whose name is not a text string", tagAt);
    }
    String name = (String) r.value(enclosing + 1);
    if (name.equals(CborTags.CHARACTER_NAME)) {
      Object c = r.value(enclosing + 1);
      if (!(c instanceof String) || ((String) c).length() != 1) {
        throw CborReader.error("a character (tag 27 \"sente4j/char\") other than a one-character string", tagAt);
      }
      return ((String) c).charAt(0);
    }
    Symbol tag;
    try {
      tag = Symbol.of(name);
    } catch (IllegalArgumentException e) {
      throw CborReader.error("a named object (tag 27) whose name is not a symbol: " + e.getMessage(), tagAt);
    }
    r.at = tagAt;
    r.checkDepth(enclosing + 1);
    return new Tagged(tag, r.value(enclosing + 1));
  }

  private static String cut(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
