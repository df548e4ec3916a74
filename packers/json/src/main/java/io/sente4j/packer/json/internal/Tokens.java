package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The token-level reading and checks of one unpack call, shared by {@link JsonValueReader} and {@link DeepReader}:
 * scalars and object keys as the domain reads them, and the depth and size limits, each error at the start of the
 * offending token.
 */
final class Tokens {
  final JsonParser p;
  private final Position position;
  private final PackerLimits limits;

  Tokens(JsonParser p, Position position, PackerLimits limits) {
    this.p = p;
    this.position = position;
    this.limits = limits;
  }

  /**
   * The value of a scalar token: strings as {@code String} (never with a lone surrogate), integers as {@code Long}
   * or, beyond its range, {@code BigInteger}, other numbers as {@code Double} (never infinite).
   */
  Object scalar(JsonToken t) throws IOException {
    switch (t.id()) {
      case JsonTokenId.ID_STRING:
        return string(p.getText(), "a string");
      case JsonTokenId.ID_NUMBER_INT:
        return integer();
      case JsonTokenId.ID_NUMBER_FLOAT:
        return floating();
      case JsonTokenId.ID_TRUE:
        return Boolean.TRUE;
      case JsonTokenId.ID_FALSE:
        return Boolean.FALSE;
      case JsonTokenId.ID_NULL:
        return null;
      default:
        throw error("unexpected JSON token " + t);
    }
  }

  /** At a {@code FIELD_NAME} token: the key, checked to fit in {@code object} and not to repeat one of its keys. */
  String key(Map<String, Object> object) throws IOException {
    if (object.size() >= limits.maxCollectionSize()) {
      throw tooLarge();
    }
    String name = string(p.currentName(), "an object key");
    if (object.containsKey(name)) {
      throw error("duplicate key " + Describe.quote(name) + " in an object");
    }
    return name;
  }

  /** At the start of an element of {@code array}: checks the array has room for it. */
  void checkRoom(List<?> array) {
    if (array.size() >= limits.maxCollectionSize()) {
      throw tooLarge();
    }
  }

  /** At the start of a collection at {@code depth} (the outermost is 1): checks the depth limit. */
  void checkDepth(int depth) {
    if (depth > limits.maxDepth()) {
      throw position.limit(Limit.DEPTH, limits.maxDepth(), p.currentTokenLocation());
    }
  }

  /** An error at the start of the current token. */
  PackerException error(String reason) {
    return position.atToken(p, reason);
  }

  /** An error where the parser stands, such as the end of input that holds no value. */
  PackerException errorHere(String reason) {
    return position.error(reason, p.currentLocation(), null);
  }

  private PackerLimitException tooLarge() {
    return position.limit(Limit.COLLECTION_SIZE, limits.maxCollectionSize(), p.currentTokenLocation());
  }

  private String string(String s, String what) {
    int lone = Surrogates.firstLone(s);
    if (lone >= 0) {
      throw error(what + " holding " + Surrogates.describe(s, lone));
    }
    return s;
  }

  private Object integer() throws IOException {
    checkNumberLength();
    switch (p.getNumberType()) {
      case INT:
      case LONG:
        return p.getLongValue();
      default:
        // Jackson reports BIG_INTEGER only beyond the range of a long; normalise anyway, cheaply.
        BigInteger big = p.getBigIntegerValue();
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
  }

  private Double floating() throws IOException {
    checkNumberLength();
    double d = p.getDoubleValue();
    if (Double.isInfinite(d)) {
      throw error("the number " + NumberText.abbreviate(p.getText()) + " is beyond the range of a double");
    }
    return d;
  }

  /**
   * Jackson's own number limit bounds the digits it tokenizes (it counts neither sign nor exponent, and counts
   * differently for text and bytes); this makes the rule exact, and the same as the writer's, before the number is
   * converted.
   */
  private void checkNumberLength() throws IOException {
    if (p.getTextLength() > JsonLimits.MAX_NUMBER_LENGTH) {
      throw error(JacksonErrors.NUMBER_TOO_LONG);
    }
  }
}
