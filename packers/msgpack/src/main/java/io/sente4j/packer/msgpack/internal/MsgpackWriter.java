package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.Symbol;
import io.sente4j.packer.msgpack.MsgpackPacker;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes one value of the data model as MessagePack with msgpack-core's {@link MessagePacker} (into a {@link
 * GrowingOutput}), in the bytes
 * Sente's own MessagePack writer produces for the same value (see {@link MsgpackPacker}).
 *
 * <p>One writer serves one {@link #write} call: it holds that message's map-key cache. It recurses once per
 * collection, and the depth limit is checked before each step down, so the recursion is as deep as {@code maxDepth}
 * at most; a limit set so high that the thread's stack gives out first still ends in the depth-limit error.
 */
public final class MsgpackWriter {
  private static final int INT64 = 0xd3;
  private static final int FIXEXT1 = 0xd4;

  private final int maxDepth;
  private GrowingOutput output = GrowingOutput.reusing();
  private MessagePacker out = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(output);
  /** The message's map-key cache: keyword or string key to its number; created at the first such key. */
  private KeyNumbers keyCache;
  private final byte[] scratch = new byte[12];

  private MsgpackWriter(int maxDepth) {
    this.maxDepth = maxDepth;
  }

  /**
   * The MessagePack bytes of {@code value}.
   *
   * @throws PackerException if the value is outside the packer's domain
   * @throws io.sente4j.core.PackerLimitException if it nests deeper than {@code maxDepth}
   */
  public static byte[] write(Object value, int maxDepth) {
    MsgpackWriter w = new MsgpackWriter(maxDepth);
    try {
      w.value(value, 0);
      w.out.flush();
      return w.output.toByteArrayAndRelease();
    } catch (StackOverflowError e) {
      throw Refusals.tooDeep(maxDepth);
    } catch (IOException | RuntimeException e) {
      if (e instanceof PackerException) {
        throw (PackerException) e;
      }
      // Writing to memory does not fail; should msgpack-core refuse something, it must still surface as our type.
      throw new PackerException(MsgpackPacker.NAME, "could not write MessagePack: " + e, -1, -1, -1, e);
    }
  }

  /** Writes {@code v}, which sits inside {@code enclosing} collections. */
  private void value(Object v, int enclosing) throws IOException {
    // Final classes first, commonest first (an instanceof on one is a pointer compare), the collection interfaces
    // after them.
    if (v instanceof String) {
      string((String) v);
    } else if (v instanceof Long) {
      integer((Long) v);
    } else if (v instanceof Keyword) {
      ext(SenteExt.KEYWORD, ((Keyword) v).qualifiedName().getBytes(StandardCharsets.UTF_8));
    } else if (v == null) {
      out.packNil();
    } else if (v instanceof Boolean) {
      out.packBoolean((Boolean) v);
    } else if (v instanceof Double) {
      out.packDouble((Double) v);
    } else if (v instanceof Instant) {
      instant((Instant) v);
    } else if (v instanceof UUID) {
      ext(SenteExt.UUID, v.toString().getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof Map) {
      map((Map<?, ?>) v, enclosing + 1);
    } else if (v instanceof List) {
      list((List<?>) v, enclosing + 1);
    } else if (v instanceof Set) {
      set((Set<?>) v, enclosing + 1);
    } else {
      other(v);
    }
  }

  private void other(Object v) throws IOException {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      integer(((Number) v).longValue());
    } else if (v instanceof Float) {
      out.packDouble((Float) v);
    } else if (v instanceof Character) {
      char c = (Character) v;
      if (Character.isSurrogate(c)) {
        throw Refusals.loneSurrogate("a character", 0, c);
      }
      ext(SenteExt.CHARACTER, String.valueOf(c).getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Symbol) {
      ext(SenteExt.SYMBOL, ((Symbol) v).qualifiedName().getBytes(StandardCharsets.UTF_8));
    } else if (v instanceof Bytes) {
      binary(((Bytes) v).toByteArray());
    } else if (v instanceof byte[]) {
      binary((byte[]) v);
    } else if (v.getClass() == BigInteger.class) {
      bigInteger((BigInteger) v);
    } else {
      throw Refusals.unsupported(v);
    }
  }

  /** Sente writes non-negative longs beyond 32 bits as int 64 ({@code d3}); msgpack-core would write uint 64. */
  private void integer(long n) throws IOException {
    if (n > 0xffffffffL) {
      scratch[0] = (byte) INT64;
      for (int i = 1; i <= 8; i++) {
        scratch[i] = (byte) (n >>> (64 - 8 * i));
      }
      out.writePayload(scratch, 0, 9);
    } else {
      out.packLong(n);
    }
  }

  private void bigInteger(BigInteger b) throws IOException {
    if (b.bitLength() < 64) {
      integer(b.longValue());
    } else if (b.signum() > 0 && b.bitLength() == 64) {
      out.packBigInteger(b);
    } else {
      throw Refusals.bigInteger(b);
    }
  }

  private void string(String s) throws IOException {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw Refusals.loneSurrogate("a string", i, c);
        }
      }
    }
    out.packString(s);
  }

  private void binary(byte[] b) throws IOException {
    out.packBinaryHeader(b.length);
    out.writePayload(b);
  }

  private void ext(byte type, byte[] payload) throws IOException {
    out.packExtensionTypeHeader(type, payload.length);
    out.writePayload(payload);
  }

  /** The 12-byte timestamp, always, as Sente writes it (its reader knows no other form). */
  private void instant(Instant t) throws IOException {
    int nanos = t.getNano();
    long seconds = t.getEpochSecond();
    for (int i = 0; i < 4; i++) {
      scratch[i] = (byte) (nanos >>> (24 - 8 * i));
    }
    for (int i = 0; i < 8; i++) {
      scratch[4 + i] = (byte) (seconds >>> (56 - 8 * i));
    }
    out.packExtensionTypeHeader(SenteExt.TIMESTAMP, SenteExt.TIMESTAMP_96);
    out.writePayload(scratch, 0, SenteExt.TIMESTAMP_96);
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw Refusals.tooDeep(maxDepth);
    }
  }

  private void list(List<?> list, int depth) throws IOException {
    checkDepth(depth);
    out.packArrayHeader(list.size());
    elements(list, depth);
  }

  private void elements(Collection<?> c, int depth) throws IOException {
    int written = 0;
    for (Object e : c) {
      value(e, depth);
      written++;
    }
    if (written != c.size()) {
      throw changedSize(c);
    }
  }

  /** Extension 4 around a packed array; the array goes to a buffer of its own first, since its length leads. */
  private void set(Set<?> set, int depth) throws IOException {
    checkDepth(depth);
    MessagePacker outer = out;
    GrowingOutput outerOutput = output;
    output = new GrowingOutput(64); // sets are mostly a few elements; it doubles as needed
    out = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(output);
    byte[] inner;
    try {
      out.packArrayHeader(set.size());
      elements(set, depth);
      out.flush();
      inner = output.toByteArray();
    } finally {
      out = outer;
      output = outerOutput;
    }
    ext(SenteExt.SET, inner);
  }

  private void map(Map<?, ?> map, int depth) throws IOException {
    checkDepth(depth);
    out.packMapHeader(map.size());
    int written = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object key = e.getKey();
      int cached = key instanceof String || key instanceof Keyword ? cachedKey(key) : -1;
      if (cached >= 0) {
        scratch[0] = (byte) FIXEXT1;
        scratch[1] = SenteExt.CACHED_KEY;
        scratch[2] = (byte) cached;
        out.writePayload(scratch, 0, 3);
      } else {
        value(key, depth);
      }
      value(e.getValue(), depth);
      written++;
    }
    if (written != map.size()) {
      throw changedSize(map);
    }
  }

  /**
   * The number of a keyword or string key seen before in this message, or -1 after numbering it (while fewer than
   * 256 are numbered), as Sente's {@code key-cache-pack!} does.
   */
  private int cachedKey(Object key) {
    if (keyCache == null) {
      keyCache = new KeyNumbers();
    }
    return keyCache.numberOrAdd(key);
  }

  private static PackerException changedSize(Object collection) {
    return new PackerException(MsgpackPacker.NAME, "a " + collection.getClass().getName()
        + " changed size while it was packed");
  }
}
