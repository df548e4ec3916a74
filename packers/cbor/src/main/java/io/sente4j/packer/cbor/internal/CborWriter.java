package io.sente4j.packer.cbor.internal;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.core.internal.Rfc3339;
import io.sente4j.packer.cbor.CborPacker;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Writes one value of the data model as CBOR with a Jackson {@link CBORGenerator}: Jackson encodes the scalars
 * (shortest integers, float64, UTF-8 text, byte strings, tags), and this class writes the array and map heads itself,
 * because Jackson's object context takes only string keys while the data model's maps take any key.
 *
 * <p>It recurses once per collection or tagged value, checking the depth limit before each step down, so the
 * recursion is as deep as {@code maxDepth} at most; a limit set so high that the thread's stack gives out first still
 * ends in the depth-limit error.
 */
public final class CborWriter {
  /** Strings longer than this are encoded here, so that Jackson does not write them in chunks. */
  private static final int LONG_STRING = 2000;
  private final CBORGenerator out;
  private final int maxDepth;
  private final byte[] head = new byte[9];
  /** An instant's tag, text head and text; see {@link #instant}. */
  private final byte[] text = new byte[3 + Rfc3339.MAX_LENGTH];

  private CborWriter(CBORGenerator out, int maxDepth) {
    this.out = out;
    this.maxDepth = maxDepth;
  }

  /** The factory a packer shares between its calls: no self-describe header, no string references. */
  public static CBORFactory factory() {
    return CBORFactory.builder()
        .disable(CBORGenerator.Feature.WRITE_TYPE_HEADER)
        .disable(CBORGenerator.Feature.STRINGREF)
        .disable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
        .disable(CBORGenerator.Feature.LENIENT_UTF_ENCODING)
        .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
        .build();
  }

