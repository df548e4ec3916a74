package io.sente4j.packer.transit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads transit-json (plain or verbose) with Jackson's streaming parser. Text is parsed as given, so positions are
 * character offsets; bytes are parsed as strict UTF-8, so positions are byte offsets. Either way the line and column
 * are counted from the input when an error is reported.
 */
final class JsonTransitReader extends TransitReader {
  private final JsonParser p;
  private final Input input;

  /** The input as given, kept to count lines and columns for an error. */
  record Input(String text, byte[] bytes) {
    long length() {
      return text != null ? text.length() : bytes.length;
    }
  }

  private JsonTransitReader(String packer, PackerLimits limits, JsonParser p, Input input) {
    super(packer, limits);
    this.p = p;
    this.input = input;
  }

  /** Reads the one value of {@code input}, which the caller has checked against the input size limit. */
  static Object read(String packer, PackerLimits limits, JsonFactory factory, Input input) {
    try (JsonParser p = input.text != null ? factory.createParser(input.text) : factory.createParser(input.bytes)) {
      JsonTransitReader r = new JsonTransitReader(packer, limits, p, input);
      try {
        if (p.nextToken() == null) {
          throw r.error("no value: the input is empty", 0);
        }
        Object v = r.value(1, false);
        if (p.nextToken() != null) {
          throw r.error("more input after the value", r.position());
        }
        return v;
      } catch (JsonProcessingException e) {
        JsonLocation l = e.getLocation();
        throw r.error(e.getOriginalMessage(), l == null ? 0 : r.offset(l));
      }
    } catch (IOException e) {
      throw new PackerException(packer, "cannot read: " + e.getMessage(), 0, 1, 1, e);
    }
  }

  @Override
  Kind kind() {
    JsonToken t = p.currentToken();
    if (t == null) {
      throw error("unexpected end of input", input.length());
    }
    switch (t) {
      case START_ARRAY:
        return Kind.ARRAY;
      case START_OBJECT:
        return Kind.MAP;
      case VALUE_STRING:
      case FIELD_NAME:
        return Kind.STRING;
      default:
        return Kind.OTHER;
    }
  }

  @Override
  String string() throws IOException {
    String s = p.getText();
    int bad = Surrogates.lone(s);
    if (bad >= 0) {
      throw error("a string holding a lone surrogate (U+" + Integer.toHexString(s.charAt(bad)).toUpperCase()
          + "), which is not Unicode text", position());
    }
    return s;
  }

  @Override
  Object scalar() throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case VALUE_NULL:
        return null;
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigInteger b = p.getBigIntegerValue();
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT: {
        double d = p.getDoubleValue();
        if (Double.isInfinite(d)) {
          throw error("the number " + p.getText() + " is beyond the range of a double", position());
        }
        return d;
      }
      default:
        throw error("unexpected " + t, position());
    }
  }

  @Override
  void openArray() {
    // Jackson is on the START_ARRAY token; more() moves past it.
  }

  @Override
  void openMap() {
    // Jackson is on the START_OBJECT token; more() moves past it.
  }

  @Override
  boolean more() throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      throw error("unexpected end of input", input.length());
    }
    return t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT;
  }

  @Override
  void toValue() throws IOException {
    p.nextToken();
  }

  @Override
  long position() {
    return offset(p.currentTokenLocation());
  }

  private long offset(JsonLocation l) {
    long o = input.text != null ? l.getCharOffset() : l.getByteOffset();
    return Math.max(0, Math.min(o, input.length()));
  }

  @Override
  PackerException error(String reason, long position) {
    int[] lc = lineAndColumn(position);
    return new PackerException(packer, reason, position, lc[0], lc[1]);
  }

  @Override
  PackerLimitException limit(Limit limit, long value, String reason, long position) {
    int[] lc = lineAndColumn(position);
    return reason == null ? new PackerLimitException(packer, limit, value, position, lc[0], lc[1])
        : new PackerLimitException(packer, limit, value, reason, position, lc[0], lc[1]);
  }

  private int[] lineAndColumn(long position) {
    int line = 1;
    long lineStart = 0;
    for (long i = 0; i < position; i++) {
      int c = input.text != null ? input.text.charAt((int) i) : input.bytes[(int) i];
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new int[] {line, (int) (position - lineStart + 1)};
  }
}
