package io.sente4j.packer.msgpack.internal;

/** The MessagePack extension types of Sente's packer ({@code taoensso.msgpack.impl}) and their sizes. */
final class SenteExt {
  private SenteExt() {}

  static final byte KEYWORD = 0;
  static final byte SYMBOL = 1;
  static final byte CHARACTER = 2;
  /** Clojure ratios: outside the data model, refused when read. */
  static final byte RATIO = 3;
  static final byte SET = 4;
  /** int[], float[], double[]: outside the data model, refused when read. */
  static final byte INT_ARRAY = 5;
  static final byte DOUBLE_ARRAY = 7;
  static final byte CACHED_KEY = 8;
  static final byte UUID = 9;
  /** MessagePack's own timestamp type. */
  static final byte TIMESTAMP = -1;

  /** The number of map keys the per-message cache numbers (indices 0 to 255, one byte). */
  static final int KEY_CACHE_SIZE = 256;
  /** Length of the timestamp Sente writes: int32 nanoseconds then int64 seconds. */
  static final int TIMESTAMP_96 = 12;
  /** Length of a UUID's canonical string. */
  static final int UUID_TEXT = 36;
}
