package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * One open collection of a {@link DeepWriter} walk: an array, an object, or the root of a collection being
 * written as a map key. A walk keeps one frame per depth and reuses it for every collection at that depth.
 */
final class WriteFrame {
  /** The generator this collection is written to: the walk's own, or one for a collection key. */
  JsonGenerator gen;
  /** For the root of a collection key: where its text goes; otherwise null. */
  StringWriter keyText;
  /** For an object whose current key is a collection: that key and its value, while the key is written. */
  Object pendingKey;
  Object pendingValue;

  private boolean isMap;
  private MapNames names;
  // A list that offers fast random access is walked by index, which saves an iterator per list.
  private List<?> list;
  private int index;
  private int size;
  private Iterator<?> items;

  /** Starts an array of {@code elements}. */
  void array(JsonGenerator gen, Collection<?> elements, StringWriter keyText) {
    start(gen, keyText, false);
    if (elements instanceof RandomAccess && elements instanceof List) {
      list = (List<?>) elements;
      index = 0;
      size = list.size();
    } else {
      items = elements.iterator();
    }
  }

  /** Starts an object of the entries of {@code map}. */
  void map(JsonGenerator gen, Map<?, ?> map, StringWriter keyText) {
    start(gen, keyText, true);
    if (names == null) {
      names = new MapNames();
    }
    names.reset(map);
    items = map.entrySet().iterator();
  }

  private void start(JsonGenerator gen, StringWriter keyText, boolean isMap) {
    this.gen = gen;
    this.keyText = keyText;
    this.isMap = isMap;
    this.list = null;
    this.items = null;
    this.pendingKey = null;
    this.pendingValue = null;
  }

  boolean isMap() {
    return isMap;
  }

  /** Whether the collection has another element (or entry). */
  boolean hasNext() {
    return items == null ? index < size : items.hasNext();
  }

  /** The next element of an array, or the next {@link Map.Entry} of an object. */
  Object next() {
    return items == null ? list.get(index++) : items.next();
  }

  /** Records an object key; see {@link MapNames#add}. */
  String name(String name, Object key) {
    return names.add(name, key);
  }
}
