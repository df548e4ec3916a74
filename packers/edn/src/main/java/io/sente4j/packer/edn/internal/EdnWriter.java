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
  private static final byte LIST = 0;
  private static final byte SET = 1;
  private static final byte MAP = 2;
  private static final byte TAG = 3;
  /** Marks the end of the walk; never a value. */
  private static final Object DONE = new Object();
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final StringBuilder out;
  private final int maxDepth;
  private byte[] kinds = new byte[8];
  private Iterator<?>[] iterators = new Iterator<?>[8];
  private boolean[] started = new boolean[8];
  private Object[] pendingValues = new Object[8];
  private boolean[] hasPendingValue = new boolean[8];
  private int top = -1;

  private EdnWriter(StringBuilder out, int maxDepth) {
    this.out = out;
    this.maxDepth = maxDepth;
  }

  /**
   * Appends the edn text of {@code value} to {@code out}.
   *
   * @param maxDepth the deepest nesting of collections and tagged values allowed (the outermost is 1)
   * @throws PackerException if the value or something inside it is outside the data model or has no edn form
   * @throws PackerLimitException if it nests deeper than {@code maxDepth}
   */
  public static void write(Object value, int maxDepth, StringBuilder out) {
    new EdnWriter(out, maxDepth).walk(value);
  }

  /** The edn text of {@code value}, as {@link #write(Object, int, StringBuilder)} writes it. */
  public static String write(Object value, int maxDepth) {
    StringBuilder sb = new StringBuilder(64);
    write(value, maxDepth, sb);
    return sb.toString();
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
      push(LIST, ((List<?>) value).iterator());
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
      out.append("#{");
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
      if (kind == TAG) {
        pop();
        continue;
      }
      if (hasPendingValue[top]) {
        hasPendingValue[top] = false;
        Object v = pendingValues[top];
        pendingValues[top] = null;
        out.append(' ');
        return v;
      }
      Iterator<?> it = iterators[top];
      if (it.hasNext()) {
        if (started[top]) {
          out.append(kind == MAP ? ", " : " ");
        } else {
          started[top] = true;
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
      pop();
    }
    return DONE;
  }

  private void push(byte kind, Iterator<?> iterator) {
    if (top + 1 >= maxDepth) {
      throw new PackerLimitException(EdnErrors.PACKER, Limit.DEPTH, maxDepth, -1);
    }
    if (++top == kinds.length) {
      int n = top * 2;
      kinds = Arrays.copyOf(kinds, n);
      iterators = Arrays.copyOf(iterators, n);
      started = Arrays.copyOf(started, n);
      pendingValues = Arrays.copyOf(pendingValues, n);
      hasPendingValue = Arrays.copyOf(hasPendingValue, n);
    }
    kinds[top] = kind;
    iterators[top] = iterator;
    started[top] = false;
    hasPendingValue[top] = false;
  }

  private void pop() {
    iterators[top] = null;
    pendingValues[top] = null;
    top--;
  }

  // ---- scalars ------------------------------------------------------------------------------------------------

  /** Writes {@code v} if it is not a collection or tagged value; returns whether it did. */
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
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.append(((Number) v).longValue());
    } else if (v instanceof Boolean) {
      out.append(((Boolean) v).booleanValue() ? "true" : "false");
    } else if (v instanceof Double || v instanceof Float) {
      writeDouble(((Number) v).doubleValue());
    } else if (v instanceof List || v instanceof Map || v instanceof Set || v instanceof Tagged) {
      return false;
    } else if (v instanceof Symbol) {
      writeSymbol((Symbol) v);
    } else if (v instanceof Character) {
      writeCharacter((Character) v);
    } else if (v.getClass() == BigInteger.class) {
      out.append(v).append('N'); // exactly BigInteger: a subclass could print anything
    } else if (v.getClass() == BigDecimal.class) {
      out.append(v).append('M');
    } else if (v instanceof Instant) {
      writeInstant((Instant) v);
    } else if (v instanceof UUID) {
      out.append("#uuid \"").append(v).append('"');
    } else if (v instanceof Bytes) {
      out.append("#sente4j/bytes \"").append(((Bytes) v).toBase64()).append('"');
    } else if (v instanceof byte[]) {
      out.append("#sente4j/bytes \"").append(Base64.getEncoder().encodeToString((byte[]) v)).append('"');
    } else {
      return false;
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
      out.append(d); // Double.toString's text, as Clojure prints it
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
    out.append('"');
    int n = s.length();
    int run = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x7f) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          continue;
        }
      } else if (c > 0x9f) {
        if (!Character.isSurrogate(c)) {
          continue;
        }
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
      }
      out.append(s, run, i);
      writeEscape(c);
      run = i + 1;
    }
    out.append(s, run, n).append('"');
  }

  private void writeEscape(char c) {
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\f':
        out.append("\\f");
        break;
      case '\b':
        out.append("\\b");
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
