package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Symbol;
import io.sente4j.core.internal.CacheExpansion;
import io.sente4j.core.internal.HashFloodGuard;
import io.sente4j.core.internal.IdentifierTable;
import io.sente4j.packer.msgpack.MsgpackPacker;
import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.value.ValueType;

/**
 * Reads one MessagePack value with msgpack-core's {@link MessageUnpacker}: every legal encoding of each value, Sente's
 * extension types, and the per-message map-key cache as Sente's reader keeps it (every keyword or string map key
 * read literally is numbered, while fewer than 256 are; extension 8 names one of them). Lengths are checked against
 * the bytes that remain before anything is allocated, and the limits before each collection is read.
 */
public final class MsgpackReader {
  /** The keywords (kind 0) and symbols (kind 1) read lately, shared by every reader. */
  private static final IdentifierTable NAMES = new IdentifierTable();

  private final MessageUnpacker in;
  private final int length;
  private final int maxDepth;
  private final int maxCollectionSize;
  private final int maxKeysPerHashCode;
  /** The offset of the value being read, for error messages. */
  private long at;
  /** The map keys numbered so far in this message; created at the first one. */
  private List<Object> keyCache;
  /** The bytes each numbered key takes, which a reference to it stands for. */
  private int[] keySizes;
  private final CacheExpansion expansion;

  private MsgpackReader(byte[] input, PackerLimits limits) {
    this.in = MessagePack.newDefaultUnpacker(input);
    this.length = input.length;
    this.maxDepth = limits.maxDepth();
    this.maxCollectionSize = limits.maxCollectionSize();
    this.maxKeysPerHashCode = limits.maxKeysPerHashCode();
    this.expansion = new CacheExpansion(limits, "bytes");
  }

  /**
   * Reads the one value that {@code input} holds.
   *
   * @throws PackerException if the input is not exactly one value of the packer's domain, or passes a limit
   */
  public static Object read(Bytes input, PackerLimits limits) {
    if (input.length() > limits.maxInputBytes()) {
      throw new PackerLimitException(MsgpackPacker.NAME, Limit.INPUT_BYTES, limits.maxInputBytes(), 0);
    }
    if (input.isEmpty()) {
      throw error("empty input: expected one MessagePack value", 0);
    }
    MsgpackReader r = new MsgpackReader(input.toByteArray(), limits);
    try {
      Object value = r.value(0);
      if (r.in.hasNext()) {
        throw error("unexpected bytes after the value", r.in.getTotalReadBytes());
      }
      return value;
    } catch (PackerException e) {
      throw e;
    } catch (MessageInsufficientBufferException e) {
      throw error("input ends inside the value that starts", r.at);
    } catch (MessagePackException | IOException e) {
      throw error("malformed MessagePack (" + e.getMessage() + ") in the value that starts", r.at);
    } catch (StackOverflowError e) {
      // Only reachable with maxDepth set far above its default (recursion, or the JDK's recursive hashCode of a
      // nested key): report it as the depth limit it stands for.
      throw new PackerLimitException(MsgpackPacker.NAME, Limit.DEPTH, limits.maxDepth(), r.at);
    } catch (RuntimeException e) {
      throw new PackerException(MsgpackPacker.NAME, "internal error while reading: " + e, r.at, -1, -1, e);
    }
  }

  private static PackerException error(String reason, long offset) {
    return new PackerException(MsgpackPacker.NAME, reason, offset);
  }

  private int remaining() {
    return length - (int) in.getTotalReadBytes();
  }

  /** Checks that {@code n} bytes (or elements of at least one byte each) can still follow. */
  private void need(long n, String what) {
    if (n > remaining()) {
      throw error(what + " needs " + n + " bytes but only " + remaining() + " follow", at);
    }
  }

