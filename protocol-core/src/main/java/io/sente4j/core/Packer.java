package io.sente4j.core;

import java.util.List;

/**
 * Turns values of the data model into a {@link Payload} and back. One packer is one serialization format (edn,
 * JSON, ...). Implementations are immutable and thread-safe; they are found through {@link PackerProvider} and
 * {@link PackerRegistry}.
 *
 * <p><b>The data model.</b> {@code null}, {@link Boolean}, {@link Long} (written from any integral type, read as
 * {@code Long}), {@link java.math.BigInteger}, {@link Double} (written from {@code Float} too), {@link
 * java.math.BigDecimal}, {@link String}, {@link Character}, {@link Keyword}, {@link Symbol}, {@link java.util.List},
 * {@link java.util.Set}, {@link java.util.Map} (keys of any type), {@link java.time.Instant}, {@link
 * java.util.UUID}, {@link Bytes} (written from {@code byte[]} too) and {@link Tagged}. Collections read back are
 * unmodifiable, keep their order and may hold {@code null}.
 *
 * <p><b>Domain.</b> Each packer documents the values it carries exactly (for those, {@code unpack(pack(v))} equals
 * {@code v}), the values it normalises and by which rule, and the values it refuses. A refused value, like any
 * value outside the data model, gets a {@link PackerException} naming it; a packer never instantiates a class
 * named by its input.
 */
public interface Packer {

  /** The packer's registered name, such as {@code "edn"} or {@code "json"}: what a client names in its request. */
  String name();

  /** Whether {@link #pack} produces {@link Payload.Binary} (otherwise {@link Payload.Text}). */
  boolean isBinary();

  /**
   * Whether keywords survive a round trip as {@link Keyword}. Where they do not (JSON writes them as strings), the
   * frame layer reads the protocol's keyword positions (event ids, {@code chsk/} values) from strings.
   */
  boolean carriesKeywords();

  /** The limits this packer enforces. */
  PackerLimits limits();

  /**
   * Packs one value.
   *
   * @return the packed value, never {@code null} (the frame layer reports a {@code null} as a {@link
   *     PackerException} naming the packer)
   * @throws PackerException if the value, or something inside it, is outside this packer's domain, or nests deeper
   *     than {@link PackerLimits#maxDepth()}
   */
  Payload pack(Object value);

  /**
   * Unpacks exactly one value. A text packer also accepts a binary payload holding UTF-8 text.
   *
   * @throws PackerException if the input is malformed, holds anything after the value, or exceeds a limit; never
   *     another exception type
   */
  Object unpack(Payload payload);

  /**
   * Concatenates packed lists into the packed list of all their elements, in order, without unpacking them: {@code
   * [a b]} and {@code [c]} into {@code [a b c]}. The server joins the push batches held for an Ajax client's next poll
   * this way instead of packing their events a second time. The result must be exactly the bytes that packing the
   * concatenated list gives (a format with state across a write, such as a cache of map keys, renumbers what the
   * later lists refer to, as the MessagePack packer does, or cannot concatenate, as Transit cannot). A packer that
   * implements it must also write a list that comes first in another list exactly as it writes the list alone: the
   * frame layer cuts a push frame's list of events out by that, and checks both on probe pushes before it relies on
   * them. The default answers {@code null}: the server then packs the events again. {@link PackedLists#concatText}
   * does it for a text format that writes a list as brackets around its elements and a separator between them.
   *
   * @param lists lists this packer packed
   * @return the packed concatenation, or {@code null} if this packer cannot concatenate these lists
   */
  default Payload concatLists(List<Payload> lists) {
    return null;
  }
}
