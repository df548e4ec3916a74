package io.sente4j.packer.transit.internal;

import com.cognitect.transit.WriteHandler;
import com.cognitect.transit.impl.JsonEmitter;
import com.cognitect.transit.impl.MsgpackEmitter;
import com.cognitect.transit.impl.WriteCache;
import com.cognitect.transit.impl.WriteHandlerMap;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sente4j.core.PackerException;
import java.util.Map;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes a checked value with transit-java's own emitters, so the bytes are exactly what transit-java (and so
 * Sente's Transit packer, through transit-clj) writes: the same escapes, cache codes, number forms and quoting of
 * a top-level scalar. The emitters are created here rather than through {@code TransitFactory.writer} so that the
 * JSON one writes through the packer's shared Jackson factory (whose nesting limit follows the packer's) instead of
 * a new factory per payload.
 */
final class TransitWriter {
  private final String packer;
  private final JsonFactory json;
  private final Map<Class, WriteHandler<?, ?>> handlers = WriteHandlers.map();
  /**
   * transit-java's handler map caches look-ups in itself (an unsynchronized map), so threads cannot share one; building
   * one per payload cost an eighth of the packing time in a profile, so each thread keeps its own.
   */
  private final ThreadLocal<WriteHandlerMap> handlerMaps = ThreadLocal.withInitial(() -> new WriteHandlerMap(handlers));

  /** A writer of transit-json through {@code json}, or of transit-msgpack when {@code json} is null. */
  TransitWriter(String packer, JsonFactory json) {
    this.packer = packer;
    this.json = json;
  }

  byte[] write(Object value) {
    ByteSink out = new ByteSink(256);
    WriteHandlerMap map = handlerMaps.get();
    try {
      if (json != null) {
        try (JsonGenerator gen = json.createGenerator(out)) {
          new JsonEmitter(gen, map, null, null).emit(value, false, new WriteCache(true));
        }
      } else {
        try (MessagePacker gen = MessagePack.newDefaultPacker(out)) {
          new MsgpackEmitter(gen, map, null, null).emit(value, false, new WriteCache(true));
        }
      }
    } catch (Exception e) {
      // The value was checked first, so this is a fault of the check, reported rather than hidden.
      throw new PackerException(packer, "transit-java could not write the value: " + e, -1, -1, -1, e);
    }
    return out.toByteArray();
  }
}
