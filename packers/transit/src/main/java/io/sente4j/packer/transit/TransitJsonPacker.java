package io.sente4j.packer.transit;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.transit.internal.TransitCodec;

/**
 * The transit-json packer ({@value #NAME}): Transit in its JSON encoding, as Sente's Transit packer writes it by
 * default (transit-clj, on transit-java). For example the push of two events {@code [[[:my-app/alert {:n 1}]
 * [:my-app/alert {:n 2}]] nil]} packs to {@code [[["~:my-app/alert",["^ ","~:n",1]],["^0",["^ ","~:n",2]]],null]},
 * where {@code "^0"} is Transit's cache reference to the keyword written first.
 *
 * <p>Text; carries keywords. Its <b>domain</b> (PROTOCOL.md §3.4.3):
 *
 * <p><b>Carried exactly</b>: {@code null}, booleans, {@link Long}, {@link java.math.BigInteger} and {@link
 * java.math.BigDecimal} (as Transit's {@code ~n} and {@code ~f}, whatever their size, up to 1000 characters of
 * text), {@link Double} (NaN and the infinities as {@code ~z}), strings, characters, keywords, symbols, UUIDs,
 * {@link io.sente4j.core.Bytes} (base64, {@code ~b}), lists, sets, maps with keys of any kind (as {@code ["^ ", k,
 * v, ...]} when every key has a string form, otherwise as a {@code cmap}), and {@link io.sente4j.core.Tagged}
 * values under the tags below.
 *
 * <p><b>Normalised</b>: an {@link java.time.Instant} is written as Transit writes a date, in whole milliseconds
 * since the epoch ({@code "~m1704164645678"}), and so comes back without its sub-millisecond part (rounded towards
 * the past); integral Java types come back as {@code Long}, {@code Float} as the double it widens to, {@code byte[]}
 * as {@code Bytes}.
 *
 * <p><b>Refused</b> with a {@link io.sente4j.core.PackerException}: strings and characters holding a lone surrogate;
 * numbers whose text would be longer than 1000 characters; a {@code BigDecimal} of scale {@code Integer.MIN_VALUE},
 * whose exponent (2^31) no Transit reader on the JVM reads (one whose usual text has an exponent beyond an int, as
 * {@code 1.23456789E+2147483655}, is written {@code "~f123456789E+2147483647"}, which they read back exactly);
 * instants beyond the milliseconds a long holds; a {@code
 * Tagged} whose tag Transit reads as something else (a single-character tag of Transit's own, such as {@code u},
 * or {@code set}, {@code list}, {@code cmap}, {@code array}, {@code map}) or whose single-character tag is on a
 * value that is not a string; objects outside the data model; values nested deeper than {@link
 * PackerLimits#maxDepth()}.
 *
 * <p><b>Reading</b> accepts everything transit-java writes, in the plain and the verbose form, including the tags
 * it reads as other types: a URI ({@code "~rhttp://..."}), a ratio, a link, and any other tag come back as {@code
 * Tagged}; an instant in the verbose form ({@code "~t2000-01-01T12:00:00.000Z"}) keeps the precision it has. It
 * refuses duplicate map keys and set elements, a map or set in which more than 64 keys share one hash code (a
 * hash flood: Java's hash maps would take time in their square), a cache reference to nothing read yet, cache
 * references that stand for more than 16 times {@link PackerLimits#maxInputBytes()} characters in all, malformed
 * scalars (a UUID that is not canonical, a keyword that breaks the naming rules), anything after the value, and
 * input beyond the {@link PackerLimits}; every failure is a {@link io.sente4j.core.PackerException} with the
 * character offset (for a binary payload, the byte offset), line and column.
 *
 * <p>Immutable and thread-safe.
 */
public final class TransitJsonPacker implements Packer {
  /** The packer's name, {@code "transit-json"}. */
  public static final String NAME = "transit-json";

  private final TransitCodec codec;

  /** A transit-json packer with {@link PackerLimits#defaults()}. */
  public TransitJsonPacker() {
    this(PackerLimits.defaults());
  }

  /** A transit-json packer that enforces {@code limits}. */
  public TransitJsonPacker(PackerLimits limits) {
    this.codec = new TransitCodec(NAME, false, limits);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always false: transit-json is text. */
  @Override
  public boolean isBinary() {
    return false;
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

  /** Packs {@code value} as transit-json text; see the class documentation for the domain. */
  @Override
  public Payload pack(Object value) {
    return codec.pack(value);
  }

  /** Unpacks the one transit-json value of {@code payload}; a binary payload is read as UTF-8. */
  @Override
  public Object unpack(Payload payload) {
    return codec.unpack(payload);
  }

  @Override
  public String toString() {
    return "TransitJsonPacker[" + codec.limits() + "]";
  }
}