  private Object value(int enclosing) throws IOException {
    at = in.getTotalReadBytes();
    MessageFormat format = in.getNextFormat();
    if (format == MessageFormat.NEVER_USED) {
      throw error("the byte c1, which MessagePack never uses", at);
    }
    ValueType type = format.getValueType();
    switch (type) {
      case NIL:
        in.unpackNil();
        return null;
      case BOOLEAN:
        return in.unpackBoolean();
      case INTEGER:
        if (format == MessageFormat.UINT64) {
          BigInteger b = in.unpackBigInteger();
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return in.unpackLong();
      case FLOAT:
        return in.unpackDouble();
      case STRING:
        return utf8(in.unpackRawStringHeader(), "a string");
      case BINARY: {
        int n = in.unpackBinaryHeader();
        need(n, "binary");
        return Bytes.wrap(in.readPayload(n));
      }
      case ARRAY:
        return list(in.unpackArrayHeader(), enclosing + 1);
      case MAP:
        return map(in.unpackMapHeader(), enclosing + 1);
      default:
        return extension(in.unpackExtensionTypeHeader(), enclosing);
    }
  }

  /** Decodes {@code n} bytes of strict UTF-8, without copying them out of the input first. */
  private String utf8(int n, String what) throws IOException {
    need(n, what);
    MessageBuffer ref = in.readPayloadAsReference(n);
    return Utf8Text.decode(ref.array(), ref.arrayOffset(), n, what, at);
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw new PackerLimitException(MsgpackPacker.NAME, Limit.DEPTH, maxDepth, at);
    }
  }

  private void checkSize(int n, int bytesEach) {
    if (n > maxCollectionSize) {
      throw new PackerLimitException(MsgpackPacker.NAME, Limit.COLLECTION_SIZE, maxCollectionSize, at);
    }
    if ((long) n * bytesEach > remaining()) { // the message is built only here: this runs for every collection
      need((long) n * bytesEach, "a collection of " + n + (bytesEach == 1 ? " elements" : " entries") + " at least");
    }
  }

