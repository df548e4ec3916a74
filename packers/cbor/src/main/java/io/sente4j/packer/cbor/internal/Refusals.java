package io.sente4j.packer.cbor.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.packer.cbor.CborPacker;
import java.math.BigInteger;
import java.time.Instant;

/** The exceptions {@code pack} throws for values outside the CBOR packer's domain. */
final class Refusals {
  private Refusals() {}

  static PackerException unsupported(Object v) {
    return refuse("cannot pack a value of class " + v.getClass().getName() + ": it is not in the data model");
  }

  static PackerException loneSurrogate(String what, int index, char c) {
    return refuse(String.format("cannot pack %s holding the lone surrogate U+%04X at index %d: UTF-8 cannot "
        + "carry it", what, (int) c, index));
  }

  static PackerException instantOutOfRange(Instant t) {
    return refuse("cannot pack the instant " + t + ": RFC 3339 text (tag 0) has the years 0000 to 9999 only");
  }

  static PackerException tooManyDigits(BigInteger n) {
    return refuse("cannot pack a number of " + n.bitLength() + " bits: the CBOR packer writes and reads numbers of at"
        + " most " + CborValues.MAX_DIGITS + " decimal digits (a BigDecimal: in its unscaled value)");
  }

  static PackerException changedSize(Object collection) {
    return refuse("a " + collection.getClass().getName() + " changed size while it was packed");
  }

  static PackerLimitException tooDeep(int maxDepth) {
    return new PackerLimitException(CborPacker.NAME, PackerLimitException.Limit.DEPTH, maxDepth, -1);
  }

  private static PackerException refuse(String reason) {
    return new PackerException(CborPacker.NAME, reason);
  }
}
