package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a deeply nested collection with a stack of its own instead of recursion, so that no depth limit, however
 * large, can overflow the thread's stack. {@link JsonValueReader} recurses, which is faster, and hands a collection
 * to this class only when it is nested deeper than {@link JsonLimits#RECURSION_LIMIT}. It reads the same values.
 */
final class DeepReader {
  private final Tokens tokens;
  /** The depth of the collection around the one handed over. */
  private final int base;
  /** The open collections, outermost first: an ArrayList or a LinkedHashMap each. */
  private Object[] open = new Object[8];
  /** For each open object, the key whose value is being read. */
  private String[] keys = new String[8];
  private int depth;

  private DeepReader(Tokens tokens, int base) {
    this.tokens = tokens;
    this.base = base;
  }

  /**
   * Reads the collection that starts at {@code first} (a {@code START_ARRAY} or {@code START_OBJECT} token), inside
   * {@code enclosing} collections, up to and including its end token.
   */
  static Object read(Tokens tokens, JsonToken first, int enclosing) throws IOException {
    return new DeepReader(tokens, enclosing).collection(first);
  }

  @SuppressWarnings("unchecked")
  private Object collection(JsonToken first) throws IOException {
    JsonToken t = first;
    while (true) {
      if (t == null) {
        throw tokens.errorHere("unexpected end of input"); // Jackson reports this itself; in case it does not
      }
      Object v;
      switch (t.id()) {
        case JsonTokenId.ID_START_ARRAY:
          push(new ArrayList<>());
          t = tokens.p.nextToken();
          continue;
        case JsonTokenId.ID_START_OBJECT:
          push(new LinkedHashMap<>());
          t = tokens.p.nextToken();
          continue;
        case JsonTokenId.ID_FIELD_NAME:
          keys[depth - 1] = tokens.key((Map<String, Object>) open[depth - 1]);
          t = tokens.p.nextToken();
          continue;
        case JsonTokenId.ID_END_ARRAY:
          v = Collections.unmodifiableList((List<Object>) pop());
          break;
        case JsonTokenId.ID_END_OBJECT:
          v = Collections.unmodifiableMap((Map<String, Object>) pop());
          break;
        default:
          checkRoom();
          v = tokens.scalar(t);
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
      t = tokens.p.nextToken();
    }
  }

  private void push(Object collection) {
    checkRoom();
    tokens.checkDepth(base + depth + 1);
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

  /** Before an array element starts; an object checks at its key, and the caller checked the outermost. */
  private void checkRoom() {
    if (depth > 0 && open[depth - 1] instanceof ArrayList) {
      tokens.checkRoom((ArrayList<?>) open[depth - 1]);
    }
  }
}
