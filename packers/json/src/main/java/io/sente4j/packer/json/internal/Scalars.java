package io.sente4j.packer.json.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What each value that is not a collection becomes in JSON: as a value ({@link #write}) and as an object key
 * ({@link #keyName}). The two agree: a key is the string a value of that type is written as, or, where the value is
 * written as a number, {@code true}, {@code false} or {@code null}, that JSON text.
 */
final class Scalars {
  private Scalars() {}

  /** Whether {@code v} is written as a JSON array or object. */
  static boolean isCollection(Object v) {
    return v instanceof Map || v instanceof List || v instanceof Set;
  }

  /**
   * Writes a value that is not a collection.
   *
   * @throws io.sente4j.core.PackerException if the value is outside the domain
   */
  static void write(JsonGenerator g, Object v) throws IOException {
    if (v instanceof String) {
      g.writeString(checked((String) v));
    } else if (v == null) {
      g.writeNull();
    } else if (v instanceof Long) {
      g.writeNumber((long) (Long) v);
    } else if (v instanceof Boolean) {
      g.writeBoolean((Boolean) v);
    } else if (v instanceof Keyword) {
      g.writeString(((Keyword) v).qualifiedName());
    } else if (v instanceof Double) {
      g.writeNumber(NumberText.finite((Double) v));
    } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).intValue());
    } else if (v instanceof BigInteger) {
      g.writeNumber(NumberText.of((BigInteger) v));
    } else if (v instanceof BigDecimal) {
      g.writeNumber(NumberText.of((BigDecimal) v));
    } else if (v instanceof Float) {
      g.writeNumber(NumberText.finite((Float) v));
    } else {
      g.writeString(stringForm(v));
    }
  }

  /**
   * The object key that a key other than a collection maps to.
   *
   * @throws io.sente4j.core.PackerException if the key is outside the domain
   */
  static String keyName(Object k) {
    if (k instanceof String) {
      return checked((String) k);
    }
    if (k instanceof Keyword) {
      return ((Keyword) k).qualifiedName();
    }
    if (k == null) {
      return "null";
    }
    if (k instanceof Long || k instanceof Integer || k instanceof Short || k instanceof Byte) {
      return Long.toString(((Number) k).longValue());
    }
    if (k instanceof Boolean) {
      return k.toString();
    }
    if (k instanceof Double || k instanceof Float) {
      return NumberText.of(((Number) k).doubleValue());
    }
    if (k instanceof BigInteger) {
      return NumberText.of((BigInteger) k);
    }
    if (k instanceof BigDecimal) {
      return NumberText.of((BigDecimal) k);
    }
    return stringForm(k);
  }

  /** Checks that a string can be encoded as UTF-8, and returns it. */
  static String checked(String s) {
    int lone = Surrogates.firstLone(s);
    if (lone >= 0) {
      throw Refusals.loneSurrogate(s, lone);
    }
    return s;
  }

  /** The string that a value written as a JSON string becomes; refuses anything else. */
  private static String stringForm(Object v) {
    if (v instanceof Symbol) {
      return ((Symbol) v).qualifiedName();
    }
    if (v instanceof Character) {
      return checked(v.toString());
    }
    if (v instanceof Instant || v instanceof UUID) {
      return v.toString();
    }
    if (v instanceof Bytes) {
      return ((Bytes) v).toBase64();
    }
    if (v instanceof byte[]) {
      return Base64.getEncoder().encodeToString((byte[]) v);
    }
    throw Refusals.unsupported(v);
  }
}
