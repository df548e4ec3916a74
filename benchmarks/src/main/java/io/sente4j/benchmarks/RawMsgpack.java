package io.sente4j.benchmarks;

import io.sente4j.core.Keyword;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The baseline for the MessagePack packer: the same structure written and read by hand with raw msgpack-core, as an
 * application without sente4j would (keywords as extension 0, sets as extension 4, instants as timestamps, UUIDs as
 * extension 9), but with none of the packer's work: no map-key cache, no depth or size limits, no checks of strings,
 * duplicates or lengths, and mutable collections.
 */
final class RawMsgpack {
  private RawMsgpack() {}

  static byte[] write(Object value) throws IOException {
    MessageBufferPacker out = MessagePack.newDefaultBufferPacker();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(MessageBufferPacker out, Object v) throws IOException {
    if (v instanceof String) {
      out.packString((String) v);
    } else if (v instanceof Long) {
      out.packLong((Long) v);
    } else if (v instanceof Keyword) {
      byte[] b = ((Keyword) v).qualifiedName().getBytes(StandardCharsets.UTF_8);
      out.packExtensionTypeHeader((byte) 0, b.length);
      out.writePayload(b);
    } else if (v == null) {
      out.packNil();
    } else if (v instanceof Boolean) {
      out.packBoolean((Boolean) v);
    } else if (v instanceof Double) {
      out.packDouble((Double) v);
    } else if (v instanceof Map) {
      out.packMapHeader(((Map<?, ?>) v).size());
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        write(out, e.getKey());
        write(out, e.getValue());
      }
    } else if (v instanceof List) {
      out.packArrayHeader(((List<?>) v).size());
      for (Object e : (List<?>) v) {
        write(out, e);
      }
    } else if (v instanceof Set) {
      MessageBufferPacker inner = MessagePack.newDefaultBufferPacker();
      inner.packArrayHeader(((Set<?>) v).size());
      for (Object e : (Collection<?>) v) {
        write(inner, e);
      }
      byte[] b = inner.toByteArray();
      out.packExtensionTypeHeader((byte) 4, b.length);
      out.writePayload(b);
    } else if (v instanceof Instant) {
      out.packTimestamp((Instant) v);
    } else if (v instanceof UUID) {
      byte[] b = v.toString().getBytes(StandardCharsets.US_ASCII);
      out.packExtensionTypeHeader((byte) 9, b.length);
      out.writePayload(b);
    } else {
      throw new IllegalArgumentException(v.getClass().getName());
    }
  }

  static Object read(byte[] bytes) throws IOException {
    return read(MessagePack.newDefaultUnpacker(bytes));
  }

  private static Object read(MessageUnpacker in) throws IOException {
    MessageFormat f = in.getNextFormat();
    switch (f.getValueType()) {
      case NIL:
        in.unpackNil();
        return null;
      case BOOLEAN:
        return in.unpackBoolean();
      case INTEGER:
        return in.unpackLong();
      case FLOAT:
        return in.unpackDouble();
      case STRING:
        return in.unpackString();
      case ARRAY: {
        int n = in.unpackArrayHeader();
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          out.add(read(in));
        }
        return out;
      }
      case MAP: {
        int n = in.unpackMapHeader();
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          out.put(read(in), read(in));
        }
        return out;
      }
      case EXTENSION: {
        ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
        if (h.getType() == -1) {
          return in.unpackTimestamp(h);
        }
        if (h.getType() == 4) {
          int n = in.unpackArrayHeader();
          Set<Object> out = new HashSet<>();
          for (int i = 0; i < n; i++) {
            out.add(read(in));
          }
          return out;
        }
        String text = new String(in.readPayload(h.getLength()), StandardCharsets.UTF_8);
        return h.getType() == 0 ? Keyword.of(text) : UUID.fromString(text);
      }
      default:
        throw new IllegalStateException(f.toString());
    }
  }
}
