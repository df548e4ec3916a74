package io.sente4j.packer.transit.internal;

import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.Preview;

/** Short descriptions of values for error messages: never the whole of a large value, never a foreign toString. */
final class Describe {
  private static final int MAX = 60;

  private Describe() {}

  static String value(Object v) {
    String s;
    if (v == null) {
      s = "nil";
    } else if (v instanceof String) {
      s = "\"" + v + "\"";
    } else if (v instanceof Number || v instanceof Boolean || v instanceof Keyword || v instanceof Symbol
        || v instanceof Character || v instanceof java.util.UUID || v instanceof java.time.Instant) {
      s = v.toString();
    } else if (v instanceof java.util.Collection || v instanceof java.util.Map || v instanceof Tagged) {
      return Preview.of(v, MAX); // walks only as far as it shows
    } else {
      s = "a " + v.getClass().getSimpleName();
    }
    return s.length() > MAX ? s.substring(0, MAX - 3) + "..." : s;
  }
}
