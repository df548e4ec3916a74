package io.sente4j.packer.cbor.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.internal.HashFloodGuard;
import io.sente4j.core.internal.IdentifierTable;
import io.sente4j.packer.cbor.CborPacker;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one CBOR item (RFC 8949) into the data model: a strict decoder over the input bytes. Every length is checked
 * against the bytes that remain before anything is allocated, and the depth and collection limits before each
 * collection is read. The tags are read by {@link TagReader}.
 */
public final class CborReader {
  /** The "break" that ends an indefinite-length item. */
  static final int BREAK = 0xff;
  /** An argument value meaning "indefinite length". */
  private static final long INDEFINITE = -1;
  /** The identifiers read lately (tag 39), shared by every reader. */
  private static final IdentifierTable IDENTIFIERS = new IdentifierTable();

  final byte[] in;
  final int maxDepth;
  private final int maxCollectionSize;
  private final int maxKeysPerHashCode;
  int pos;
  /** The offset of the item being read, for error messages. */
  long at;

  private CborReader(byte[] in, PackerLimits limits) {
    this.in = in;
    this.maxDepth = limits.maxDepth();
    this.maxCollectionSize = limits.maxCollectionSize();
    this.maxKeysPerHashCode = limits.maxKeysPerHashCode();
  }

  /**
   * Reads the one item that {@code input} holds.
   *
   * @throws PackerException if the input is not exactly one item of the data model, or passes a limit
   */
  public static Object read(Bytes input, PackerLimits limits) {
    if (input.length() > limits.maxInputBytes()) {
      throw new PackerLimitException(CborPacker.NAME, Limit.INPUT_BYTES, limits.maxInputBytes(), 0);
    }
    if (input.isEmpty()) {
      throw error("empty input: expected one CBOR item", 0);
    }
    CborReader r = new CborReader(input.toByteArray(), limits);
    try {
      Object value = r.value(0);
      if (r.pos < r.in.length) {
        throw error("unexpected bytes after the item", r.pos);
      }
      return value;
    } catch (PackerException e) {
      throw e;
    } catch (StackOverflowError e) {
      // Only reachable with maxDepth set far above its default (recursion, or the JDK's recursive hashCode of a
      // nested key): report it as the depth limit it stands for.
      throw new PackerLimitException(CborPacker.NAME, Limit.DEPTH, limits.maxDepth(), r.at);
    } catch (RuntimeException e) {
      throw new PackerException(CborPacker.NAME, "internal error while reading: " + e, r.at, -1, -1, e);
    }
  }

  static PackerException error(String reason, long offset) {
    return new PackerException(CborPacker.NAME, reason, offset);
  }

  PackerException error(String reason) {
    return error(reason, at);
  }

  int u8() {
    if (pos >= in.length) {
      throw error("input ends inside the item that starts", at);
    }
    return in[pos++] & 0xff;
  }

  /** The major type of the next item, without consuming it. */
  int peekMajor() {
    if (pos >= in.length) {
      throw error("input ends inside the item that starts", at);
    }
    return (in[pos] & 0xff) >>> 5;
  }

  /** The number of the tag whose head is next, without consuming it; the caller has checked that a tag is next. */
  long peekTag() {
    int start = pos;
    long startAt = at;
    long tag = definite(u8() & 0x1f);
    pos = start;
    at = startAt;
    return tag;
  }

  /** The argument of a head whose additional information is {@code ai}: a number, or {@link #INDEFINITE}. */
  private long argument(int ai) {
    if (ai < 24) {
      return ai;
    }
    if (ai == 31) {
      return INDEFINITE;
    }
    if (ai > 27) {
      throw error("a reserved additional information value " + ai);
    }
    int n = 1 << (ai - 24);
    if (in.length - pos < n) {
      throw error("input ends inside the item that starts", at);
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (in[pos++] & 0xff);
    }
    return v;
  }

