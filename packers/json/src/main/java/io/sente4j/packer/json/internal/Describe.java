package io.sente4j.packer.json.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Short, unambiguous descriptions of values for error messages, in edn-like notation so that {@code :a}, {@code a}
 * and {@code "a"} read differently. Never calls {@code toString} on a type outside the data model.
 */
final class Describe {
  private static final int MAX = 80;

  private Describe() {}

  /** Describes a map key; {@code jsonName} is what it maps to (used for collections, which have no short form). */
  static String key(Object key, String jsonName) {
    if (key instanceof Map) {
      return "the map " + cut(jsonName);
    }
    if (key instanceof List || key instanceof Set) {
      return (key instanceof Set ? "the set " : "the list ") + cut(jsonName);
    }
    return scalar(key);
  }

  /** Describes a value that is not a collection. */
  static String scalar(Object v) {
    if (v == null) {
      return "nil";
    }
    if (v instanceof String) {
      return quote((String) v);
    }
    if (v instanceof Keyword || v instanceof Symbol || v instanceof Boolean || v instanceof Long
        || v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Double
        || v instanceof Float) {
      return cut(v.toString());
    }
    if (v instanceof Character) {
      return "\\" + v;
    }
    if (v instanceof UUID) {
      return "#uuid \"" + v + "\"";
    }
    if (v instanceof Instant) {
      return "#inst \"" + v + "\"";
    }
    if (v instanceof Bytes) {
      return v.toString();
    }
    if (v instanceof byte[]) {
      return "byte[" + ((byte[]) v).length + "]";
    }
    if (v.getClass() == BigInteger.class || v.getClass() == BigDecimal.class) {
      return NumberText.abbreviate(v.toString());
    }
    // Subclasses of BigInteger and BigDecimal could print anything; name the class only.
    return "a " + v.getClass().getName();
  }

  /** {@code s} in double quotes, cut to a readable length. */
  static String quote(String s) {
    return "\"" + cut(s) + "\"";
  }

  private static String cut(String s) {
    return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
  }
}
