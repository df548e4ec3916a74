package io.sente4j.core;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/** A wire vector of {@link FrameCodec#toWire}: an unmodifiable list over an array it owns, which may hold null. */
final class WireVector extends AbstractList<Object> implements RandomAccess {
  private final Object[] items;

  /** A vector over {@code items}, which the caller hands over and no longer touches. */
  WireVector(Object[] items) {
    this.items = items;
  }

  @Override
  public Object get(int index) {
    return items[Objects.checkIndex(index, items.length)];
  }

  @Override
  public int size() {
    return items.length;
  }
}