  /** A length argument, checked against what remains: each unit needs at least {@code bytesEach} bytes. */
  private int length(long n, int bytesEach, String what) {
    long remaining = in.length - pos;
    if (n < 0 || n > remaining / bytesEach) {
      throw error(what + " of " + Long.toUnsignedString(n) + (what.endsWith("string") ? " bytes" : " items")
          + " but only " + remaining + " bytes follow");
    }
    return (int) n;
  }

  Object value(int enclosing) {
    at = pos;
    int ib = u8();
    int major = ib >>> 5;
    int ai = ib & 0x1f;
    switch (major) {
      case CborValues.MAJOR_UNSIGNED: {
        long n = definite(ai);
        return n >= 0 ? (Object) n : new BigInteger(Long.toUnsignedString(n));
      }
      case CborValues.MAJOR_NEGATIVE: {
        long n = definite(ai);
        return n >= 0 ? (Object) (-1 - n) : new BigInteger(Long.toUnsignedString(n)).negate().subtract(BigInteger.ONE);
      }
      case CborValues.MAJOR_BYTES:
        return Bytes.wrap(bytes(ai, CborValues.MAJOR_BYTES));
      case CborValues.MAJOR_TEXT: {
        long start = at;
        if (ai != 31) {
          int len = length(argument(ai), 1, "a text string");
          pos += len;
          return utf8(in, pos - len, len, start);
        }
        byte[] b = bytes(ai, CborValues.MAJOR_TEXT);
        return utf8(b, 0, b.length, start);
      }
      case CborValues.MAJOR_ARRAY:
        return Collections.unmodifiableList(array(ai, enclosing + 1));
      case CborValues.MAJOR_MAP:
        return map(ai, enclosing + 1);
      case CborValues.MAJOR_TAG: {
        long tag = definite(ai);
        // The self-describe tag means nothing (RFC 8949 section 3.4.6); a chain of them is skipped by this loop, not
        // by recursion, which nothing would bound: a tag is no level of nesting.
        while (tag == CborTags.SELF_DESCRIBE) {
          if (peekMajor() != CborValues.MAJOR_TAG) {
            return value(enclosing);
          }
          at = pos;
          tag = definite(u8() & 0x1f);
        }
        return TagReader.read(this, tag, enclosing);
      }
      default:
        return simple(ai);
    }
  }

  private long definite(int ai) {
    long n = argument(ai);
    if (ai == 31) {
      throw error("an indefinite length where only a definite one is allowed");
    }
    return n;
  }

  private Object simple(int ai) {
    switch (ai) {
      case 20:
        return Boolean.FALSE;
      case 21:
        return Boolean.TRUE;
      case 22:
        return null;
      case 23:
        throw error("undefined, which is outside the data model");
      case 25:
        return CborValues.half((int) argument(ai));
      case 26:
        return (double) Float.intBitsToFloat((int) argument(ai));
      case 27:
        return Double.longBitsToDouble(argument(ai));
      case 31:
        throw error("a break outside an indefinite-length item");
      default:
        if (ai > 27) {
          throw error("a reserved additional information value " + ai);
        }
        throw error("the simple value " + (ai == 24 ? u8() : ai) + ", which is outside the data model");
    }
  }

