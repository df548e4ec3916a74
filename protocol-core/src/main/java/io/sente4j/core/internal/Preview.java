package io.sente4j.core.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/**
 * A short rendering of a value for error messages, in the layout of Java's {@code toString} ({@code [1, 2]},
 * {@code {k=v}}). It walks collections itself and stops once it has enough, so showing a rejected 1 MiB frame costs
 * as much as showing a small one.
 */
public final class Preview {
  private Preview() {}

  /** At most {@code max} characters of the value's text, followed by {@code ...} when it was cut. */
  public static String of(Object value, int max) {
    StringBuilder sb = new StringBuilder(Math.min(max + 16, 256));
    append(sb, value, max);
    if (sb.length() <= max) {
      return sb.toString();
    }
    int end = max;
    if (Character.isHighSurrogate(sb.charAt(end - 1)) && Character.isLowSurrogate(sb.charAt(end))) {
      end--; // never cut a surrogate pair in half
    }
    return sb.substring(0, end) + "...";
  }

  private static void append(StringBuilder sb, Object value, int max) {
    if (sb.length() > max) {
      return;
    }
    if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (sb.length() > max) {
          return;
        }
        sb.append(first ? "" : ", ");
        first = false;
        append(sb, e.getKey(), max);
        sb.append('=');
        append(sb, e.getValue(), max);
      }
      sb.append('}');
    } else if (value instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object item : (Collection<?>) value) {
        if (sb.length() > max) {
          return;
        }
        sb.append(first ? "" : ", ");
        first = false;
        append(sb, item, max);
      }
      sb.append(']');
    } else if (value instanceof Tagged) {
      sb.append('#').append(((Tagged) value).tag()).append(' ');
      append(sb, ((Tagged) value).value(), max);
    } else if (value instanceof Event) {
      sb.append('[').append(((Event) value).id()).append(' ');
      append(sb, ((Event) value).data(), max);
      sb.append(']');
    } else if (value == null || value instanceof CharSequence || value instanceof Number
        || value instanceof Boolean || value instanceof Character || value instanceof Keyword
        || value instanceof Symbol || value instanceof Instant || value instanceof UUID || value instanceof Bytes) {
      // Bounded: Bytes shows at most 32 bytes, the others are scalars (a huge number is shown by its size).
      String s = value instanceof Number ? DecimalDigits.text((Number) value) : String.valueOf(value);
      sb.append(s, 0, Math.min(s.length(), max + 1));
    } else {
      // Not a data-model value: its toString could be anything, so name its type only.
      sb.append('#').append(value.getClass().getName());
    }
  }
}