  /**
   * The CBOR bytes of {@code value}.
   *
   * @throws PackerException if the value is outside the packer's domain
   * @throws io.sente4j.core.PackerLimitException if it nests deeper than {@code maxDepth}
   */
  public static byte[] write(CBORFactory factory, Object value, int maxDepth) {
    // As ObjectMapper.writeValueAsBytes does: the output segments come from Jackson's recycled buffers.
    BufferRecycler recycler = factory._getBufferRecycler();
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
      try (CBORGenerator g = (CBORGenerator) factory.createGenerator(bytes)) {
        new CborWriter(g, maxDepth).value(value, 0);
      }
      return bytes.getClearAndRelease(); // gives the first segment back to the recycler, as Jackson does
    } catch (StackOverflowError e) {
      throw Refusals.tooDeep(maxDepth);
    } catch (IOException e) {
      // Writing to memory does not fail; should Jackson refuse something, it must still surface as our type.
      throw new PackerException(CborPacker.NAME, "could not write CBOR: " + e.getMessage(), -1, -1, -1, e);
    } finally {
      recycler.releaseToPool();
    }
  }

  /** Writes {@code v}, which sits inside {@code enclosing} collections or tagged values. */
  private void value(Object v, int enclosing) throws IOException {
    // Final classes first (an instanceof on one is a pointer compare), the collection interfaces after them.
    if (v instanceof String) {
      string((String) v);
    } else if (v instanceof Long) {
      out.writeNumber((long) (Long) v);
    } else if (v instanceof Keyword) {
      identifier(v);
    } else if (v == null) {
      out.writeNull();
    } else if (v instanceof Boolean) {
      out.writeBoolean((Boolean) v);
    } else if (v instanceof Double) {
      out.writeNumber((double) (Double) v);
    } else if (v instanceof Instant) {
      instant((Instant) v);
    } else if (v instanceof UUID) {
      out.writeTag(CborTags.UUID);
      out.writeBinary(CborValues.uuidBytes((UUID) v));
    } else if (v instanceof Map) {
      map((Map<?, ?>) v, enclosing + 1);
    } else if (v instanceof List) {
      array((List<?>) v, enclosing + 1);
    } else if (v instanceof Set) {
      checkDepth(enclosing + 1);
      out.writeTag(CborTags.SET);
      array((Set<?>) v, enclosing + 1);
    } else {
      other(v, enclosing);
    }
  }

  private void other(Object v, int enclosing) throws IOException {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      out.writeNumber(((Number) v).longValue());
    } else if (v instanceof Float) {
      out.writeNumber((double) (Float) v);
    } else if (v instanceof Symbol) {
      identifier(v);
    } else if (v instanceof Character) {
      char c = (Character) v;
      if (Character.isSurrogate(c)) {
        throw Refusals.loneSurrogate("a character", 0, c);
      }
      out.writeTag(CborTags.NAMED_OBJECT);
      head(CborValues.MAJOR_ARRAY, 2);
      out.writeString(CborTags.CHARACTER_NAME);
      out.writeString(String.valueOf(c));
    } else if (v instanceof Bytes) {
      out.writeBinary(((Bytes) v).toByteArray());
    } else if (v instanceof byte[]) {
      out.writeBinary((byte[]) v);
    } else if (v.getClass() == BigInteger.class) {
      bignum((BigInteger) v);
    } else if (v.getClass() == BigDecimal.class) {
      decimal((BigDecimal) v);
    } else if (v instanceof Tagged) {
      tagged((Tagged) v, enclosing + 1);
    } else {
      throw Refusals.unsupported(v);
    }
  }

  private void string(String s) throws IOException {
    int bad = CborValues.loneSurrogate(s);
    if (bad >= 0) {
      throw Refusals.loneSurrogate("a string", bad, s.charAt(bad));
    }
    if (s.length() > LONG_STRING) {
      // Jackson writes strings of more than about 4000 characters as indefinite-length chunks; this packer writes
      // every string with its definite length.
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      out.writeRawUTF8String(utf8, 0, utf8.length);
    } else {
      out.writeString(s);
    }
  }

  /** Tag 39 around a keyword's text (with its colon) or a symbol's, copied from {@link IdentifierEncodings}. */
  private void identifier(Object v) throws IOException {
    byte[] encoding = IdentifierEncodings.of(v);
    if (encoding != null) {
      out.writeBytes(encoding, 0, encoding.length);
    } else {
      out.writeTag(CborTags.IDENTIFIER);
      string(v instanceof Keyword ? ":" + ((Keyword) v).qualifiedName() : ((Symbol) v).qualifiedName());
    }
  }

  /**
   * Tag 0 around the RFC 3339 text, formatted straight into the bytes written: the text is 20 to 30 ASCII
   * characters, so its head is one byte ({@code 0x74}) for 20 and two ({@code 0x78 n}) for the longer ones.
   */
  private void instant(Instant t) throws IOException {
    CborValues.checkRfc3339Range(t);
    int length = Rfc3339.format(t, text, 3);
    int start;
    if (length < 24) {
      text[2] = (byte) ((CborValues.MAJOR_TEXT << 5) | length);
      start = 1;
    } else {
      text[1] = (byte) ((CborValues.MAJOR_TEXT << 5) | 24);
      text[2] = (byte) length;
      start = 0;
    }
    text[start] = (byte) ((CborValues.MAJOR_TAG << 5) | CborTags.DATE_TIME_TEXT);
    out.writeBytes(text, start, 3 + length - start);
  }

  /** Tag 2 or 3 around the magnitude (for tag 3, of -1 - n) without leading zero bytes. */
  private void bignum(BigInteger n) throws IOException {
    if (!CborValues.hasAllowedDigits(n)) {
      throw Refusals.tooManyDigits(n);
    }
    out.writeTag(n.signum() < 0 ? CborTags.NEGATIVE_BIGNUM : CborTags.POSITIVE_BIGNUM);
    out.writeBinary(CborValues.magnitude(n.signum() < 0 ? n.negate().subtract(BigInteger.ONE) : n));
  }

  /** Tag 4 around {@code [exponent mantissa]}: exponent -scale, mantissa the unscaled value. */
  private void decimal(BigDecimal d) throws IOException {
    out.writeTag(CborTags.DECIMAL_FRACTION);
    head(CborValues.MAJOR_ARRAY, 2);
    out.writeNumber(-(long) d.scale());
    BigInteger unscaled = d.unscaledValue();
    if (unscaled.bitLength() < 64) {
      out.writeNumber(unscaled.longValue());
    } else {
      bignum(unscaled);
    }
  }

  private void tagged(Tagged t, int depth) throws IOException {
    checkDepth(depth);
    String name = t.tag().qualifiedName();
    if (name.equals(CborTags.CHARACTER_NAME)) {
      throw new PackerException(CborPacker.NAME, "cannot pack a Tagged value with the tag #" + name
          + ", which the cbor packer reserves for characters");
    }
    out.writeTag(CborTags.NAMED_OBJECT);
    head(CborValues.MAJOR_ARRAY, 2);
    string(name);
    value(t.value(), depth);
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw Refusals.tooDeep(maxDepth);
    }
  }

  private void array(Collection<?> c, int depth) throws IOException {
    checkDepth(depth);
    int n = c.size();
    head(CborValues.MAJOR_ARRAY, n);
    int written = 0;
    for (Object e : c) {
      value(e, depth);
      written++;
    }
    if (written != n) {
      throw Refusals.changedSize(c);
    }
  }

  private void map(Map<?, ?> m, int depth) throws IOException {
    checkDepth(depth);
    int n = m.size();
    head(CborValues.MAJOR_MAP, n);
    int written = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      value(e.getKey(), depth);
      value(e.getValue(), depth);
      written++;
    }
    if (written != n) {
      throw Refusals.changedSize(m);
    }
  }

  /** The head of an array or map of {@code n} items, in its shortest form, written raw past Jackson's contexts. */
  private void head(int major, int n) throws IOException {
    int len = CborValues.head(head, major, n);
    out.writeBytes(head, 0, len);
  }
}
