package io.sente4j.packer.edn.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.UUID;

/**
 * Writes a data-model value as edn text, the way Clojure's {@code pr-str} prints the same value: {@code [a b]},
 * {@code {k v, k v}}, {@code #{a b}}, {@code "..."} with {@code \" \\ \n \t \r \f \b} escaped, {@code 42}, {@code
 * 42N}, {@code 1.5}, {@code ##NaN}, {@code 1.50M}, {@code :ns/name}, {@code #inst "...-00:00"}, {@code #uuid
 * "..."}. Where {@code pr-str} would print text that does not read back, this writer escapes instead: other control
 * characters and lone surrogates in strings as {@code \}{@code uXXXX}, and control, surrogate and whitespace
 * characters as {@code \}{@code uXXXX} character literals.
 *
 * <p>It walks the value with an explicit stack, so a deep or cyclic value meets the depth limit as a {@link
 * PackerLimitException}, never as a {@link StackOverflowError}. It never calls {@code toString()} on an object it
 * does not know: anything outside the data model is a {@link PackerException} naming its class.
 */
public final class EdnWriter {
  /** A list walked by index (it is {@link RandomAccess}). */
  private static final byte INDEXED_LIST = 0;
  /** Any other list, walked by its iterator. */
  private static final byte LIST = 1;
  private static final byte SET = 2;
  private static final byte MAP = 3;
  private static final byte TAG = 4;
  /** Marks the end of the walk; never a value. */
  private static final Object DONE = new Object();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  /** The ASCII characters a string escapes: {@code "}, {@code \\}, the controls and DEL. */
  private static final boolean[] ASCII_ESCAPED = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_ESCAPED[c] = plainLength(c, (char) 0) == 0;
    }
  }

  private final TextOut out;
  private final int maxDepth;
  // The walk's stack, one slot per open collection or tag. A writer lives for one write, so popped slots are left
  // as they are rather than cleared: clearing them would cost a GC write barrier per store and free nothing sooner.
  private byte[] kinds = new byte[8];
  /** The {@link List} of an {@link #INDEXED_LIST}, otherwise the {@link Iterator}. */
  private Object[] walked = new Object[8];
  /** The next index of an {@link #INDEXED_LIST}; for others, how many elements were written. */
  private int[] indexes = new int[8];
  private Object[] pendingValues = new Object[8];
  private boolean[] hasPendingValue = new boolean[8];
  private int top = -1;

  private EdnWriter(int maxDepth) {
    this.out = new TextOut(256);
    this.maxDepth = maxDepth;
  }

  /**
   * The edn text of {@code value}.
   *
   * @param maxDepth the deepest nesting of collections and tagged values allowed (the outermost is 1)
   * @throws PackerException if the value or something inside it is outside the data model or has no edn form
   * @throws PackerLimitException if it nests deeper than {@code maxDepth}
   */
  public static String write(Object value, int maxDepth) {
    EdnWriter writer = new EdnWriter(maxDepth);
    writer.walk(value);
    return writer.out.toString();
  }

  /** A short edn rendering of {@code value} for an error message. */
  static String preview(Object value) {
    String text;
    try {
      text = write(value, 16);
    } catch (PackerException e) {
      return "of class " + value.getClass().getName();
    }
    return text.length() <= 64 ? text : text.substring(0, 61) + "...";
  }

  private void walk(Object value) {
    Object current = value;
    while (current != DONE) {
      if (!writeScalar(current)) {
        current = enter(current);
        if (current != DONE) {
          continue; // a tag: its value comes next
        }
      }
      current = next();
    }
  }

  /** Opens a collection (returns {@link #DONE}) or a tag (returns its value). */
  private Object enter(Object value) {
    if (value instanceof List) {
      List<?> list = (List<?>) value;
      if (list instanceof RandomAccess) {
        push(INDEXED_LIST, list);
      } else {
        push(LIST, list.iterator());
      }
      out.append('[');
      return DONE;
    }
    if (value instanceof Map) {
      push(MAP, ((Map<?, ?>) value).entrySet().iterator());
      out.append('{');
      return DONE;
    }
    if (value instanceof Set) {
      push(SET, ((Set<?>) value).iterator());
      out.append('#').append('{');
      return DONE;
    }
    if (value instanceof Tagged) {
      Tagged t = (Tagged) value;
      checkTag(t.tag());
      push(TAG, null);
      out.append('#');
      writeSymbol(t.tag());
      out.append(' ');
      return t.value();
    }
    throw new PackerException(EdnErrors.PACKER, "cannot write a " + value.getClass().getName()
        + ": it is not a value of the data model");
  }

  /** Writes the separator and returns the next value to write, closing finished collections; or {@link #DONE}. */
  private Object next() {
    while (top >= 0) {
      byte kind = kinds[top];
      if (kind == INDEXED_LIST) {
        List<?> list = (List<?>) walked[top];
        int i = indexes[top];
        if (i < list.size()) {
          if (i > 0) {
            out.append(' ');
          }
          indexes[top] = i + 1;
          return list.get(i);
        }
        out.append(']');
        top--;
        continue;
      }
      if (kind == TAG) {
        top--;
        continue;
      }
      if (hasPendingValue[top]) {
        hasPendingValue[top] = false;
        out.append(' ');
        return pendingValues[top];
      }
      Iterator<?> it = (Iterator<?>) walked[top];
      if (it.hasNext()) {
        if (indexes[top]++ > 0) {
          if (kind == MAP) {
            out.append(',');
          }
          out.append(' ');
        }
        if (kind == MAP) {
          Map.Entry<?, ?> e = (Map.Entry<?, ?>) it.next();
          pendingValues[top] = e.getValue();
          hasPendingValue[top] = true;
          return e.getKey();
        }
        return it.next();
      }
      out.append(kind == LIST ? ']' : '}');
      top--;
    }
    return DONE;
  }

  private void push(byte kind, Object walk) {
    if (top + 1 >= maxDepth) {
      throw new PackerLimitException(EdnErrors.PACKER, Limit.DEPTH, maxDepth, -1);
    }
    if (++top == kinds.length) {
      int n = top * 2;
      kinds = Arrays.copyOf(kinds, n);
      walked = Arrays.copyOf(walked, n);
      indexes = Arrays.copyOf(indexes, n);
      pendingValues = Arrays.copyOf(pendingValues, n);
      hasPendingValue = Arrays.copyOf(hasPendingValue, n);
    }
    kinds[top] = kind;
    walked[top] = walk;
    indexes[top] = 0;
    hasPendingValue[top] = false;
  }

  // ---- scalars ------------------------------------------------------------------------------------------------

  /**
   * Writes {@code v} if it is not a collection or tagged value; returns whether it did. Final classes are tested
   * first: an {@code instanceof} on a final class is one comparison, while a failed test against an interface
   * searches the object's supertypes.
   */
  private boolean writeScalar(Object v) {
    if (v == null) {
      out.append("nil");
    } else if (v instanceof String) {
      writeString((String) v);
    } else if (v instanceof Keyword) {
      Keyword k = (Keyword) v;
      out.append(':');
      if (k.hasNamespace()) {
        out.append(k.namespace().get()).append('/');
      }
      out.append(k.name());
    } else if (v instanceof Long) {
      out.append(((Long) v).longValue());
    } else if (v instanceof Double) {
      writeDouble((Double) v);
    } else if (v instanceof Boolean) {
      out.append(((Boolean) v).booleanValue() ? "true" : "false");
    } else if (v instanceof Instant) {
      writeInstant((Instant) v);
    } else if (v instanceof UUID) {
      out.append("#uuid \"").append(v.toString()).append('"');
    } else if (v instanceof Symbol) {
      writeSymbol((Symbol) v);
    } else if (v instanceof Character) {
      writeCharacter((Character) v);
    } else if (v instanceof Bytes) {
      out.append("#sente4j/bytes \"").append(((Bytes) v).toBase64()).append('"');
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Float) {
      writeDouble((Float) v);
    } else if (v instanceof byte[]) {
      out.append("#sente4j/bytes \"").append(Base64.getEncoder().encodeToString((byte[]) v)).append('"');
    } else if (v.getClass() == BigInteger.class) {
      out.append(EdnNumbers.literal((BigInteger) v)); // exactly BigInteger: a subclass could print anything
    } else if (v.getClass() == BigDecimal.class) {
      out.append(EdnNumbers.literal((BigDecimal) v));
    } else {
      return false; // a collection, a Tagged, or outside the data model: enter() decides
    }
    return true;
  }

  private void writeDouble(double d) {
    if (Double.isNaN(d)) {
      out.append("##NaN");
    } else if (d == Double.POSITIVE_INFINITY) {
      out.append("##Inf");
    } else if (d == Double.NEGATIVE_INFINITY) {
      out.append("##-Inf");
    } else {
      out.append(ShortestDouble.of(d)); // as Clojure prints it on JDK 19+, on every JDK
    }
  }

  private void writeSymbol(Symbol s) {
    if (s.hasNamespace()) {
      out.append(s.namespace().get()).append('/');
    }
    out.append(s.name());
  }

  private static void checkTag(Symbol tag) {
    char first = tag.hasNamespace() ? tag.namespace().get().charAt(0) : tag.name().charAt(0);
    if (!Character.isLetter(first)) {
      throw new PackerException(EdnErrors.PACKER, "cannot write the tag #" + tag
          + ": an edn tag starts with a letter");
    }
    if (TagKind.of(tag) != TagKind.OTHER) {
      throw new PackerException(EdnErrors.PACKER, "cannot write Tagged with the tag #" + tag
          + ": the reader turns it into a value; write an Instant, UUID or Bytes instead");
    }
  }

  private void writeInstant(Instant instant) {
    if (!InstantText.isWritable(instant)) {
      throw new PackerException(EdnErrors.PACKER, "cannot write the instant " + instant
          + ": #inst carries the years 0000-9999 only");
    }
    out.append("#inst \"");
    InstantText.format(instant, out);
    out.append('"');
  }

  private void writeString(String s) {
    int n = s.length();
    char[] buf = out.reserve(n + 2);
    int start = out.position() + 1;
    buf[start - 1] = '"';
    s.getChars(0, n, buf, start); // copy first, then look: most strings need no escape
    int end = start + n;
    int i = start;
    while (i < end) {
      char c = buf[i];
      if (c < 0x80) {
        if (ASCII_ESCAPED[c]) {
          break;
        }
        i++;
      } else {
        int plain = plainLength(c, i + 1 < end ? buf[i + 1] : 0);
        if (plain == 0) {
          break;
        }
        i += plain;
      }
    }
    if (i == end) {
      buf[end] = '"';
      out.setPosition(end + 1);
      return;
    }
    // Rewrite from the first character that needs an escape.
    out.setPosition(i);
    int k = i - start;
    int run = k;
    while (k < n) {
      char c = s.charAt(k);
      int plain = plainLength(c, k + 1 < n ? s.charAt(k + 1) : 0);
      if (plain > 0) {
        k += plain;
        continue;
      }
      out.append(s, run, k);
      writeEscape(c);
      run = ++k;
    }
    out.append(s, run, n).append('"');
  }

  /**
   * How many characters from {@code c} on are written as they are: 1, 2 for a surrogate pair, or 0 when {@code c}
   * needs an escape ({@code "}, {@code \\}, a control character or a lone surrogate). {@code next} is the following
   * character, or 0 at the end.
   */
  private static int plainLength(char c, char next) {
    if (c < 0x7f) {
      return c >= 0x20 && c != '"' && c != '\\' ? 1 : 0;
    }
    if (c <= 0x9f) {
      return 0;
    }
    if (!Character.isSurrogate(c)) {
      return 1;
    }
    return Character.isHighSurrogate(c) && Character.isLowSurrogate(next) ? 2 : 0;
  }

  private void writeEscape(char c) {
    switch (c) {
      case '"':
        out.append('\\').append('"');
        break;
      case '\\':
        out.append('\\').append('\\');
        break;
      case '\n':
        out.append('\\').append('n');
        break;
      case '\t':
        out.append('\\').append('t');
        break;
      case '\r':
        out.append('\\').append('r');
        break;
      case '\f':
        out.append('\\').append('f');
        break;
      case '\b':
        out.append('\\').append('b');
        break;
      default:
        writeHex4(c);
    }
  }

  private void writeHex4(char c) {
    out.append('\\').append('u').append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }

  private void writeCharacter(char c) {
    switch (c) {
      case '\n':
        out.append("\\newline");
        return;
      case ' ':
        out.append("\\space");
        return;
      case '\t':
        out.append("\\tab");
        return;
      case '\r':
        out.append("\\return");
        return;
      case '\b':
        out.append("\\backspace");
        return;
      case '\f':
        out.append("\\formfeed");
        return;
      default:
        if (Character.isISOControl(c) || Character.isSurrogate(c) || Character.isWhitespace(c)) {
          writeHex4(c);
        } else {
          out.append('\\').append(c);
        }
    }
  }
}
