package io.sente4j.packer.edn.internal;

import io.sente4j.core.Symbol;

/**
 * The tags the edn reader turns into data-model values. Their values are scalars of the data model, so they do not
 * count towards the depth limit; any other tag becomes a {@link io.sente4j.core.Tagged} and does.
 */
enum TagKind {
  /** {@code #inst "..."}, an {@link java.time.Instant}. */
  INST,
  /** {@code #uuid "..."}, a {@link java.util.UUID}. */
  UUID,
  /** {@code #sente4j/bytes "<base64>"}, a {@link io.sente4j.core.Bytes}: sente4j's tag for binary in edn. */
  BYTES,
  /** Any other tag. */
  OTHER;

  /** The symbol of the inst tag. */
  static final Symbol INST_TAG = Symbol.of(null, "inst");
  /** The symbol of the uuid tag. */
  static final Symbol UUID_TAG = Symbol.of(null, "uuid");
  /** The symbol of the bytes tag. */
  static final Symbol BYTES_TAG = Symbol.of("sente4j", "bytes");

  static TagKind of(Symbol tag) {
    if (!tag.hasNamespace()) {
      switch (tag.name()) {
        case "inst":
          return INST;
        case "uuid":
          return UUID;
        default:
          return OTHER;
      }
    }
    return tag.equals(BYTES_TAG) ? BYTES : OTHER;
  }
}
