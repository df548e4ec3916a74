package io.sente4j.codec.generator;

/**
 * The scalar component types a codec supports, with the {@code Read} method that decodes each and the one that
 * decodes it as a map key (JSON delivers map keys as strings), or {@code null} where it cannot be a map key.
 */
enum Scalar {
  STRING("string", "string"),
  BOOLEAN("bool", null),
  LONG("int64", "int64Key"),
  INT("int32", "int32Key"),
  SHORT("int16", "int16Key"),
  BYTE("int8", "int8Key"),
  DOUBLE("float64", null),
  FLOAT("float32", null),
  CHAR("character", null),
  BIG_INTEGER("bigInteger", null),
  BIG_DECIMAL("bigDecimal", null),
  INSTANT("instant", "instant"),
  UUID("uuid", "uuid"),
  BYTES("bytes", null),
  BYTE_ARRAY("byteArray", null),
  KEYWORD("keyword", "keyword");

  final String reader;
  final String keyReader;

  Scalar(String reader, String keyReader) {
    this.reader = reader;
    this.keyReader = keyReader;
  }

  /** Whether the data model carries this type as a {@code Long}, written from the narrower Java type. */
  boolean isIntegral() {
    return this == LONG || this == INT || this == SHORT || this == BYTE;
  }
}
