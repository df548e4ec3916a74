package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads exactly one JSON value with a Jackson parser: objects as unmodifiable {@link LinkedHashMap}s with string
 * keys, arrays as unmodifiable {@link ArrayList}s, integers as {@link Long} or (beyond its range) {@link BigInteger},
 * other numbers as {@link Double}.
 *
 * <p>The read keeps its own stack instead of recursing, so no depth limit can overflow the thread's stack. Depth and
 * collection size are checked when a collection or element starts, so the error points at the first offending token
 * and the rest is never read. Duplicate object keys, strings holding lone surrogates (escaped as {@code \ud800} or
 * raw in a text payload) and numbers beyond the range of a double are errors.
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
      return new Read(p, position).value();
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
  private final class Read {
    private final JsonParser p;
    private final Position position;
    /** The open collections, outermost first: an ArrayList or a LinkedHashMap each. */
    private Object[] open = new Object[8];
    /** For each open object, the key whose value is being read. */
    private String[] keys = new String[8];
    private int depth;

    Read(JsonParser p, Position position) {
      this.p = p;
      this.position = position;
    }

    Object value() throws IOException {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw position.error("no JSON value in the input", p.currentLocation(), null);
      }
      Object value = tree(t);
      if (p.nextToken() != null) {
        throw position.atToken(p, "more input after the JSON value; a payload holds exactly one value");
      }
      return value;
    }

    @SuppressWarnings("unchecked")
    private Object tree(JsonToken first) throws IOException {
      JsonToken t = first;
      while (true) {
        Object v;
        switch (t.id()) {
          case JsonTokenId.ID_START_ARRAY:
            push(new ArrayList<>());
            t = p.nextToken();
            continue;
          case JsonTokenId.ID_START_OBJECT:
            push(new LinkedHashMap<>());
            t = p.nextToken();
            continue;
          case JsonTokenId.ID_FIELD_NAME:
            keys[depth - 1] = key((Map<String, Object>) open[depth - 1]);
            t = p.nextToken();
            continue;
          case JsonTokenId.ID_END_ARRAY:
            v = Collections.unmodifiableList((List<Object>) pop());
            break;
          case JsonTokenId.ID_END_OBJECT:
            v = Collections.unmodifiableMap((Map<String, Object>) pop());
            break;
          case JsonTokenId.ID_STRING:
            checkRoom();
            v = string(p.getText(), "a string");
            break;
          case JsonTokenId.ID_NUMBER_INT:
            checkRoom();
            v = integer();
            break;
          case JsonTokenId.ID_NUMBER_FLOAT:
            checkRoom();
            v = floating();
            break;
          case JsonTokenId.ID_TRUE:
            checkRoom();
            v = Boolean.TRUE;
            break;
          case JsonTokenId.ID_FALSE:
            checkRoom();
            v = Boolean.FALSE;
            break;
          case JsonTokenId.ID_NULL:
            checkRoom();
            v = null;
            break;
          default:
            throw position.atToken(p, "unexpected JSON token " + t);
        }
        if (depth == 0) {
          return v;
        }
        Object parent = open[depth - 1];
        if (parent instanceof ArrayList) {
          ((ArrayList<Object>) parent).add(v);
        } else {
          ((LinkedHashMap<String, Object>) parent).put(keys[depth - 1], v);
        }
        t = p.nextToken();
      }
    }

    private void push(Object collection) {
      checkRoom();
      if (depth == limits.maxDepth()) {
        throw position.limit(Limit.DEPTH, limits.maxDepth(), p.currentTokenLocation());
      }
      if (depth == open.length) {
        open = Arrays.copyOf(open, depth * 2);
        keys = Arrays.copyOf(keys, depth * 2);
      }
      open[depth++] = collection;
    }

    private Object pop() {
      Object collection = open[--depth];
      open[depth] = null;
      keys[depth] = null;
      return collection;
    }

    /** Before an array element starts: checks the array has room for it. (An object checks at the key.) */
    private void checkRoom() {
      if (depth > 0 && open[depth - 1] instanceof ArrayList
          && ((ArrayList<?>) open[depth - 1]).size() >= limits.maxCollectionSize()) {
        throw tooLarge();
      }
    }

    private String key(Map<String, Object> object) throws IOException {
      if (object.size() >= limits.maxCollectionSize()) {
        throw tooLarge();
      }
      String name = string(p.currentName(), "an object key");
      if (object.containsKey(name)) {
        throw position.atToken(p, "duplicate key " + Describe.quote(name) + " in an object");
      }
      return name;
    }

    /**
     * Jackson's own number limit bounds the digits it tokenizes (it counts neither sign nor exponent, and counts
     * differently for text and bytes); this makes the rule exact, and the same as the writer's, before the number is
     * converted.
     */
    private void checkNumberLength() throws IOException {
      if (p.getTextLength() > JsonFactories.MAX_NUMBER_LENGTH) {
        throw position.atToken(p, JacksonErrors.NUMBER_TOO_LONG);
      }
    }

    private PackerLimitException tooLarge() {
      return position.limit(Limit.COLLECTION_SIZE, limits.maxCollectionSize(), p.currentTokenLocation());
    }

    private String string(String s, String what) {
      int lone = Surrogates.firstLone(s);
      if (lone >= 0) {
        throw position.atToken(p, what + " holding " + Surrogates.describe(s, lone));
      }
      return s;
    }

    private Object integer() throws IOException {
      checkNumberLength();
      switch (p.getNumberType()) {
        case INT:
        case LONG:
          return p.getLongValue();
        default:
          // Jackson reports BIG_INTEGER only beyond the range of a long; normalise anyway, cheaply.
          BigInteger big = p.getBigIntegerValue();
          return big.bitLength() < 64 ? (Object) big.longValue() : big;
      }
    }

    private Double floating() throws IOException {
      checkNumberLength();
      double d = p.getDoubleValue();
      if (Double.isInfinite(d)) {
        throw position.atToken(p, "the number " + NumberText.abbreviate(p.getText())
            + " is beyond the range of a double");
      }
      return d;
    }
  }
}
