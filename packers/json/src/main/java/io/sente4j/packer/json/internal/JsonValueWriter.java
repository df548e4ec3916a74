package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.packer.json.JsonPacker;
import java.io.IOException;
import java.io.StringWriter;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a value of the data model as compact JSON text with a Jackson generator.
 *
 * <p>The writer recurses down to {@link JsonLimits#RECURSION_LIMIT} levels; a collection nested deeper than that is
 * written by {@link DeepWriter}, which keeps a stack of its own, so no depth limit can overflow the thread's stack
 * and a cyclic collection ends with a {@link io.sente4j.core.PackerLimitException}. A map key that is itself a
 * collection is written to a second generator, and its compact JSON text becomes the key; its collections count
 * towards the depth as children of the map.
 */
public final class JsonValueWriter {
  private final JsonFactory factory;
  private final int maxDepth;

  /** A writer using {@code factory}'s generators that refuses nesting deeper than {@code maxDepth}. */
  public JsonValueWriter(JsonFactory factory, int maxDepth) {
    this.factory = factory;
    this.maxDepth = maxDepth;
  }

  /**
   * The JSON text of {@code value}.
   *
   * @throws PackerException if the value is outside the JSON packer's domain or nests too deep
   */
  public String write(Object value) {
    // As ObjectMapper.writeValueAsString does: the writer's segments come from Jackson's recycled buffers.
    BufferRecycler recycler = factory._getBufferRecycler();
    try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
      try (JsonGenerator g = factory.createGenerator(out)) {
        new Walk().value(g, value, 0);
      }
      return out.getAndClear();
    } catch (IOException e) {
      // Writing to memory does not fail; a generator's own check might, and must still surface as our type.
      throw new PackerException(JsonPacker.NAME, "could not write JSON: " + e.getMessage(), -1, -1, -1, e);
    } finally {
      recycler.releaseToPool();
    }
  }

  /** The state of one {@link #write} call: the key records of the maps being written, one per depth. */
  private final class Walk {
    private MapNames[] names = new MapNames[8];

    /** Writes {@code v}, which sits inside {@code enclosing} collections. */
    void value(JsonGenerator g, Object v, int enclosing) throws IOException {
      // Final classes first, then AbstractMap: testing a class is a pointer compare, while testing an interface
      // such as List scans the class's interfaces, which costs about as much as writing a short string.
      if (v instanceof String) {
        g.writeString(Scalars.checked((String) v));
      } else if (v instanceof Long) {
        g.writeNumber((long) (Long) v);
      } else if (v instanceof Keyword) {
        g.writeString(((Keyword) v).qualifiedName());
      } else if (v instanceof Boolean) {
        g.writeBoolean((Boolean) v);
      } else if (v == null) {
        g.writeNull();
      } else if (v instanceof Double) {
        g.writeNumber(NumberText.finite((Double) v));
      } else if (v instanceof AbstractMap || v instanceof Map) {
        map(g, (Map<?, ?>) v, enclosing);
      } else if (v instanceof List || v instanceof Set) {
        array(g, (Collection<?>) v, enclosing);
      } else {
        Scalars.write(g, v);
      }
    }

    private void array(JsonGenerator g, Collection<?> array, int enclosing) throws IOException {
      if (deep(g, array, enclosing)) {
        return;
      }
      g.writeStartArray();
      for (Object element : array) {
        value(g, element, enclosing + 1);
      }
      g.writeEndArray();
    }

    private void map(JsonGenerator g, Map<?, ?> map, int enclosing) throws IOException {
      if (deep(g, map, enclosing)) {
        return;
      }
      int depth = enclosing + 1;
      if (depth >= names.length) {
        names = Arrays.copyOf(names, Math.max(depth + 1, names.length * 2));
      }
      MapNames seen = names[depth];
      if (seen == null) {
        seen = names[depth] = new MapNames();
      }
      // Reused per depth: a map's values and collection keys are one level down, so they never share its record.
      seen.reset(map);
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        Object key = e.getKey();
        String name;
        if (key instanceof String) {
          name = Scalars.checked((String) key);
        } else if (Scalars.isCollection(key)) {
          name = keyText(key, depth);
        } else {
          name = Scalars.keyName(key);
        }
        g.writeFieldName(seen.add(name, key));
        value(g, e.getValue(), depth);
      }
      g.writeEndObject();
    }

    /**
     * Checks the depth limit for a collection inside {@code enclosing} others, and writes it with {@link DeepWriter}
     * if it is deeper than recursion goes. Returns whether it did.
     */
    private boolean deep(JsonGenerator g, Object collection, int enclosing) throws IOException {
      if (enclosing >= maxDepth) {
        throw Refusals.tooDeep(maxDepth);
      }
      if (enclosing < JsonLimits.RECURSION_LIMIT) {
        return false;
      }
      DeepWriter.write(factory, maxDepth, g, collection, enclosing);
      return true;
    }

    /** The compact JSON text of a collection used as a key of a map at {@code depth}. */
    private String keyText(Object key, int depth) throws IOException {
      StringWriter text = new StringWriter();
      try (JsonGenerator g = factory.createGenerator(text)) {
        value(g, key, depth);
      }
      return text.toString();
    }
  }
}
