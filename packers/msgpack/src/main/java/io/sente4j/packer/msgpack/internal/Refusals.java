package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.DecimalDigits;
import io.sente4j.packer.msgpack.MsgpackPacker;
import java.math.BigDecimal;
import java.math.BigInteger;

/** The exceptions {@code pack} throws for values outside the MessagePack packer's domain. */
final class Refusals {
  private Refusals() {}

  static PackerException unsupported(Object v) {
    if (v instanceof Tagged) {
      return refuse("cannot pack the tagged value #" + ((Tagged) v).tag()
          + ": Sente's MessagePack has no tags, so Tagged is outside the msgpack packer's domain");
    }
    if (v instanceof BigDecimal) {
      return refuse("cannot pack the decimal " + literal((BigDecimal) v, "M") + ": Sente's MessagePack has no "
          + "decimal type, so BigDecimal is outside the msgpack packer's domain");
    }
    return refuse("cannot pack a value of class " + v.getClass().getName() + ": it is not in the data model");
  }

  static PackerException bigInteger(BigInteger b) {
    return refuse("cannot pack the integer " + literal(b, "N") + ": MessagePack integers range from -2^63 to 2^64-1");
  }

  static PackerException loneSurrogate(String what, int index, char c) {
    return refuse(String.format("cannot pack %s holding the lone surrogate U+%04X at index %d: UTF-8 cannot "
        + "carry it", what, (int) c, index));
  }

  static PackerLimitException tooDeep(int maxDepth) {
    return new PackerLimitException(MsgpackPacker.NAME, PackerLimitException.Limit.DEPTH, maxDepth, -1);
  }

  private static PackerException refuse(String reason) {
    return new PackerException(MsgpackPacker.NAME, reason);
  }

  /** The number's literal, cut for a message; one of more than 1,000 digits by its size (printing it takes seconds). */
  private static String literal(Number n, String suffix) {
    return DecimalDigits.cheapText(n) ? abbreviate(n.toString()) + suffix : DecimalDigits.text(n);
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 20) + "..." + s.substring(s.length() - 10);
  }
}