  private List<Object> list(int n, int depth) throws IOException {
    checkDepth(depth);
    checkSize(n, 1);
    List<Object> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(value(depth));
    }
    return Collections.unmodifiableList(out);
  }

  private Map<Object, Object> map(int n, int depth) throws IOException {
    checkDepth(depth);
    checkSize(n, 2);
    Map<Object, Object> out = new LinkedHashMap<>(n < 12 ? 16 : (int) (n / 0.75f) + 1);
    HashFloodGuard guard = new HashFloodGuard(maxKeysPerHashCode);
    for (int i = 0; i < n; i++) {
      long keyAt = in.getTotalReadBytes();
      Object key = key(depth);
      if (!guard.admits(key, out.keySet())) {
        throw guard.refused(MsgpackPacker.NAME, "keys of one map", keyAt, -1, -1);
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

  /** A map key: a reference to a numbered key (extension 8), or any value, numbered if a keyword or string. */
  private Object key(int depth) throws IOException {
    at = in.getTotalReadBytes();
    long keyAt = at;
    Object key;
    if (in.getNextFormat().getValueType() == ValueType.EXTENSION) {
      ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
      if (h.getType() == SenteExt.CACHED_KEY) {
        return cachedKey(h.getLength());
      }
      key = extension(h, depth);
    } else {
      key = value(depth);
    }
    if ((key instanceof String || key instanceof Keyword)
        && (keyCache == null || keyCache.size() < SenteExt.KEY_CACHE_SIZE)) {
      if (keyCache == null) {
        keyCache = new ArrayList<>();
        keySizes = new int[SenteExt.KEY_CACHE_SIZE];
      }
      keySizes[keyCache.size()] = (int) (in.getTotalReadBytes() - keyAt);
      keyCache.add(key);
    }
    return key;
  }

  private Object cachedKey(int n) throws IOException {
    if (n != 1) {
      throw error("a map-key cache reference (extension 8) of " + n + " bytes instead of 1", at);
    }
    need(1, "a map-key cache reference");
    int index = in.readPayload(1)[0] & 0xff;
    int numbered = keyCache == null ? 0 : keyCache.size();
    if (index >= numbered) {
      throw error("a map-key cache reference to key " + index + " when only " + numbered
          + " keys are numbered so far", at);
    }
    if (!expansion.charge(keySizes[index])) {
      throw expansion.refused(MsgpackPacker.NAME, at, -1, -1);
    }
    return keyCache.get(index);
  }

  /** An extension value; {@code enclosing} is the depth around it, which a set goes one below. */
  private Object extension(ExtensionTypeHeader h, int enclosing) throws IOException {
    int n = h.getLength();
    need(n, "an extension");
    switch (h.getType()) {
      case SenteExt.KEYWORD:
        return name(n, true);
      case SenteExt.SYMBOL:
        return name(n, false);
      case SenteExt.CHARACTER: {
        String s = utf8(n, "a character");
        if (s.length() != 1) {
          throw error("a character extension holding " + s.length() + " UTF-16 units instead of 1", at);
        }
        return s.charAt(0);
      }
      case SenteExt.SET:
        return set(n, enclosing + 1);
      case SenteExt.UUID:
        return ExtValues.uuid(in.readPayload(n), at);
      case SenteExt.TIMESTAMP:
        return timestamp(in.readPayload(n));
      case SenteExt.CACHED_KEY:
        throw error("a map-key cache reference (extension 8) that is not a map key", at);
      case SenteExt.RATIO:
        throw error("a Clojure ratio (extension 3), which is outside the data model", at);
      default:
        if (h.getType() >= SenteExt.INT_ARRAY && h.getType() <= SenteExt.DOUBLE_ARRAY) {
          throw error("a primitive array (extension " + h.getType() + "), which is outside the data model", at);
        }
        throw error("an unknown extension type " + h.getType(), at);
    }
  }

  /** A keyword or symbol of {@code n} bytes; one read lately comes from {@link #NAMES}. */
  private Object name(int n, boolean keyword) throws IOException {
    MessageBuffer ref = in.readPayloadAsReference(n);
    byte[] bytes = ref.array();
    int from = ref.arrayOffset();
    Object known = NAMES.get(bytes, from, n, keyword ? 0 : 1);
    if (known != null) {
      return known;
    }
    String text = Utf8Text.decode(bytes, from, n, keyword ? "a keyword" : "a symbol", at);
    Object name;
    try {
      name = keyword ? Keyword.of(text) : Symbol.of(text);
    } catch (IllegalArgumentException e) {
      throw error("an invalid " + (keyword ? "keyword" : "symbol") + " (" + e.getMessage() + ")", at);
    }
    NAMES.put(bytes, from, n, keyword ? 0 : 1, name);
    return name;
  }

  private Instant timestamp(byte[] b) {
    try {
      return ExtValues.timestamp(b, at);
    } catch (DateTimeException e) {
      throw error("a timestamp outside the range of an Instant", at);
    }
  }

  /** Extension 4: exactly one packed array of {@code n} bytes, without repeated elements. */
  private Set<Object> set(int n, int depth) throws IOException {
    long start = in.getTotalReadBytes();
    long setAt = at;
    checkDepth(depth);
    if (n == 0 || in.getNextFormat().getValueType() != ValueType.ARRAY) {
      throw error("a set extension (4) that does not hold an array", setAt);
    }
    int count = in.unpackArrayHeader();
    checkSize(count, 1);
    Set<Object> out = new LinkedHashSet<>(count < 12 ? 16 : (int) (count / 0.75f) + 1);
    HashFloodGuard guard = new HashFloodGuard(maxKeysPerHashCode);
    for (int i = 0; i < count; i++) {
      long elementAt = in.getTotalReadBytes();
      Object element = value(depth);
      if (!guard.admits(element, out)) {
        throw guard.refused(MsgpackPacker.NAME, "elements of one set", elementAt, -1, -1);
      }
      if (!out.add(element)) {
        throw error("the set repeats an element", elementAt);
      }
    }
    if (in.getTotalReadBytes() - start != n) {
      throw error("a set extension of " + n + " bytes whose array takes " + (in.getTotalReadBytes() - start),
          setAt);
    }
    return Collections.unmodifiableSet(out);
  }
}
