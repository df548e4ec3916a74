package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads exactly one JSON value with a Jackson parser: objects as unmodifiable {@link LinkedHashMap}s with string
 * keys, arrays as unmodifiable {@link ArrayList}s, integers as {@link Long} or (beyond its range) {@link BigInteger},
 * other numbers as {@link Double}.
 *
 * <p>The reader recurses down to {@link JsonLimits#RECURSION_LIMIT} levels and hands deeper collections to {@link
 * DeepReader}, so no depth limit can overflow the thread's stack. Depth and collection size are checked when a
 * collection or element starts, so the error points at the first offending token and the rest is never read.
 * Duplicate object keys, strings holding lone surrogates (escaped as {@code \ud800} or raw in a text payload),
 * numbers longer than {@link JsonLimits#MAX_NUMBER_LENGTH} characters and numbers beyond the range of a double are
 * errors (see {@link Tokens}).
 */
public final class JsonValueReader {
  private final JsonFactory factory;
  private final PackerLimits limits;

  /** A reader using {@code factory}'s parsers that enforces {@code limits}. */
  public JsonValueReader(JsonFactory factory, PackerLimits limits) {
    this.factory = factory;
    this.limits = limits;
  }

  /**
   * Reads the one value of {@code payload}.
   *
   * @throws PackerException for any input that is not exactly one JSON value within the limits; never another type
   */
  public Object read(Payload payload) {
    Position position = new Position(!payload.isText());
    JsonParser p = null;
    try {
      if (payload instanceof Payload.Text) {
        String text = ((Payload.Text) payload).text();
        InputChecks.text(text, limits);
        p = factory.createParser(text);
      } else {
        byte[] bytes = payload.asBytes().toByteArray();
        InputChecks.utf8(bytes, limits);
        p = factory.createParser(bytes);
      }
      return new Read(p, position, limits).value();
    } catch (PackerException e) {
      throw e;
    } catch (IOException e) {
      throw JacksonErrors.of(e, p, position);
    } catch (RuntimeException e) {
      throw JacksonErrors.unexpected(e, p, position);
    } finally {
      closeQuietly(p);
    }
  }

  private static void closeQuietly(JsonParser p) {
    if (p != null) {
      try {
        p.close();
      } catch (IOException | RuntimeException ignored) {
        // The value is read (or the error is thrown); closing only hands buffers back to Jackson.
      }
    }
  }

  /** The state of one {@link #read} call. */
  private static final class Read {
    private final Tokens tokens;
    private final JsonParser p;

    Read(JsonParser p, Position position, PackerLimits limits) {
      this.tokens = new Tokens(p, position, limits);
      this.p = p;
    }

    Object value() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw tokens.errorHere("no JSON value in the input");
      }
      Object value = value(t, 0);
      if (p.nextToken() != null) {
        throw tokens.error("more input after the JSON value; a payload holds exactly one value");
      }
      return value;
    }

    /** Reads the value that starts at {@code t}, inside {@code enclosing} collections. */
    private Object value(JsonToken t, int enclosing) throws IOException {
      if (t == null) {
        throw tokens.errorHere("unexpected end of input"); // Jackson reports this itself; in case it does not
      }
      switch (t.id()) {
        case JsonTokenId.ID_START_ARRAY:
          return enclosing < JsonLimits.RECURSION_LIMIT ? array(enclosing + 1) : DeepReader.read(tokens, t, enclosing);
        case JsonTokenId.ID_START_OBJECT:
          return enclosing < JsonLimits.RECURSION_LIMIT ? object(enclosing + 1)
              : DeepReader.read(tokens, t, enclosing);
        default:
          return tokens.scalar(t);
      }
    }

    private List<Object> array(int depth) throws IOException {
      tokens.checkDepth(depth);
      ArrayList<Object> list = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        tokens.checkRoom(list);
        list.add(value(t, depth));
      }
      return Collections.unmodifiableList(list);
    }

    private Map<String, Object> object(int depth) throws IOException {
      tokens.checkDepth(depth);
      LinkedHashMap<String, Object> map = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = tokens.key(map);
        map.put(key, value(p.nextToken(), depth));
      }
      return Collections.unmodifiableMap(map);
    }
  }
}
