package io.sente4j.packer.msgpack;

import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.msgpack.internal.MsgpackArrays;
import io.sente4j.packer.msgpack.internal.MsgpackReader;
import io.sente4j.packer.msgpack.internal.MsgpackWriter;
import java.util.List;
import java.util.Objects;

/**
 * The MessagePack packer ({@value #NAME}): binary, written and read with msgpack-core, byte for byte the format of
 * Sente 1.21's MessagePack packer ({@code taoensso.sente.packers.msgpack}), so a Sente client configured with that
 * packer talks to a sente4j server. For example the server ping {@code [:chsk/ws-ping nil]} packs to {@code 92 c7 0c
 * 00 "chsk/ws-ping" c0}.
 *
 * <p><b>Encoding</b> (PROTOCOL.md §3.5): nil, booleans, strings ({@code str 8/16/32}), binary ({@code bin
 * 8/16/32}), doubles ({@code float 64}), arrays and maps are MessagePack's own; integers take the smallest form, with
 * a non-negative long beyond 32 bits written as {@code int 64} ({@code d3}) as Sente writes it. Sente's extension
 * types: keyword 0 (UTF-8 of {@code ns/name}), symbol 1, character 2, set 4 (a packed array inside), UUID 9 (its
 * 36-character string), instant -1 (the 12-byte MessagePack timestamp: 32-bit nanoseconds, 64-bit seconds). The
 * <b>map-key cache</b>: within one packed message, the first 256 distinct keyword or string map keys are numbered in
 * order of appearance, and a repeated one is written as extension 8 holding its one-byte number ({@code d4 08 nn}).
 *
 * <p><b>Domain.</b> <b>Carried exactly</b>: {@code null}, {@link Boolean}, {@link Long}, {@link
 * java.math.BigInteger} from 2<sup>63</sup> to 2<sup>64</sup>-1 (written as {@code uint 64}, as Sente reads it),
 * {@link Double} (NaN and the infinities too), {@link String}, {@link Character}, {@link io.sente4j.core.Keyword},
 * {@link io.sente4j.core.Symbol}, {@link java.util.List}, {@link java.util.Set}, {@link java.util.Map} with keys of
 * any type, {@link java.time.Instant} (its whole range, to the nanosecond), {@link java.util.UUID} and {@link Bytes}.
 * <b>Normalised</b>: {@code Integer}, {@code Short}, {@code Byte}, and a {@code BigInteger} that fits in a long, are
 * read back as {@code Long}; {@code Float} as {@code Double}; {@code byte[]} as {@code Bytes}. <b>Refused</b> with a
 * {@link io.sente4j.core.PackerException}: {@link java.math.BigDecimal} (Sente's MessagePack has no decimal type and
 * its Clojure writer would turn one into a double), a {@code BigInteger} outside -2<sup>63</sup> to
 * 2<sup>64</sup>-1, {@link io.sente4j.core.Tagged} (no tags), strings and characters holding a lone surrogate (UTF-8
 * cannot carry one), anything outside the data model, and, as a {@link io.sente4j.core.PackerLimitException}, values
 * nested deeper than {@link PackerLimits#maxDepth()}.
 *
 * <p><b>Reading</b> accepts every legal MessagePack encoding of a value (any integer or float width, {@code fixstr}
 * to {@code str 32}, {@code fixext} or {@code ext 8/16/32} for every extension, the timestamp in its 4-, 8- and
 * 12-byte forms) and is strict elsewhere: strings must be UTF-8, maps must not repeat a key nor sets an element, nor
 * hold more than 64 keys (elements) that share one hash code (a hash flood: Java's hash maps would take time in
 * their square), extension 8 only stands for a map key already numbered (and the keys a payload's references stand
 * for may add up to 16 times {@link PackerLimits#maxInputBytes()}, counted in the bytes each key takes), and unknown
 * extension types, Sente's ratio (3) and primitive arrays (5-7), the unused byte {@code c1} and anything after the
 * value are errors. Every failure is a {@link io.sente4j.core.PackerException} with the byte offset of the value at
 * fault.
 *
 * <p>Immutable and thread-safe.
 */
public final class MsgpackPacker implements Packer {
  /** The packer's name, {@code "msgpack"}. */
  public static final String NAME = "msgpack";

  private final PackerLimits limits;

  /** A MessagePack packer with {@link PackerLimits#defaults()}. */
  public MsgpackPacker() {
    this(PackerLimits.defaults());
  }

  /** A MessagePack packer that enforces {@code limits}. */
  public MsgpackPacker(PackerLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always true: MessagePack is binary. */
  @Override
  public boolean isBinary() {
    return true;
  }

  /** Always true: keywords are extension type 0. */
  @Override
  public boolean carriesKeywords() {
    return true;
  }

  @Override
  public PackerLimits limits() {
    return limits;
  }

  /** Packs {@code value} as MessagePack bytes; see the class documentation for the domain. */
  @Override
  public Payload pack(Object value) {
    return Payload.binary(Bytes.wrap(MsgpackWriter.write(value, limits.maxDepth())));
  }

  /** Unpacks the one MessagePack value of {@code payload}; a text payload is read as its UTF-8 bytes. */
  @Override
  public Object unpack(Payload payload) {
    return MsgpackReader.read(Objects.requireNonNull(payload, "payload").asBytes(), limits);
  }

  /**
   * Concatenates packed arrays without unpacking their elements (see {@link Packer#concatLists}), into the bytes
   * {@link #pack} writes for the concatenated list. MessagePack allows it with one array header for the total, in its
   * shortest form, and the map-key cache renumbered: each packed list numbered its own map keys from 0, so the lists
   * after the first are read, header by header, to their map keys, and each keyword or string key is written as
   * packing the whole list would write it (a reference to its number in the joined message, or out in full); all
   * other bytes are copied. Lists whose maps have no keyword or string keys, or that follow only such lists, are copied
   * as they are.
   *
   * @return the packed concatenation, or {@code null} if a payload is text, does not start with an array header, or
   *     holds, in a list that is read, anything this packer does not write or nesting past {@link
   *     PackerLimits#maxDepth()}, or the result would pass 2 GiB; the caller checks it against {@link
   *     PackerLimits#maxInputBytes()} and {@link PackerLimits#maxCollectionSize()} if it must
   */
  @Override
  public Payload concatLists(List<Payload> lists) {
    byte[] joined = MsgpackArrays.concat(Objects.requireNonNull(lists, "lists"), limits.maxDepth());
    return joined == null ? null : Payload.binary(Bytes.wrap(joined));
  }

  @Override
  public String toString() {
    return "MsgpackPacker[" + limits + "]";
  }
}
