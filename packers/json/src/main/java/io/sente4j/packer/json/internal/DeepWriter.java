package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Writes a deeply nested value with a stack of its own instead of recursion, so that no depth limit, however large,
 * can overflow the thread's stack: a cyclic collection ends with a {@link io.sente4j.core.PackerLimitException} at
 * {@code maxDepth}. {@link JsonValueWriter} recurses, which is faster, and hands a collection to this class only
 * when it is nested deeper than {@link JsonLimits#RECURSION_LIMIT}. It writes the same text.
 */
final class DeepWriter {
  private final JsonFactory factory;
  private final int maxDepth;
  private final JsonGenerator root;
  /** The depth of the collection around the value handed over; its own collections start one below. */
  private final int base;
  /** The open collections, outermost first; frames past {@code open} are kept for reuse. */
  private WriteFrame[] frames = new WriteFrame[8];
  private int open;
  private Object next;

  private DeepWriter(JsonFactory factory, int maxDepth, JsonGenerator root, int base) {
    this.factory = factory;
    this.maxDepth = maxDepth;
    this.root = root;
    this.base = base;
  }

  /**
   * Writes {@code value}, which sits inside {@code enclosing} open collections, to {@code g}.
   *
   * @throws io.sente4j.core.PackerException if the value is outside the domain or nests deeper than {@code maxDepth}
   */
  static void write(JsonFactory factory, int maxDepth, JsonGenerator g, Object value, int enclosing)
      throws IOException {
    DeepWriter w = new DeepWriter(factory, maxDepth, g, enclosing);
    w.next = value;
    do {
      w.emit(w.next);
    } while (w.advance());
  }

  /** Writes {@code v}, or, for a collection, opens it. */
  private void emit(Object v) throws IOException {
    JsonGenerator g = open == 0 ? root : frames[open - 1].gen;
    if (Scalars.isCollection(v)) {
      open(v, g, null);
    } else {
      Scalars.write(g, v);
    }
  }

  /** Opens a collection one level below the innermost open one, writing to {@code g}. */
  private void open(Object collection, JsonGenerator g, StringWriter keyText) throws IOException {
    if (base + open + 1 > maxDepth) {
      throw Refusals.tooDeep(maxDepth);
    }
    if (open == frames.length) {
      frames = Arrays.copyOf(frames, open * 2);
    }
    WriteFrame f = frames[open];
    if (f == null) {
      f = frames[open] = new WriteFrame();
    }
    if (collection instanceof Map) {
      g.writeStartObject();
      f.map(g, (Map<?, ?>) collection, keyText);
    } else {
      g.writeStartArray();
      f.array(g, (Collection<?>) collection, keyText);
    }
    open++;
  }

  /**
   * Moves to the next value to write: the next element or map value of the innermost open collection, closing
   * those that are done. Returns false when the root is done.
   */
  private boolean advance() throws IOException {
    while (open > 0) {
      WriteFrame f = frames[open - 1];
      if (f.hasNext()) {
        if (!f.isMap()) {
          next = f.next();
          return true;
        }
        Map.Entry<?, ?> e = (Map.Entry<?, ?>) f.next();
        Object key = e.getKey();
        if (key instanceof String) {
          f.gen.writeFieldName(f.name(Scalars.checked((String) key), key));
          next = e.getValue();
          return true;
        }
        if (Scalars.isCollection(key)) {
          // The key's collections sit one level below the map, written to a generator of their own.
          f.pendingKey = key;
          f.pendingValue = e.getValue();
          StringWriter keyText = new StringWriter();
          open(key, factory.createGenerator(keyText), keyText);
          continue;
        }
        f.gen.writeFieldName(f.name(Scalars.keyName(key), key));
        next = e.getValue();
        return true;
      }
      if (f.isMap()) {
        f.gen.writeEndObject();
      } else {
        f.gen.writeEndArray();
      }
      open--;
      if (f.keyText != null) {
        f.gen.close();
        WriteFrame owner = frames[open - 1];
        owner.gen.writeFieldName(owner.name(f.keyText.toString(), owner.pendingKey));
        next = owner.pendingValue;
        owner.pendingKey = null;
        owner.pendingValue = null;
        return true;
      }
    }
    return false;
  }
}
