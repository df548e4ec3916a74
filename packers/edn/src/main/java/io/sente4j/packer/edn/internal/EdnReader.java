package io.sente4j.packer.edn.internal;

import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads exactly one edn element from a {@code char[]}, strictly (see the package documentation of {@code
 * io.sente4j.packer.edn} for the accepted language).
 *
 * <p>The reader works on the array directly, one token at a time, with no regular expressions and no
 * character-at-a-time {@code Reader}. It keeps the open collections, tags and discards on an explicit stack rather
 * than recursing, so hostile nesting meets {@link PackerLimits#maxDepth()} and never the thread's stack. Every
 * error is a {@link PackerException} with the character offset, line and column.
 */
public final class EdnReader {
  private final char[] buf;
  private final int end;
  private final int maxDepth;
  private final int maxCollectionSize;
  private final int maxKeysPerHashCode;
  private final KeywordCache keywords;
  private int pos;
  private OpenElement[] stack = new OpenElement[16];
  private int top = -1;
  /** Open collections and user tags: what {@link PackerLimits#maxDepth()} bounds. */
  private int depth;
  /** Open discards and built-in tags, which are not nesting of values; bounded by the same number. */
  private int uncounted;
  /** Open discards: tag handlers are not run for an element that is being discarded. */
  private int discards;

  private EdnReader(char[] buf, int end, PackerLimits limits, KeywordCache keywords) {
    this.buf = buf;
    this.end = end;
    this.keywords = keywords;
    this.maxDepth = limits.maxDepth();
    this.maxCollectionSize = limits.maxCollectionSize();
    this.maxKeysPerHashCode = limits.maxKeysPerHashCode();
  }

  /**
   * Reads the one element in {@code buf[0, end)}. Whitespace, comments and discarded elements may surround it;
   * anything else is an error.
   *
   * @param keywords a cache of keywords to reuse, or {@code null}
   * @throws PackerException if the text is not exactly one edn element, or passes the depth or collection limit
   */
  public static Object read(char[] buf, int end, PackerLimits limits, KeywordCache keywords) {
    EdnReader reader = new EdnReader(buf, end, limits, keywords);
    try {
      return reader.readOne();
    } catch (PackerException e) {
      throw e;
    } catch (StackOverflowError e) {
      // Only the JDK's recursive hashCode/equals of a nested map key or set element can get here, and only when
      // maxDepth is set far above its default; report it as the depth limit it is.
      throw EdnErrors.limit(buf, reader.pos, Limit.DEPTH, limits.maxDepth());
    } catch (RuntimeException e) {
      throw new PackerException(EdnErrors.PACKER, "internal error while reading: " + e, reader.pos, -1, -1, e);
    }
  }

  private Object readOne() {
    Object result = null;
    boolean hasResult = false;
    while (true) {
      skipWhitespaceAndComments();
      if (pos >= end) {
        if (top >= 0) {
          throw unterminated(stack[top]);
        }
        if (!hasResult) {
          throw EdnErrors.syntax(buf, pos, end == 0 ? "empty input: expected one element"
              : "no element: the input holds only whitespace, comments or discarded elements");
        }
        return result;
      }
      int start = pos;
      char c = buf[pos];
      if (hasResult && top < 0 && !isDiscardAt(pos) && c != ']' && c != ')' && c != '}') {
        throw EdnErrors.syntax(buf, start, "more than one element: " + EdnChars.describe(c)
            + " after the first one, where the input should end");
      }
      Object value;
      switch (c) {
        case '[':
          open(OpenElement.VECTOR, start, true);
          pos++;
          continue;
        case '(':
          open(OpenElement.LIST, start, true);
          pos++;
          continue;
        case '{':
          open(OpenElement.MAP, start, true);
          pos++;
          continue;
        case ']':
        case ')':
        case '}': {
          OpenElement e = closing(c, start);
          start = e.start;
          value = e.finish();
          pop();
          pos++;
          break;
        }
        case '"':
          value = readString(start);
          break;
        case '\\':
          value = readCharacter(start);
          break;
        case '#': {
          if (pos + 1 >= end) {
            throw EdnErrors.syntax(buf, start, "end of input after '#'");
          }
          char d = buf[pos + 1];
          if (d == '{') {
            open(OpenElement.SET, start, true);
            pos += 2;
            continue;
          }
          if (d == '_') {
            open(OpenElement.DISCARD, start, false);
            discards++;
            pos += 2;
            continue;
          }
          if (d == '#') {
            value = readSymbolicValue(start);
            break;
          }
          if (Character.isLetter(d)) {
            openTag(start);
            continue;
          }
          throw badDispatch(start, d);
        }
        default:
          value = readToken(start);
      }
      // Hand the finished value to the innermost open element; a tag finishes with it and passes its own value on.
      while (true) {
        if (top < 0) {
          result = value;
          hasResult = true;
          break;
        }
        OpenElement e = stack[top];
        if (e.kind == OpenElement.TAG) {
          value = applyTag(e, value, start);
          start = e.start;
          pop();
          continue;
        }
        if (e.kind == OpenElement.DISCARD) {
          discards--;
          pop();
          break;
        }
        add(e, value, start);
        break;
      }
    }
  }

  private boolean isDiscardAt(int at) {
    return buf[at] == '#' && at + 1 < end && buf[at + 1] == '_';
  }

  private void skipWhitespaceAndComments() {
    while (pos < end) {
      char c = buf[pos];
      if (c == ';') {
        pos++;
        while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
          pos++;
        }
      } else if (EdnChars.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  // ---- the stack of open elements -----------------------------------------------------------------------------

  private OpenElement open(byte kind, int start, boolean countsDepth) {
    if (countsDepth) {
      if (depth >= maxDepth) {
        throw EdnErrors.limit(buf, start, Limit.DEPTH, maxDepth);
      }
      depth++;
    } else {
      if (uncounted >= maxDepth) {
        throw EdnErrors.limit(buf, start, Limit.DEPTH, maxDepth);
      }
      uncounted++;
    }
    if (++top == stack.length) {
      stack = Arrays.copyOf(stack, top * 2);
    }
    OpenElement e = stack[top];
    if (e == null) {
      e = new OpenElement();
      stack[top] = e;
    }
    e.open(kind, start, countsDepth, maxKeysPerHashCode);
    return e;
  }

  private void pop() {
    OpenElement e = stack[top--];
    if (e.countsDepth) {
      depth--;
    } else {
      uncounted--;
    }
    e.clear();
  }

  private OpenElement closing(char c, int at) {
    if (top < 0) {
      throw EdnErrors.syntax(buf, at, "unmatched '" + c + "'");
    }
    OpenElement e = stack[top];
    if (e.kind == OpenElement.TAG) {
      throw EdnErrors.syntax(buf, at, "'" + c + "' where the tag #" + e.tag + " at offset " + e.start
          + " needs its element");
    }
    if (e.kind == OpenElement.DISCARD) {
      throw EdnErrors.syntax(buf, at, "'" + c + "' where the #_ at offset " + e.start
          + " needs an element to discard");
    }
    if (e.closer() != c) {
      throw EdnErrors.syntax(buf, at, "'" + c + "' does not close the " + e.describe() + " opened at offset "
          + e.start + " (expected '" + e.closer() + "')");
    }
    if (e.kind == OpenElement.MAP && e.hasKey) {
      throw EdnErrors.syntax(buf, at, "a map needs an even number of forms: the key at offset " + e.keyStart
          + " has no value");
    }
    return e;
  }

  private PackerException unterminated(OpenElement e) {
    if (e.kind == OpenElement.TAG) {
      return EdnErrors.syntax(buf, end, "end of input where the tag #" + e.tag + " at offset " + e.start
          + " needs its element");
    }
    if (e.kind == OpenElement.DISCARD) {
      return EdnErrors.syntax(buf, end, "end of input where the #_ at offset " + e.start
          + " needs an element to discard");
    }
    return EdnErrors.syntax(buf, end, "end of input inside the " + e.describe() + " opened at offset " + e.start
        + " (missing '" + e.closer() + "')");
  }

  private void add(OpenElement e, Object value, int start) {
    switch (e.kind) {
      case OpenElement.MAP:
        if (!e.hasKey) {
          if (e.map.size() >= maxCollectionSize) {
            throw EdnErrors.limit(buf, start, Limit.COLLECTION_SIZE, maxCollectionSize);
          }
          if (!e.guard.admits(value, e.map.keySet())) {
            throw EdnErrors.refused(buf, start, e.guard, "keys of one map");
          }
          e.key = value;
          e.keyStart = start;
          e.hasKey = true;
        } else {
          int before = e.map.size();
          e.map.put(e.key, value);
          if (e.map.size() == before) {
            throw EdnErrors.syntax(buf, e.keyStart, "duplicate map key " + EdnWriter.preview(e.key));
          }
          e.key = null;
          e.hasKey = false;
        }
        break;
      case OpenElement.SET:
        if (e.set.size() >= maxCollectionSize) {
          throw EdnErrors.limit(buf, start, Limit.COLLECTION_SIZE, maxCollectionSize);
        }
        if (!e.guard.admits(value, e.set)) {
          throw EdnErrors.refused(buf, start, e.guard, "elements of one set");
        }
        if (!e.set.add(value)) {
          throw EdnErrors.syntax(buf, start, "duplicate set element " + EdnWriter.preview(value));
        }
        break;
      default:
        if (e.list.size() >= maxCollectionSize) {
          throw EdnErrors.limit(buf, start, Limit.COLLECTION_SIZE, maxCollectionSize);
        }
        e.list.add(value);
    }
  }

  // ---- tags ---------------------------------------------------------------------------------------------------

  private void openTag(int start) {
    int i = start + 1;
    int e = tokenEnd(i);
    Symbol tag;
    TagKind kind;
    if (is(i, e - i, "inst")) {
      tag = TagKind.INST_TAG;
      kind = TagKind.INST;
    } else if (is(i, e - i, "uuid")) {
      tag = TagKind.UUID_TAG;
      kind = TagKind.UUID;
    } else {
      String text = new String(buf, i, e - i);
      try {
        tag = Symbol.of(text);
      } catch (IllegalArgumentException ex) {
        throw EdnErrors.syntax(buf, start, "invalid tag #" + text + ": " + ex.getMessage());
      }
      kind = TagKind.of(tag);
    }
    OpenElement el = open(OpenElement.TAG, start, kind == TagKind.OTHER);
    el.tag = tag;
    el.tagKind = kind;
    pos = e;
  }

  private Object applyTag(OpenElement e, Object value, int valueStart) {
    if (discards > 0) {
      return null; // the result is dropped, and edn says no tag handler runs for discarded input
    }
    if (e.tagKind == TagKind.OTHER) {
      return new Tagged(e.tag, value);
    }
    if (!(value instanceof String)) {
      throw EdnErrors.syntax(buf, valueStart, "#" + e.tag + " needs a string, not " + kindOf(value));
    }
    String s = (String) value;
    try {
      switch (e.tagKind) {
        case INST:
          return InstantText.parse(s);
        case UUID:
          return TagValues.uuid(s);
        default:
          return TagValues.bytes(s);
      }
    } catch (IllegalArgumentException ex) {
      throw EdnErrors.syntax(buf, e.start, "invalid #" + e.tag + " \"" + abbreviate(s) + "\": " + ex.getMessage());
    }
  }

  private PackerException badDispatch(int start, char d) {
    String clojure;
    switch (d) {
      case ':':
        clojure = "namespaced maps (#:ns{})";
        break;
      case '"':
        clojure = "regular expressions (#\"...\")";
        break;
      case '(':
        clojure = "function literals (#(...))";
        break;
      case '\'':
        clojure = "var quotes (#')";
        break;
      case '^':
        clojure = "metadata (#^)";
        break;
      case '?':
        clojure = "reader conditionals (#?)";
        break;
      case '=':
        clojure = "read-eval (#=)";
        break;
      case '<':
        clojure = "unreadable objects (#<...>)";
        break;
      default:
        clojure = null;
    }
    return EdnErrors.syntax(buf, start, "'#' followed by " + EdnChars.describe(d) + " is not edn"
        + (clojure != null ? " (" + clojure + " are Clojure reader syntax)" : "")
        + "; edn has #{ sets, #_ discards, ##NaN/##Inf/##-Inf and #tag elements");
  }

  // ---- atoms --------------------------------------------------------------------------------------------------

  private int tokenEnd(int from) {
    int e = from;
    while (e < end && !EdnChars.isTerminator(buf[e])) {
      e++;
    }
    return e;
  }

  private Object readToken(int start) {
    int e = tokenEnd(start);
    pos = e;
    if (EdnNumbers.startsNumber(buf, start, e)) {
      return EdnNumbers.read(buf, start, e);
    }
    if (buf[start] == ':') {
      return keyword(start, e);
    }
    return symbolOrLiteral(start, e);
  }

  private Keyword keyword(int start, int e) {
    if (e - start == 1) {
      throw EdnErrors.syntax(buf, start, "':' alone is not a keyword");
    }
    if (keywords == null || e - start - 1 > KeywordCache.MAX_LENGTH) {
      return newKeyword(start, e);
    }
    int hash = KeywordCache.hash(buf, start + 1, e);
    Keyword k = keywords.get(buf, start + 1, e, hash);
    if (k == null) {
      k = newKeyword(start, e);
      keywords.put(buf, start + 1, e, hash, k);
    }
    return k;
  }

  private Keyword newKeyword(int start, int e) {
    int slash = indexOfSlash(start + 1, e);
    try {
      return slash < 0 ? Keyword.of(null, new String(buf, start + 1, e - start - 1))
          : Keyword.of(new String(buf, start + 1, slash - start - 1), new String(buf, slash + 1, e - slash - 1));
    } catch (IllegalArgumentException ex) {
      throw EdnErrors.syntax(buf, start, "invalid keyword " + new String(buf, start, e - start) + ": "
          + ex.getMessage());
    }
  }

  private Object symbolOrLiteral(int start, int e) {
    int n = e - start;
    if (n == 3 && buf[start] == 'n' && buf[start + 1] == 'i' && buf[start + 2] == 'l') {
      return null;
    }
    if (n == 4 && buf[start] == 't' && buf[start + 1] == 'r' && buf[start + 2] == 'u' && buf[start + 3] == 'e') {
      return Boolean.TRUE;
    }
    if (n == 5 && buf[start] == 'f' && buf[start + 1] == 'a' && buf[start + 2] == 'l' && buf[start + 3] == 's'
        && buf[start + 4] == 'e') {
      return Boolean.FALSE;
    }
    if (buf[start] == '^') {
      throw EdnErrors.syntax(buf, start, "metadata (^) is not edn");
    }
    int slash = n == 1 ? -1 : indexOfSlash(start, e);
    try {
      return slash < 0 ? Symbol.of(null, new String(buf, start, n))
          : Symbol.of(new String(buf, start, slash - start), new String(buf, slash + 1, e - slash - 1));
    } catch (IllegalArgumentException ex) {
      throw EdnErrors.syntax(buf, start, "invalid symbol " + new String(buf, start, n) + ": " + ex.getMessage());
    }
  }

  private int indexOfSlash(int from, int e) {
    for (int i = from; i < e; i++) {
      if (buf[i] == '/') {
        return i;
      }
    }
    return -1;
  }

  private Double readSymbolicValue(int start) {
    int e = tokenEnd(start + 2);
    pos = e;
    String name = new String(buf, start + 2, e - start - 2);
    switch (name) {
      case "NaN":
        return Double.NaN;
      case "Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        throw EdnErrors.syntax(buf, start, "unknown symbolic value ##" + name
            + " (there are ##NaN, ##Inf and ##-Inf)");
    }
  }

  private String readString(int start) {
    for (int i = start + 1; i < end; i++) {
      char c = buf[i];
      if (c == '"') {
        pos = i + 1;
        return new String(buf, start + 1, i - start - 1);
      }
      if (c == '\\') {
        return readEscapedString(start, i);
      }
    }
    throw EdnErrors.syntax(buf, end, "end of input inside the string opened at offset " + start);
  }

  private String readEscapedString(int start, int firstEscape) {
    StringBuilder sb = new StringBuilder(firstEscape - start + 16);
    int run = start + 1;
    int i = firstEscape;
    while (i < end) {
      char c = buf[i];
      if (c == '"') {
        sb.append(buf, run, i - run);
        pos = i + 1;
        return sb.toString();
      }
      if (c != '\\') {
        i++;
        continue;
      }
      sb.append(buf, run, i - run);
      if (i + 1 >= end) {
        break;
      }
      char escaped = buf[i + 1];
      switch (escaped) {
        case 't':
          sb.append('\t');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'n':
          sb.append('\n');
          break;
        case '\\':
          sb.append('\\');
          break;
        case '"':
          sb.append('"');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'u': {
          int v = EdnChars.hex4(buf, i + 2, end);
          if (v < 0) {
            throw EdnErrors.syntax(buf, i, "\\u in a string must be followed by 4 hexadecimal digits");
          }
          sb.append((char) v);
          i += 4;
          break;
        }
        default:
          throw EdnErrors.syntax(buf, i, "unsupported escape \\" + escaped + " in a string (edn has \\t \\r \\n"
              + " \\\\ \\\" and, like Clojure, \\b \\f \\uXXXX)");
      }
      i += 2;
      run = i;
    }
    throw EdnErrors.syntax(buf, end, "end of input inside the string opened at offset " + start);
  }

  private Character readCharacter(int start) {
    int i = start + 1;
    if (i >= end) {
      throw EdnErrors.syntax(buf, start, "end of input after '\\'");
    }
    char first = buf[i];
    if (Character.isWhitespace(first)) {
      throw EdnErrors.syntax(buf, start, "'\\' followed by whitespace is not a character");
    }
    // The first character is taken whatever it is (\( and \" are characters); a name runs to the token's end.
    int e = tokenEnd(i + 1);
    pos = e;
    int n = e - i;
    if (n == 1) {
      return first;
    }
    if (is(i, n, "newline")) {
      return '\n';
    }
    if (is(i, n, "space")) {
      return ' ';
    }
    if (is(i, n, "tab")) {
      return '\t';
    }
    if (is(i, n, "return")) {
      return '\r';
    }
    if (is(i, n, "backspace")) {
      return '\b';
    }
    if (is(i, n, "formfeed")) {
      return '\f';
    }
    if (first == 'u' && n == 5) {
      int v = EdnChars.hex4(buf, i + 1, e);
      if (v >= 0) {
        return (char) v;
      }
    }
    throw EdnErrors.syntax(buf, start, "unknown character \\" + new String(buf, i, n)
        + " (a character is \\ and one character, \\uXXXX, or \\newline \\return \\space \\tab \\backspace"
        + " \\formfeed)");
  }

  private boolean is(int at, int n, String name) {
    if (n != name.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (buf[at + k] != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  // ---- messages -----------------------------------------------------------------------------------------------

  private static String kindOf(Object value) {
    if (value == null) {
      return "nil";
    }
    if (value instanceof List) {
      return "a list or vector";
    }
    if (value instanceof Map) {
      return "a map";
    }
    if (value instanceof Set) {
      return "a set";
    }
    return "a " + value.getClass().getSimpleName();
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 61) + "...";
  }
}