  /** A byte or text string, definite or made of definite chunks of the same major type. */
  private byte[] bytes(int ai, int major) {
    String what = major == CborValues.MAJOR_BYTES ? "a byte string" : "a text string";
    long n = argument(ai);
    if (ai != 31) {
      int len = length(n, 1, what);
      byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + len);
      pos += len;
      return b;
    }
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    while (true) {
      int ib = u8();
      if (ib == BREAK) {
        return chunks.toByteArray();
      }
      if (ib >>> 5 != major || (ib & 0x1f) == 31) {
        throw error(what + " of indefinite length holding something other than a definite " + what);
      }
      int len = length(argument(ib & 0x1f), 1, what);
      chunks.write(in, pos, len);
      pos += len;
    }
  }

  /**
   * Strict UTF-8: ASCII copied as it is; otherwise the JDK's fast decoder, and a strict check only when its result
   * holds U+FFFD.
   */
  String utf8(byte[] b, int from, int len, long start) {
    int end = from + len;
    int i = from;
    while (i < end && b[i] >= 0) {
      i++;
    }
    if (i == end) {
      return new String(b, from, len, StandardCharsets.ISO_8859_1); // all ASCII: the same characters, no decoding
    }
    String s = new String(b, from, len, StandardCharsets.UTF_8);
    if (s.indexOf('\ufffd') >= 0) {
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, from, len));
      } catch (CharacterCodingException e) {
        throw error("a text string that is not valid UTF-8", start);
      }
    }
    return s;
  }

  /**
   * The keyword or symbol of an identifier tag (39), whose head has just been read; names read before come from
   * the shared {@link #IDENTIFIERS} table.
   */
  Object identifier(long tag, long tagAt) {
    if (peekMajor() != CborValues.MAJOR_TEXT) {
      throw error("tag " + tag + " around something other than a text string");
    }
    at = pos;
    int ai = u8() & 0x1f;
    if (ai == 31) {
      byte[] b = bytes(ai, CborValues.MAJOR_TEXT);
      return TagReader.identifier(utf8(b, 0, b.length, at), tagAt);
    }
    int len = length(argument(ai), 1, "a text string");
    int from = pos;
    pos += len;
    Object known = IDENTIFIERS.get(in, from, len, 0);
    if (known != null) {
      return known;
    }
    Object value = TagReader.identifier(utf8(in, from, len, at), tagAt);
    IDENTIFIERS.put(in, from, len, 0, value);
    return value;
  }

  void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw new PackerLimitException(CborPacker.NAME, Limit.DEPTH, maxDepth, at);
    }
  }

  private void checkSize(long n) {
    if (n > maxCollectionSize) {
      throw new PackerLimitException(CborPacker.NAME, Limit.COLLECTION_SIZE, maxCollectionSize, at);
    }
  }

  /** The items of an array whose head had additional information {@code ai}, at {@code depth}. */
  List<Object> array(int ai, int depth) {
    checkDepth(depth);
    long n = argument(ai);
    if (ai == 31) {
      long arrayAt = at;
      List<Object> out = new ArrayList<>();
      while (!atBreak()) {
        at = pos; // the item that may be one too many
        checkSize(out.size() + 1L);
        out.add(value(depth));
      }
      at = arrayAt;
      return out;
    }
    checkSize(n);
    int count = length(n, 1, "an array");
    List<Object> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(value(depth));
    }
    return out;
  }

  /** Whether the next byte is a break, which it then consumes. */
  boolean atBreak() {
    if (pos >= in.length) {
      throw error("input ends inside the indefinite-length item that starts", at);
    }
    if ((in[pos] & 0xff) == BREAK) {
      pos++;
      return true;
    }
    return false;
  }

  private Map<Object, Object> map(int ai, int depth) {
    checkDepth(depth);
    long n = argument(ai);
    boolean indefinite = ai == 31;
    int count = 0;
    if (!indefinite) {
      checkSize(n);
      count = length(n, 2, "a map");
    }
    Map<Object, Object> out = new LinkedHashMap<>(count < 12 ? 16 : (int) (count / 0.75f) + 1);
    HashFloodGuard guard = hashGuard();
    for (int i = 0; indefinite ? !atBreak() : i < count; i++) {
      if (indefinite) {
        at = pos; // the key that may be one too many
        checkSize(i + 1L);
      }
      long keyAt = pos;
      Object key = value(depth);
      if (!guard.admits(key, out.keySet())) {
        throw guard.refused(CborPacker.NAME, "keys of one map", keyAt, -1, -1);
      }
      Object value = value(depth);
      int before = out.size();
      out.put(key, value);
      if (out.size() == before) {
        throw error("the map repeats a key", keyAt);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A guard on the hash codes of one map's keys or one set's elements, at this reader's limit. */
  HashFloodGuard hashGuard() {
    return new HashFloodGuard(maxKeysPerHashCode);
  }
}
