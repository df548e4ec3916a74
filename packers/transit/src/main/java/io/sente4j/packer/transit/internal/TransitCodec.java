package io.sente4j.packer.transit.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * What the two Transit packers share: the check and the transit-java writer for packing, the reader for unpacking,
 * and the input checks before it. Immutable and thread-safe.
 */
public final class TransitCodec {
  /** The Jackson nesting allowed: Transit spends at most two JSON levels on one level of the data model. */
  private static final int JSON_NESTING = 2 * PackerLimits.MAX_DEPTH_CEILING + 4;

  private final String name;
  private final boolean msgpack;
  private final PackerLimits limits;
  private final JsonFactory json;
  private final TransitWriter writer;

  /**
   * A codec for transit-json (text) or, when {@code msgpack}, transit-msgpack (bytes).
   *
   * @param name the packer's name, which starts every error message
   * @param msgpack whether the format is MessagePack rather than JSON
   * @param limits the limits enforced
   */
  public TransitCodec(String name, boolean msgpack, PackerLimits limits) {
    this.name = name;
    this.msgpack = msgpack;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.json = msgpack ? null : JsonFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JSON_NESTING).build())
        .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(JSON_NESTING).build())
        // Names of verbose maps are not interned: a peer must not fill the JVM's string table with its names. (The
        // canonicalizer stays on: it is bounded, and without it Jackson reads bytes leniently, not as strict UTF-8.)
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
        // A character beyond the BMP is written as its four UTF-8 bytes rather than as an escaped surrogate pair
        // (Jackson's older default, which transit-java gets): the same text, a third of the size.
        .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
        .build();
    this.writer = new TransitWriter(name, json);
  }

  /** Packs a value: text for transit-json, bytes for transit-msgpack. */
  public Payload pack(Object value) {
    byte[] out;
    try {
      new WriteCheck(name, limits.maxDepth()).check(value);
      out = writer.write(value);
    } catch (StackOverflowError e) {
      throw tooDeepForTheStack(-1);
    }
    return msgpack ? Payload.binary(Bytes.wrap(out)) : Payload.text(new String(out, StandardCharsets.UTF_8));
  }

  /** Unpacks the one value of a payload; a text payload to a MessagePack packer is read as its UTF-8 bytes. */
  public Object unpack(Payload payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.byteLength() > limits.maxInputBytes()) {
      // Refused before parsing; the first byte past the limit is where the input went wrong.
      throw new PackerLimitException(name, Limit.INPUT_BYTES, limits.maxInputBytes(), limits.maxInputBytes());
    }
    try {
      if (msgpack) {
        return MsgpackTransitReader.read(name, limits, payload.asBytes().toByteArray());
      }
      if (payload.isText()) {
        String text = payload.asText();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
          throw new PackerException(name, "a byte order mark (U+FEFF) before the value", 0, 1, 1);
        }
        return JsonTransitReader.read(name, limits, json, new JsonTransitReader.Input(text, null));
      }
      byte[] bytes = payload.asBytes().toByteArray();
      checkUtf8Start(bytes);
      return JsonTransitReader.read(name, limits, json, new JsonTransitReader.Input(null, bytes));
    } catch (StackOverflowError e) {
      throw tooDeepForTheStack(0);
    }
  }

  /**
   * Given bytes, Jackson would guess UTF-16 or UTF-32 from a byte order mark or zero bytes among the first four;
   * such input is never UTF-8 Transit, so it is refused here rather than read in another encoding.
   */
  private void checkUtf8Start(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      throw new PackerException(name, "a byte order mark (U+FEFF) before the value", 0, 1, 1);
    }
    if (b.length >= 1 && ((b[0] & 0xFF) == 0xFE || (b[0] & 0xFF) == 0xFF)) {
      throw new PackerException(name, String.format("invalid UTF-8 start byte 0x%02x (transit-json is UTF-8)",
          b[0] & 0xFF), 0, 1, 1);
    }
    for (int i = 0; i < Math.min(4, b.length); i++) {
      if (b[i] == 0) {
        throw new PackerException(name, "a NUL byte, which Transit JSON never holds (transit-json is UTF-8)", i, 1,
            i + 1);
      }
    }
  }

  /**
   * The reader and transit-java's emitter recurse; a limit set so high that nesting within it overflows the
   * thread's stack ends as a depth error too, never as a {@link StackOverflowError}.
   */
  private PackerLimitException tooDeepForTheStack(long offset) {
    return msgpack || offset < 0
        ? new PackerLimitException(name, Limit.DEPTH, limits.maxDepth(), offset)
        : new PackerLimitException(name, Limit.DEPTH, limits.maxDepth(), offset, 1, 1);
  }

  /** The limits enforced. */
  public PackerLimits limits() {
    return limits;
  }
}
