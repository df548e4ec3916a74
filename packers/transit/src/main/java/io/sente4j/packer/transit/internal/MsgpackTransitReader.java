package io.sente4j.packer.transit.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads transit-msgpack with msgpack-core's unpacker. Transit uses MessagePack's nil, booleans, integers, floats,
 * strings (strict UTF-8), arrays and maps; binary and extension values are not Transit and are refused. A header
 * that announces more elements than the limit, or than the bytes left could hold, is refused before anything is
 * allocated for it. Positions are byte offsets.
 */
final class MsgpackTransitReader extends TransitReader {
  private final MessageUnpacker u;
  private final int length;
  /** For each open array or map, the elements (or entries) still to read. */
  private long[] remaining = new long[16];
  private int open;

  private MsgpackTransitReader(String packer, PackerLimits limits, MessageUnpacker u, int length) {
    super(packer, limits);
    this.u = u;
    this.length = length;
  }

  /** Reads the one value of {@code bytes}, which the caller has checked against the input size limit. */
  static Object read(String packer, PackerLimits limits, byte[] bytes) {
    MessageUnpacker u = new MessagePack.UnpackerConfig()
        .withActionOnMalformedString(CodingErrorAction.REPORT)
        .withActionOnUnmappableString(CodingErrorAction.REPORT)
        .withStringSizeLimit(Math.max(1, bytes.length))
        .newUnpacker(bytes);
    MsgpackTransitReader r = new MsgpackTransitReader(packer, limits, u, bytes.length);
    try {
      if (bytes.length == 0) {
        throw r.error("no value: the input is empty", 0);
      }
      Object v = r.value(1, false);
      if (u.hasNext()) {
        throw r.error("more input after the value", r.position());
      }
      return v;
    } catch (MessagePackException e) {
      throw r.error(describe(e), r.position());
    } catch (IOException e) {
      throw new PackerException(packer, "cannot read: " + e.getMessage(), r.position(), -1, -1, e);
    }
  }

  private static String describe(MessagePackException e) {
    String m = e.getMessage();
    if (e instanceof org.msgpack.core.MessageInsufficientBufferException) {
      return "unexpected end of input";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  @Override
  Kind kind() throws IOException {
    MessageFormat f = u.getNextFormat();
    if (f == MessageFormat.NEVER_USED) {
      throw error("the byte 0xc1, which MessagePack never uses", position());
    }
    ValueType t = f.getValueType();
    switch (t) {
      case ARRAY:
        return Kind.ARRAY;
      case MAP:
        return Kind.MAP;
      case STRING:
        return Kind.STRING;
      case BINARY:
      case EXTENSION:
        throw error("a MessagePack " + t.name().toLowerCase() + " value, which Transit does not use", position());
      default:
        return Kind.OTHER;
    }
  }

  @Override
  String string() throws IOException {
    return u.unpackString();
  }

  @Override
  Object scalar() throws IOException {
    MessageFormat f = u.getNextFormat();
    switch (f.getValueType()) {
      case NIL:
        u.unpackNil();
        return null;
      case BOOLEAN:
        return u.unpackBoolean();
      case INTEGER:
        if (f == MessageFormat.UINT64) {
          BigInteger b = u.unpackBigInteger();
          return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        return u.unpackLong();
      case FLOAT:
        return u.unpackDouble();
      default:
        throw error("unexpected " + f, position());
    }
  }

  @Override
  void openArray() throws IOException {
    long at = position();
    long n = u.unpackArrayHeader();
    // A list holds at most maxCollectionSize, a map written as an array twice that and its marker.
    if (n > 2L * limits.maxCollectionSize() + 1) {
      throw limit(Limit.COLLECTION_SIZE, limits.maxCollectionSize(), at);
    }
    push(n, at);
  }

  @Override
  void openMap() throws IOException {
    long at = position();
    long n = u.unpackMapHeader();
    if (n > limits.maxCollectionSize()) {
      throw limit(Limit.COLLECTION_SIZE, limits.maxCollectionSize(), at);
    }
    if (2 * n > length - u.getTotalReadBytes()) {
      throw error("a map of " + n + " entries, more than the " + (length - u.getTotalReadBytes())
          + " bytes left can hold", at);
    }
    push(n, at);
  }

  private void push(long n, long at) {
    if (n > length - u.getTotalReadBytes()) {
      throw error("an array of " + n + " elements, more than the " + (length - u.getTotalReadBytes())
          + " bytes left can hold", at);
    }
    if (open == remaining.length) {
      remaining = Arrays.copyOf(remaining, open * 2);
    }
    remaining[open++] = n;
  }

  @Override
  boolean more() {
    if (remaining[open - 1] == 0) {
      open--;
      return false;
    }
    remaining[open - 1]--;
    return true;
  }

  @Override
  void toValue() {
    // A MessagePack map's value follows its key directly.
  }

  @Override
  long position() {
    return Math.min(u.getTotalReadBytes(), length);
  }

  @Override
  PackerException error(String reason, long position) {
    return new PackerException(packer, reason, position);
  }

  @Override
  PackerLimitException limit(Limit limit, long value, String reason, long position) {
    return reason == null ? new PackerLimitException(packer, limit, value, position)
        : new PackerLimitException(packer, limit, value, reason, position, -1, -1);
  }
}
