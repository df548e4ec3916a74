package io.sente4j.packer.transit.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Transit's scalar tags, read into the data model: the single-character tags of the Transit spec that the reader
 * interprets, each from its string form ({@code "~:a"}) or its tagged form ({@code ["~#m", 946728000000]}, as
 * MessagePack writes instants and UUIDs). Strict where transit-java is lenient: numbers are ASCII and at most
 * {@value #MAX_NUMBER_LENGTH} characters, a UUID string is canonical, a character is one UTF-16 unit.
 */
final class Scalars {
  /** Longest number text read or written (parsing longer ones costs time that grows faster than their length). */
  static final int MAX_NUMBER_LENGTH = 1000;
  /** The tags interpreted here; any other single-character tag is kept as a {@link io.sente4j.core.Tagged}. */
  private static final String INTERPRETED = "_s?idb'c:$fnztmu";

  private Scalars() {}

  /** Whether a single-character tag {@code t} is one of Transit's that the reader interprets. */
  static boolean isInterpreted(char t) {
    return INTERPRETED.indexOf(t) >= 0;
  }

  /**
   * The value of the scalar tag {@code t} with representation {@code rep}.
   *
   * @throws IllegalArgumentException saying what is wrong with the representation
   */
  static Object decode(char t, Object rep) {
    switch (t) {
      case '_':
        if (rep == null || "".equals(rep)) {
          return null;
        }
        break;
      case 's':
      case '\'':
        return rep;
      case '?':
        if ("t".equals(rep) || "f".equals(rep)) {
          return rep.equals("t");
        }
        if (rep instanceof Boolean) {
          return rep;
        }
        break;
      case 'i':
        if (rep instanceof Long) {
          return rep;
        }
        if (rep instanceof String && isInteger((String) rep)) {
          BigInteger n = new BigInteger((String) rep);
          return n.bitLength() < 64 ? (Object) n.longValue() : n;
        }
        break;
      case 'n':
        if (rep instanceof String && isInteger((String) rep)) {
          return new BigInteger((String) rep);
        }
        break;
      case 'd':
        if (rep instanceof Double) {
          return rep;
        }
        if (rep instanceof String && isDecimal((String) rep)) {
          double d = Double.parseDouble((String) rep);
          if (Double.isInfinite(d)) {
            throw new IllegalArgumentException("\"~d" + rep + "\" is beyond the range of a double");
          }
          return d;
        }
        break;
      case 'z':
        if ("NaN".equals(rep)) {
          return Double.NaN;
        } else if ("INF".equals(rep)) {
          return Double.POSITIVE_INFINITY;
        } else if ("-INF".equals(rep)) {
          return Double.NEGATIVE_INFINITY;
        }
        break;
      case 'f':
        if (rep instanceof String && isDecimal((String) rep)) {
          try {
            return new BigDecimal((String) rep);
          } catch (NumberFormatException e) { // an exponent beyond the range of an int
            throw new IllegalArgumentException("\"~f" + rep + "\" is not a decimal BigDecimal can hold");
          }
        }
        break;
      case 'c':
        if (rep instanceof String && ((String) rep).length() == 1) {
          return ((String) rep).charAt(0);
        }
        break;
      case ':':
        if (rep instanceof String) {
          return Keyword.of((String) rep); // its IllegalArgumentException says what is wrong with the name
        }
        break;
      case '$':
        if (rep instanceof String) {
          return Symbol.of((String) rep);
        }
        break;
      case 'm':
        if (rep instanceof Long) {
          return Instant.ofEpochMilli((Long) rep);
        }
        if (rep instanceof String && isInteger((String) rep) && ((String) rep).length() <= 20) {
          try {
            return Instant.ofEpochMilli(Long.parseLong((String) rep));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\"~m" + rep + "\" is beyond the range of milliseconds in a long");
          }
        }
        break;
      case 't':
        if (rep instanceof String) {
          try {
            return Instant.parse((String) rep);
          } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"~t" + rep + "\" is not an ISO-8601 instant");
          }
        }
        break;
      case 'u':
        return uuid(rep);
      case 'b':
        if (rep instanceof String) {
          try {
            return Bytes.wrap(Base64.getDecoder().decode((String) rep));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"~b" + rep + "\" is not base64: " + e.getMessage());
          }
        }
        break;
      default:
        throw new IllegalStateException("not an interpreted tag: " + t);
    }
    throw new IllegalArgumentException("tag \"" + t + "\" with a representation it cannot have: " + describe(rep));
  }

  private static Object uuid(Object rep) {
    if (rep instanceof String && isCanonicalUuid((String) rep)) {
      return UUID.fromString((String) rep);
    }
    if (rep instanceof List && ((List<?>) rep).size() == 2 && ((List<?>) rep).get(0) instanceof Long
        && ((List<?>) rep).get(1) instanceof Long) {
      return new UUID((Long) ((List<?>) rep).get(0), (Long) ((List<?>) rep).get(1));
    }
    throw new IllegalArgumentException("tag \"u\" wants a canonical UUID string or two 64-bit integers, not "
        + describe(rep));
  }

  private static String describe(Object rep) {
    if (rep == null) {
      return "nil";
    }
    String s = rep instanceof String ? "\"" + rep + "\"" : rep.getClass().getSimpleName();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** An optional minus, then one or more ASCII digits; at most {@value #MAX_NUMBER_LENGTH} characters. */
  static boolean isInteger(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (s.length() == i) {
      return false;
    }
    checkLength(s);
    for (; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** JSON's number syntax, with a leading zero allowed as Java prints: {@code -?d+(.d+)?([eE][+-]?d+)?}. */
  static boolean isDecimal(String s) {
    checkLength(s);
    int i = s.startsWith("-") ? 1 : 0;
    int digits = run(s, i);
    if (digits == 0) {
      return false;
    }
    i += digits;
    if (i < s.length() && s.charAt(i) == '.') {
      int f = run(s, i + 1);
      if (f == 0) {
        return false;
      }
      i += 1 + f;
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int e = run(s, i);
      if (e == 0) {
        return false;
      }
      i += e;
    }
    return i == s.length();
  }

  private static void checkLength(String s) {
    if (s.length() > MAX_NUMBER_LENGTH) {
      throw new IllegalArgumentException("a number of " + s.length() + " characters, longer than the "
          + MAX_NUMBER_LENGTH + " allowed");
    }
  }

  private static int run(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  private static boolean isCanonicalUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
      if (hyphen ? c != '-' : Character.digit(c, 16) < 0 || c > 'f') {
        return false;
      }
    }
    return true;
  }
}
