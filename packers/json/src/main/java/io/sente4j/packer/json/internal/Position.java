package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.packer.json.JsonPacker;

/**
 * Builds the exceptions of one unpack call at a position in its input: the character offset for text input, the
 * byte offset for binary input, and in both cases Jackson's line and column.
 */
final class Position {
  private final boolean binary;

  Position(boolean binary) {
    this.binary = binary;
  }

  /** An error at {@code location}, which may be null (no position known). */
  PackerException error(String reason, JsonLocation location, Throwable cause) {
    if (location == null) {
      return new PackerException(JsonPacker.NAME, reason, -1, -1, -1, cause);
    }
    return new PackerException(JsonPacker.NAME, reason, offset(location), location.getLineNr(),
        location.getColumnNr(), cause);
  }

  /** A limit exceeded at {@code location}. */
  PackerLimitException limit(PackerLimitException.Limit limit, long value, JsonLocation location) {
    return new PackerLimitException(JsonPacker.NAME, limit, value, offset(location), location.getLineNr(),
        location.getColumnNr());
  }

  /** An error at the start of the parser's current token. */
  PackerException atToken(JsonParser p, String reason) {
    return error(reason, p.currentTokenLocation(), null);
  }

  private long offset(JsonLocation location) {
    return binary ? location.getByteOffset() : location.getCharOffset();
  }
}
