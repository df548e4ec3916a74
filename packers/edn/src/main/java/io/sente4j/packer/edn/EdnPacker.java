package io.sente4j.packer.edn;

import io.sente4j.core.PackedLists;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.packer.edn.internal.EdnInput;
import io.sente4j.packer.edn.internal.EdnReader;
import io.sente4j.packer.edn.internal.EdnWriter;
import io.sente4j.packer.edn.internal.KeywordCache;
import java.util.List;
import java.util.Objects;

/**
 * The edn packer, Sente's default format: text frames such as {@code [[:my-app/some-req {:name "Rich"}] "3f9c2a"]},
 * byte for byte what Sente's {@code pr-str} writes for the same value. Immutable and thread-safe; registered for
 * {@link java.util.ServiceLoader} as {@code "edn"} by {@link EdnPackerProvider}.
 *
 * <p><b>Domain.</b> edn carries the whole data model exactly: {@code unpack(pack(v))} equals {@code v} for every
 * value, with these readings. An edn list and an edn vector both read as a {@link java.util.List} (the writer
 * writes vectors). {@code Integer}, {@code Short} and {@code Byte} are written as integers and read as {@code Long};
 * {@code Float} is written as a double; {@code byte[]} is written as binary and read as {@link io.sente4j.core.Bytes}
 * (tagged {@code #sente4j/bytes "<base64>"}, since edn has no binary). Doubles include {@code -0.0} and NaN and the
 * infinities ({@code ##NaN ##Inf ##-Inf}, Clojure's extension since 1.9). Instants are carried to the nanosecond
 * in the years 0000 to 9999; outside them there is no {@code #inst} text, and packing refuses them. Also refused:
 * a {@code BigInteger} or {@code BigDecimal} whose literal would be longer than the 1000 characters the reader reads,
 * or a {@code BigDecimal} of scale {@code Integer.MIN_VALUE}, whose exponent (2^31) no Java or Clojure reader reads
 * (a {@code BigDecimal} whose usual text has an exponent beyond an int, as {@code 1.23456789E+2147483655}, is written
 * as its unscaled digits and scale, {@code 123456789E+2147483647M}, which they read back exactly);
 * anything outside the data model (the message names its class) and a {@link io.sente4j.core.Tagged} whose tag
 * does not start with a letter or is one of {@code inst}, {@code uuid}, {@code sente4j/bytes} (those read back as
 * values, not as {@code Tagged}).
 *
 * <p><b>Clojure.</b> What this packer writes reads back equal in {@code clojure.edn/read-string} (with {@code
 * {:default tagged-literal}}), except where Clojure's equality is coarser than Java's: a map or set holding both
 * {@code 1} and {@code 1N}, or {@code 0.0} and {@code -0.0}, is a duplicate-key error in Clojure. Clojure also
 * reads {@code #inst} into a {@code java.util.Date} (milliseconds, Julian calendar before 1582-10-15) and refuses
 * a surrogate character literal.
 *
 * <p><b>Reading</b> is strict edn, with the liberal readings Clojure established; the package documentation lists
 * them. The {@link PackerLimits} bound depth, input size and collection size, and every failure, for any input, is
 * a {@link PackerException} with the character offset, line and column (for malformed UTF-8, the byte offset
 * with the line and column of the character it would have been).
 */
public final class EdnPacker implements Packer {
  /** The registered name, {@code "edn"}. */
  public static final String NAME = "edn";

  private final PackerLimits limits;
  /** Bounded, and invisible from outside: it only saves re-reading keywords this packer has read before. */
  private final KeywordCache keywords = new KeywordCache();

  /** An edn packer with {@link PackerLimits#defaults()}. */
  public EdnPacker() {
    this(PackerLimits.defaults());
  }

  /** An edn packer that enforces {@code limits}. */
  public EdnPacker(PackerLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Always {@code false}: edn is text. */
  @Override
  public boolean isBinary() {
    return false;
  }

  /** Always {@code true}: edn has keywords. */
  @Override
  public boolean carriesKeywords() {
    return true;
  }

  @Override
  public PackerLimits limits() {
    return limits;
  }

  /**
   * Packs one value as edn text.
   *
   * @throws PackerException if the value, or something inside it, is outside the domain described above
   * @throws PackerLimitException if it nests deeper than {@link PackerLimits#maxDepth()} (a cyclic value does)
   */
  @Override
  public Payload pack(Object value) {
    return Payload.text(EdnWriter.write(value, limits.maxDepth()));
  }

  /**
   * Unpacks exactly one edn element; whitespace, comments and {@code #_} discards may surround it. A binary payload
   * is read as UTF-8.
   *
   * @throws PackerException if the input is not exactly one well-formed element, or passes a limit
   */
  @Override
  public Object unpack(Payload payload) {
    char[] chars = EdnInput.chars(payload, limits.maxInputBytes());
    return EdnReader.read(chars, chars.length, limits, keywords);
  }

  /** Concatenates packed lists as text, without unpacking them (see {@link Packer#concatLists}). */
  @Override
  public Payload concatLists(List<Payload> lists) {
    return PackedLists.concatText(lists, " ");
  }

  @Override
  public String toString() {
    return "EdnPacker" + limits;
  }
}
