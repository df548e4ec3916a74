package io.sente4j.packer.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.cbor.internal.CborArrays;
import io.sente4j.packer.cbor.internal.CborReader;
import io.sente4j.packer.cbor.internal.CborWriter;
import java.util.List;
import java.util.Objects;

/**
 * The CBOR packer ({@value #NAME}): binary CBOR (RFC 8949), a sente4j packer with no Sente counterpart, lossless for
 * the whole data model. It writes with jackson-dataformat-cbor's generator and reads with a strict decoder of its
 * own (Jackson's parser turns integer map keys into strings and refuses other non-string keys, while the data model's
 * maps take keys of any type). For example the server ping {@code [:chsk/ws-ping nil]} packs to {@code 82 d8 27 6d
 * ":chsk/ws-ping" f6}.
 *
 * <p><b>Encoding</b> (PROTOCOL.md §3.6), with IANA-registered tags: nil, booleans, {@code Long} (the shortest major
 * type 0 or 1 form), {@code Double} (always float64), strings, {@code Bytes}, lists and maps are CBOR's own, with
 * definite lengths; {@code BigInteger} is a bignum, tag 2 or 3, whatever its size, so that it reads back as a {@code
 * BigInteger}; {@code BigDecimal} is a decimal fraction, tag 4 {@code [exponent mantissa]} with exponent =
 * -scale; {@code Set} is tag 258 around an array; {@code Instant} is tag 0 around its RFC 3339 text in UTC; {@code
 * UUID} is tag 37 around its 16 bytes; keywords and symbols are tag 39 (identifier) around their edn text, a keyword
 * with its colon ({@code 39(":my-app/alert")}) and a symbol without ({@code 39("my.app/handler")}); {@code Tagged} is
 * tag 27 (a named object) around {@code [tag-name value]}, and a character is tag 27 around {@code ["sente4j/char"
 * "a"]}, since CBOR registers no character type.
 *
 * <p><b>Domain.</b> <b>Carried exactly</b>: every value of the data model. <b>Normalised</b>: {@code Integer}, {@code
 * Short} and {@code Byte} are read back as {@code Long}, {@code Float} as {@code Double}, {@code byte[]} as {@code
 * Bytes}. <b>Refused</b> with a {@link io.sente4j.core.PackerException}: instants outside the years 0000 to 9999
 * (RFC 3339 has four-digit years), a {@code BigInteger} (or the unscaled value of a {@code BigDecimal}) of more than
 * 1000 decimal digits, as the text packers refuse a number of more than 1000 characters (turning a number into text
 * takes time that grows faster than its length), a {@code Tagged} whose tag is {@code sente4j/char} (it would read
 * back as a character), strings and characters holding a lone surrogate (UTF-8 cannot carry one), anything outside
 * the data model, and, as a {@link io.sente4j.core.PackerLimitException}, values nested deeper than {@link
 * PackerLimits#maxDepth()}.
 *
 * <p><b>Reading</b> accepts every well-formed CBOR item of the data model: any integer width, major type 0 beyond
 * 2<sup>63</sup>-1 and major type 1 below -2<sup>63</sup> as {@code BigInteger}, half, single and double floats (as
 * {@code Double}), indefinite-length strings, arrays and maps, tag 1 (epoch seconds, integer or float) as well as tag
 * 0 for instants, and the self-describe tag 55799 (skipped, however often it repeats). It refuses, naming the offset:
 * other tags, {@code undefined} and other simple values, a bignum of more than 1000 decimal digits, a map with two
 * equal keys, a set with two equal elements, a map or set in which more than 64 keys (elements) share one hash code
 * (a hash flood: Java's hash maps would take time in their square), strings that are not UTF-8, malformed tag
 * contents, and anything after the value.
 *
 * <p>Immutable and thread-safe: one packer, and the one Jackson factory it holds, serves every connection.
 */
public final class CborPacker implements Packer {
  /** The packer's name, {@code "cbor"}. */
  public static final String NAME = "cbor";

  private final PackerLimits limits;
  private final CBORFactory factory;

  /** A CBOR packer with {@link PackerLimits#defaults()}. */
  public CborPacker() {
    this(PackerLimits.defaults());
  }

  /** A CBOR packer that enforces {@code limits}. */
  public CborPacker(PackerLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.factory = CborWriter.factory();
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always true: CBOR is binary. */
  @Override
  public boolean isBinary() {
    return true;
  }

  /** Always true: keywords are tag 39 around their edn text. */
  @Override
  public boolean carriesKeywords() {
    return true;
  }

  @Override
  public PackerLimits limits() {
    return limits;
  }

  /** Packs {@code value} as CBOR; see the class documentation for the encoding and the domain. */
  @Override
  public Payload pack(Object value) {
    return Payload.binary(Bytes.wrap(CborWriter.write(factory, value, limits.maxDepth())));
  }

  /** Unpacks the one CBOR item of {@code payload}; a text payload is read as its UTF-8 bytes. */
  @Override
  public Object unpack(Payload payload) {
    return CborReader.read(Objects.requireNonNull(payload, "payload").asBytes(), limits);
  }

  /**
   * Concatenates packed arrays without decoding their items (see {@link Packer#concatLists}): the items of each, in
   * order, under one head for their total count, in the shortest form, so the result is byte for byte what {@link
   * #pack} makes of the concatenated list. CBOR allows it because an item's bytes mean the same wherever they sit
   * (this packer writes no string references) and an array head is all that counts the items.
   *
   * @return the packed concatenation, or {@code null} if a payload is text or does not start with a definite-length
   *     array head (the only kind this packer writes), or the result would pass 2 GiB; the caller checks it against
   *     {@link PackerLimits#maxInputBytes()} and {@link PackerLimits#maxCollectionSize()} if it must
   */
  @Override
  public Payload concatLists(List<Payload> lists) {
    byte[] joined = CborArrays.concat(Objects.requireNonNull(lists, "lists"));
    return joined == null ? null : Payload.binary(Bytes.wrap(joined));
  }

  @Override
  public String toString() {
    return "CborPacker[" + limits + "]";
  }
}
