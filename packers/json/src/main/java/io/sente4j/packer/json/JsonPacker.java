package io.sente4j.packer.json;

import io.sente4j.core.PackedLists;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.json.internal.JsonFactories;
import io.sente4j.packer.json.internal.JsonValueReader;
import io.sente4j.packer.json.internal.JsonValueWriter;
import java.util.List;
import java.util.Objects;

/**
 * The JSON packer ({@value #NAME}): compact JSON text (RFC 8259), written and read with Jackson's streaming API, for
 * browsers and other clients that speak plain JSON. For example the client event {@code [[:my-app/some-req {:name
 * "Rich"}] "3f9c2a"]} packs to {@code [["my-app/some-req",{"name":"Rich"}],"3f9c2a"]}.
 *
 * <p>JSON has fewer types than the data model, so this packer does not carry keywords: the frame layer reads the
 * protocol's keyword positions from strings (see {@link io.sente4j.core.FrameCodec}). Its <b>domain</b>:
 *
 * <p><b>Carried exactly</b> ({@code unpack(pack(v))} equals {@code v}): {@code null}, {@link Boolean}, {@link
 * String}, {@link Long}, {@link java.math.BigInteger} outside the range of a long, finite {@link Double} (including
 * {@code -0.0}), and {@link java.util.List}s and string-keyed {@link java.util.Map}s of these (read back
 * unmodifiable, in order, and holding {@code null} where the original did).
 *
 * <p><b>Normalised</b>, by these rules:
 * <ul>
 *   <li>{@code Integer}, {@code Short}, {@code Byte}: written as integers, read as {@code Long}. A {@code
 *       BigInteger} is written as an exact JSON integer and read as {@code Long} if it fits, else {@code BigInteger}.
 *       Integers beyond &plusmn;2<sup>53</sup> are written exactly, and Java peers read them exactly, but JavaScript
 *       clients ({@code JSON.parse}) round them to the nearest double.</li>
 *   <li>{@code Double}: the shortest text that reads back as the same double, always with a point or exponent
 *       ({@code 1.0}, {@code -0.0}, {@code 1.0E300}), so it reads as a {@code Double}, never an integer. {@code
 *       Float}: widened to double first ({@code 0.1f} is written {@code 0.10000000149011612}).</li>
 *   <li>{@code BigDecimal}: its exact digits as a JSON number with a fraction or exponent ({@code 1} is written
 *       {@code 1.0}, {@code 1E+3} as is), read back as the nearest {@code Double}.</li>
 *   <li>{@code Character}: a one-character string. {@code Keyword} and {@code Symbol}: their qualified name without
 *       a colon ({@code "ns/name"}, {@code "name"}). {@code Instant}: ISO-8601 text ({@link
 *       java.time.Instant#toString()}). {@code UUID}: its canonical string. {@code Bytes} and {@code byte[]}:
 *       standard base64 with padding. All are read back as {@code String}.</li>
 *   <li>{@code Set}: an array, read back as a {@code List}, in the set's iteration order.</li>
 *   <li>{@code Map} keys become strings: a key that is written as a JSON string (a {@code String}, keyword, symbol,
 *       character, instant, UUID or bytes) becomes that string; a number, boolean or {@code null} key becomes its
 *       JSON text ({@code 1}, {@code 1.5}, {@code true}, {@code null}); a collection key becomes its compact JSON
 *       text ({@code [1,2]}). Two keys of one map that become the same string, such as {@code :a} and {@code "a"},
 *       are refused with a {@link io.sente4j.core.PackerException} naming both.</li>
 * </ul>
 *
 * <p><b>Refused</b> with a {@link io.sente4j.core.PackerException}: NaN and infinite doubles and floats (JSON has no
 * such numbers); a {@code BigDecimal} whose nearest double is infinite; numbers whose text would be longer than
 * 1000 characters; strings (and characters) holding a lone surrogate, which UTF-8 cannot encode; {@link
 * io.sente4j.core.Tagged} (JSON has no tags); any other type, named by its class and never written with {@code
 * toString}; and, as a {@link io.sente4j.core.PackerLimitException}, values nested deeper than {@link
 * PackerLimits#maxDepth()} (a cyclic collection among them).
 *
 * <p><b>Reading</b> accepts strict RFC 8259 JSON only: exactly one value, surrounded by nothing but whitespace; no
 * comments, single quotes, trailing commas, leading zeros, {@code NaN} or {@code Infinity}, and no byte order mark.
 * Objects are read as unmodifiable insertion-ordered maps with {@code String} keys, arrays as unmodifiable lists,
 * integers as {@code Long} or {@code BigInteger}, other numbers as {@code Double}. It is an error for an object to
 * repeat a key, for a string to hold a lone surrogate (even escaped, as {@code "\ud800"}), for a number to be
 * longer than 1000 characters or beyond the range of a double, or for the input to exceed any of the {@link
 * PackerLimits}. A binary payload is read as UTF-8 (never as UTF-16 or UTF-32). Every failure is a {@link
 * io.sente4j.core.PackerException} giving the character offset (for a binary payload, the byte offset), line and
 * column.
 *
 * <p>Immutable and thread-safe: one packer, and the one Jackson factory it holds, serves every connection.
 */
public final class JsonPacker implements Packer {
  /** The packer's name, {@code "json"}. */
  public static final String NAME = "json";

  private final PackerLimits limits;
  private final JsonValueWriter writer;
  private final JsonValueReader reader;

  /** A JSON packer with {@link PackerLimits#defaults()}. */
  public JsonPacker() {
    this(PackerLimits.defaults());
  }

  /** A JSON packer that enforces {@code limits}. */
  public JsonPacker(PackerLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    var factory = JsonFactories.create(limits);
    this.writer = new JsonValueWriter(factory, limits.maxDepth());
    this.reader = new JsonValueReader(factory, limits);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always false: JSON is text. */
  @Override
  public boolean isBinary() {
    return false;
  }

  /** Always false: keywords are written as strings and read back as strings. */
  @Override
  public boolean carriesKeywords() {
    return false;
  }

  @Override
  public PackerLimits limits() {
    return limits;
  }

  /** Packs {@code value} as compact JSON text; see the class documentation for the domain. */
  @Override
  public Payload pack(Object value) {
    return Payload.text(writer.write(value));
  }

  /** Unpacks the one JSON value of {@code payload}; a binary payload is read as UTF-8. */
  @Override
  public Object unpack(Payload payload) {
    return reader.read(Objects.requireNonNull(payload, "payload"));
  }

  /** Concatenates packed lists as text, without unpacking them (see {@link Packer#concatLists}). */
  @Override
  public Payload concatLists(List<Payload> lists) {
    return PackedLists.concatText(lists, ",");
  }

  @Override
  public String toString() {
    return "JsonPacker[" + limits + "]";
  }
}
