package io.sente4j.packer.transit;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.transit.internal.TransitCodec;

/**
 * The transit-msgpack packer ({@value #NAME}): Transit in its MessagePack encoding, as Sente's Transit packer writes
 * it in {@code :msgpack} mode (transit-clj, on transit-java). Binary; carries keywords. The same value model as
 * {@link io.sente4j.packer.transit.TransitJsonPacker}, laid out in MessagePack: maps are MessagePack maps, integers
 * and doubles are MessagePack's own (so no integer needs a string), and an instant is {@code ["~#m", millis]} and a
 * UUID {@code ["~#u", [high, low]]}, as transit-java writes them. Strings, keywords and cache references are
 * MessagePack strings; binary is a base64 string ({@code "~b..."}), as transit-java writes it.
 *
 * <p>Its <b>domain</b> (PROTOCOL.md §3.4.3) is that of transit-json: the same values carried exactly, normalised
 * (instants to whole milliseconds) and refused. <b>Reading</b> accepts what transit-java writes in MessagePack,
 * including maps written as arrays; MessagePack binary and extension values are not Transit and are refused, as are
 * duplicate keys, more than 64 keys of one map (or elements of one set) sharing one hash code, cache references
 * that stand for more than 16 times {@link PackerLimits#maxInputBytes()} characters in all, malformed scalars,
 * trailing bytes and input beyond the {@link PackerLimits}. Every failure is a {@link
 * io.sente4j.core.PackerException} with the byte offset.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransitMsgpackPacker implements Packer {
  /** The packer's name, {@code "transit-msgpack"}. */
  public static final String NAME = "transit-msgpack";

  private final TransitCodec codec;

  /** A transit-msgpack packer with {@link PackerLimits#defaults()}. */
  public TransitMsgpackPacker() {
    this(PackerLimits.defaults());
  }

  /** A transit-msgpack packer that enforces {@code limits}. */
  public TransitMsgpackPacker(PackerLimits limits) {
    this.codec = new TransitCodec(NAME, true, limits);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always true: transit-msgpack is bytes. */
  @Override
  public boolean isBinary() {
    return true;
  }

  /** Always true: keywords are Transit keywords. */
  @Override
  public boolean carriesKeywords() {
    return true;
  }

  @Override
  public PackerLimits limits() {
    return codec.limits();
  }

  /** Packs {@code value} as transit-msgpack bytes; see the class documentation for the domain. */
  @Override
  public Payload pack(Object value) {
    return codec.pack(value);
  }

  /** Unpacks the one transit-msgpack value of {@code payload}; a text payload is read as its UTF-8 bytes. */
  @Override
  public Object unpack(Payload payload) {
    return codec.unpack(payload);
  }

  @Override
  public String toString() {
    return "TransitMsgpackPacker[" + codec.limits() + "]";
  }
}
