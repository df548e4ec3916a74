package io.sente4j.packer.transit.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.DecimalDigits;
import io.sente4j.core.internal.DecimalText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Walks a value before it is written and refuses, with a {@link PackerException}, whatever the Transit packers do
 * not write: objects outside the data model, values nested deeper than the limit (a cyclic value among them), and
 * the few values of the data model that Transit cannot carry or would read back as something else (see the
 * packers' domain). transit-java then writes a value it is known to handle.
 */
final class WriteCheck {
  /** Tags the reader interprets as Transit collections; a {@link Tagged} with one would not read back as itself. */
  private static final Set<String> RESERVED_TAGS = Set.of("set", "list", "cmap", "array", "map");

  private final String packer;
  private final int maxDepth;

  WriteCheck(String packer, int maxDepth) {
    this.packer = packer;
    this.maxDepth = maxDepth;
  }

  void check(Object v) {
    check(v, 1);
  }

  private void check(Object v, int depth) {
    if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Double
        || v instanceof Keyword || v instanceof Symbol || v instanceof UUID || v instanceof Bytes
        || v instanceof byte[] || v instanceof Short || v instanceof Byte || v instanceof Float) {
      return;
    }
    if (v instanceof String) {
      int bad = Surrogates.lone((String) v);
      if (bad >= 0) {
        throw refuse("a string holding a lone surrogate at index " + bad + ", which UTF-8 cannot carry");
      }
    } else if (v instanceof Character) {
      if (Character.isSurrogate((Character) v)) {
        throw refuse("the character U+" + Integer.toHexString((Character) v).toUpperCase()
            + ", a lone surrogate, which UTF-8 cannot carry");
      }
    } else if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.bitLength() > DecimalDigits.MAX_BITS || b.toString().length() > Scalars.MAX_NUMBER_LENGTH) {
        throw refuse("a BigInteger whose text is longer than " + Scalars.MAX_NUMBER_LENGTH + " characters");
      }
    } else if (v instanceof BigDecimal) {
      BigDecimal d = (BigDecimal) v;
      if (d.unscaledValue().bitLength() > DecimalDigits.MAX_BITS || d.precision() > Scalars.MAX_NUMBER_LENGTH) {
        throw refuse("a BigDecimal whose text is longer than " + Scalars.MAX_NUMBER_LENGTH + " characters");
      }
      // The text WriteHandlers writes, which a reader reads with new BigDecimal(String), here and in transit-java.
      String text = DecimalText.of(d).orElseThrow(() -> refuse("the BigDecimal " + d + ", whose text has an"
          + " exponent (2^31) beyond the range of an int, which no Transit reader on the JVM reads"));
      if (text.length() > Scalars.MAX_NUMBER_LENGTH) {
        throw refuse("a BigDecimal whose text is longer than " + Scalars.MAX_NUMBER_LENGTH + " characters");
      }
    } else if (v instanceof Instant) {
      try {
        ((Instant) v).toEpochMilli();
      } catch (ArithmeticException e) {
        throw refuse("the instant " + v + ", beyond the milliseconds a long holds, which is how Transit writes "
            + "instants");
      }
    } else if (v instanceof List || v instanceof Set) {
      enter(depth);
      for (Object e : (Collection<?>) v) {
        check(e, depth + 1);
      }
      if (v instanceof Set) {
        checkDistinct((Set<?>) v, "set elements");
      }
    } else if (v instanceof Map) {
      enter(depth);
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        check(e.getKey(), depth + 1);
        check(e.getValue(), depth + 1);
      }
      checkDistinct(((Map<?, ?>) v).keySet(), "map keys");
    } else if (v instanceof Tagged) {
      enter(depth);
      checkTag((Tagged) v);
      check(((Tagged) v).value(), depth + 1);
    } else {
      throw refuse("cannot write " + v.getClass().getName() + ": it is not a value of the data model");
    }
  }

  /**
   * Keys that differ here but are written alike (two instants in one millisecond, {@code 1} and {@code 1L}) would
   * read back as a map with a duplicate key, which readers refuse; such a collection is refused before it is sent.
   * Only scalar keys are compared as written; the check costs nothing when no key is written lossily.
   */
  private void checkDistinct(Collection<?> keys, String what) {
    boolean lossy = false;
    for (Object k : keys) {
      lossy |= k != null && written(k) != k;
    }
    if (!lossy) {
      return;
    }
    Set<Object> seen = new HashSet<>();
    for (Object k : keys) {
      if (!seen.add(written(k))) {
        throw refuse("two " + what + " that Transit writes alike: " + Describe.value(written(k)));
      }
    }
  }

  /** A scalar as it reads back; the same object when it reads back equal. */
  private static Object written(Object k) {
    if (k instanceof Instant && ((Instant) k).getNano() % 1_000_000 != 0) {
      return Instant.ofEpochMilli(((Instant) k).toEpochMilli());
    }
    if (k instanceof Integer || k instanceof Short || k instanceof Byte) {
      return ((Number) k).longValue();
    }
    if (k instanceof Float) {
      return ((Float) k).doubleValue();
    }
    if (k instanceof byte[]) {
      return Bytes.copyOf((byte[]) k);
    }
    return k;
  }

  private void checkTag(Tagged t) {
    String tag = t.tag().qualifiedName();
    if (RESERVED_TAGS.contains(tag)) {
      throw refuse("a Tagged with the tag \"" + tag + "\", which Transit reads as its own collection");
    }
    if (tag.length() == 1 && Scalars.isInterpreted(tag.charAt(0))) {
      throw refuse("a Tagged with the tag \"" + tag + "\", which is Transit's own scalar tag");
    }
    if (tag.length() == 1 && !(t.value() instanceof String)) {
      throw refuse("a Tagged with the single-character tag \"" + tag + "\" on a value that is not a string "
          + "(Transit writes such a tag only as a string, \"~" + tag + "...\")");
    }
  }

  private void enter(int depth) {
    if (depth > maxDepth) {
      throw new PackerLimitException(packer, Limit.DEPTH, maxDepth, -1);
    }
  }

  private PackerException refuse(String reason) {
    return new PackerException(packer, reason);
  }
}
