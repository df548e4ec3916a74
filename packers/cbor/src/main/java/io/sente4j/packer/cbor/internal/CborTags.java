package io.sente4j.packer.cbor.internal;

/**
 * The CBOR tags the packer writes and reads, all from the IANA "CBOR Tags" registry: 0 to 4 and 55799 (RFC 8949),
 * 27 (serialised language-independent object with type name and constructor arguments), 37 (binary UUID), 39
 * (identifier) and 258 (mathematical finite set).
 */
final class CborTags {
  private CborTags() {}

  /** Standard date/time string (RFC 3339). */
  static final int DATE_TIME_TEXT = 0;
  /** Epoch-based date/time: seconds, integer or float; read only. */
  static final int DATE_TIME_EPOCH = 1;
  static final int POSITIVE_BIGNUM = 2;
  static final int NEGATIVE_BIGNUM = 3;
  /** {@code [exponent mantissa]}, value = mantissa * 10^exponent. */
  static final int DECIMAL_FRACTION = 4;
  /** {@code [type-name argument]}: an edn tagged value, or a character. */
  static final int NAMED_OBJECT = 27;
  /** A UUID's 16 bytes. */
  static final int UUID = 37;
  /** Identifier: a keyword (edn text with its colon) or a symbol (edn text). */
  static final int IDENTIFIER = 39;
  /** A mathematical finite set: an array of distinct elements. */
  static final int SET = 258;
  /** The self-describe marker, which a reader skips. */
  static final int SELF_DESCRIBE = 55799;

  /** The type name of tag 27 that stands for a character. */
  static final String CHARACTER_NAME = "sente4j/char";
}
