package io.sente4j.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A tiny, obviously correct packer for {@link FrameCodec#encode} and {@link FrameCodec#decode} tests. Its format is a
 * strict subset of edn: {@code nil}, {@code true}, {@code false}, longs, strings (only {@code \"} and {@code \\}
 * escaped), keywords, and vectors whose elements are separated by exactly one space. Everything else, including any
 * other whitespace, is an error at its offset.
 *
 * <p>The keyword-less variant writes a keyword as the string {@code "ns/name"} (as JSON does) and reads no keywords.
 * The binary variant writes the same text as UTF-8 bytes.
 */
final class ToyPacker implements Packer {
  static final ToyPacker TEXT = new ToyPacker(true, false);
  static final ToyPacker TEXT_WITHOUT_KEYWORDS = new ToyPacker(false, false);
  static final ToyPacker BINARY = new ToyPacker(true, true);

  private final String name;
  private final boolean keywords;
  private final boolean binary;
  private final PackerLimits limits;

  private ToyPacker(boolean keywords, boolean binary) {
    this("toy", keywords, binary, PackerLimits.defaults());
  }

  private ToyPacker(String name, boolean keywords, boolean binary, PackerLimits limits) {
    this.name = name;
    this.keywords = keywords;
    this.binary = binary;
    this.limits = limits;
  }

  /** The text packer, stating a smaller input limit (which the toy's own reading does not enforce). */
  static ToyPacker textWithMaxInputBytes(int maxInputBytes) {
    return textWithLimits(PackerLimits.builder().maxInputBytes(maxInputBytes).build());
  }

  /** The text packer, stating other limits (which the toy's own reading does not enforce). */
  static ToyPacker textWithLimits(PackerLimits limits) {
    return new ToyPacker("toy", true, false, limits);
  }

  /** The text packer under another name, stating another input limit: a second packer beside {@link #TEXT}. */
  static ToyPacker named(String name, int maxInputBytes) {
    return new ToyPacker(name, true, false, PackerLimits.builder().maxInputBytes(maxInputBytes).build());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean isBinary() {
    return binary;
  }

  @Override
  public boolean carriesKeywords() {
    return keywords;
  }

  @Override
  public PackerLimits limits() {
    return limits;
  }

  @Override
  public Payload pack(Object value) {
    String text = write(value);
    return binary ? Payload.binary(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8))) : Payload.text(text);
  }

  /** The toy text of a value. */
  String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(value, sb);
    return sb.toString();
  }

  private void write(Object value, StringBuilder sb) {
    if (value == null) {
      sb.append("nil");
    } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      sb.append(value);
    } else if (value instanceof String) {
      sb.append('"').append(((String) value).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else if (value instanceof Keyword) {
      if (keywords) {
        sb.append(value);
      } else {
        write(((Keyword) value).qualifiedName(), sb);
      }
    } else if (value instanceof List) {
      sb.append('[');
      String sep = "";
      for (Object item : (List<?>) value) {
        sb.append(sep);
        write(item, sb);
        sep = " ";
      }
      sb.append(']');
    } else {
      throw new PackerException(name(), "cannot pack a " + value.getClass().getName());
    }
  }

  /** Concatenates packed lists as the toy writes them, one space between elements; the binary variant cannot. */
  @Override
  public Payload concatLists(List<Payload> lists) {
    return binary ? null : PackedLists.concatText(lists, " ");
  }

  @Override
  public Object unpack(Payload payload) {
    Reader r = new Reader(payload.asText());
    Object value = r.value();
    if (r.pos != r.text.length()) {
      throw r.error("unexpected text after the value");
    }
    return value;
  }

  private final class Reader {
    final String text;
    int pos;

    Reader(String text) {
      this.text = text;
    }

    Object value() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      char c = text.charAt(pos);
      if (c == '[') {
        pos++;
        List<Object> items = new ArrayList<>();
        while (peek() != ']') {
          if (!items.isEmpty()) {
            expect(' ');
          }
          items.add(value());
        }
        pos++;
        return Collections.unmodifiableList(items);
      }
      if (c == '"') {
        StringBuilder sb = new StringBuilder();
        pos++;
        for (char d = next(); d != '"'; d = next()) {
          sb.append(d == '\\' ? next() : d);
        }
        return sb.toString();
      }
      int start = pos;
      while (pos < text.length() && " []\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      String token = text.substring(start, pos);
      if (token.equals("nil")) {
        return null;
      }
      if (token.equals("true") || token.equals("false")) {
        return Boolean.valueOf(token);
      }
      if (token.matches("-?[0-9]{1,18}")) {
        return Long.valueOf(token);
      }
      if (keywords && token.startsWith(":")) {
        try {
          return Keyword.of(token.substring(1));
        } catch (IllegalArgumentException e) {
          pos = start;
          throw error("bad keyword " + token);
        }
      }
      pos = start;
      throw error("unexpected " + (token.isEmpty() ? "'" + c + "'" : "token " + token));
    }

    char peek() {
      if (pos >= text.length()) {
        throw error("unexpected end of input");
      }
      return text.charAt(pos);
    }

    char next() {
      char c = peek();
      pos++;
      return c;
    }

    void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected '" + c + "'");
      }
    }

    PackerException error(String reason) {
      return new PackerException(name(), reason, pos, 1, pos + 1);
    }
  }
}
