/**
 * The edn packer: {@link io.sente4j.packer.edn.EdnPacker}, its {@link io.sente4j.packer.edn.EdnPackerProvider}, and
 * the {@link io.sente4j.packer.edn.Edn} facade. A hand-written reader and writer; no Clojure at run time.
 *
 * <h2>The language the reader accepts</h2>
 * The edn specification (edn-format/edn), read strictly, with the liberal readings below where Clojure's readers
 * established them. Exactly one element per input; whitespace (commas included), {@code ;} comments and {@code #_}
 * discards may surround it.
 * <ul>
 *   <li><b>Literals</b>: {@code nil}, {@code true}, {@code false}.
 *   <li><b>Strings</b>: the escapes {@code \t \r \n \\ \"}, and, like Clojure, {@code \b \f \}{@code uXXXX}. Octal
 *       and other escapes are refused.
 *   <li><b>Characters</b>: {@code \c} for any single character (including {@code \( \" \,}), {@code \newline
 *       \return \space \tab}, Clojure's {@code \backspace \formfeed}, and {@code \}{@code uXXXX} (a surrogate too,
 *       which Clojure refuses). {@code \} followed by whitespace, octal {@code \oNNN} and unknown names are refused.
 *   <li><b>Integers</b>: an optional sign, then {@code 0} or a digit 1-9 and more digits. A {@code Long}; a
 *       {@code BigInteger} with the {@code N} suffix or when it does not fit in 64 bits (as Clojure reads it).
 *       {@code -0} is {@code 0}.
 *   <li><b>Floats</b>: an integer with a fraction ({@code .} and at least one digit), an exponent, or both: a
 *       {@code Double}; with the {@code M} suffix a {@code BigDecimal} ({@code 1M}, {@code 1.50M} and {@code
 *       1E+3M} included). A too-large exponent reads as an infinity, as in Clojure. {@code ##NaN}, {@code ##Inf} and
 *       {@code ##-Inf} are read too: they are Clojure's extension (1.9 and later), which the edn text does not yet
 *       have.
 *   <li><b>Numbers refused</b>: leading zeros ({@code 01}, which Clojure reads as octal), {@code .5}, {@code 5.},
 *       hexadecimal, radix and ratio forms, an exponent without digits, {@code N} on a float, a digit run glued to
 *       other characters ({@code 123abc}), and any number literal longer than 1000 characters (parsing a huge
 *       literal costs time that grows faster than its length).
 *   <li><b>Symbols and keywords</b>: the rules of {@link io.sente4j.core.Symbol#of(String)} and {@link
 *       io.sente4j.core.Keyword#of(String)}, which are the data model's own, so that whatever is read can be
 *       written. {@code /} alone and {@code ns//} are symbols; {@code ::a}, {@code :/}, {@code :foo/}, {@code
 *       foo/bar/baz} and names with {@code @ ~ ^ ` | \} are refused, as is {@code ^} metadata.
 *   <li><b>Collections</b>: lists {@code ( )} and vectors {@code [ ]} both read as an unmodifiable {@code List}
 *       over an {@code ArrayList}; maps {@code { }} as an unmodifiable {@code LinkedHashMap}; sets {@code #{ }} as
 *       an unmodifiable {@code LinkedHashSet}. Order is kept and {@code nil} is allowed anywhere. A duplicate map
 *       key or set element (by Java {@code equals}: {@code 1} and {@code 1N} differ, as edn says they do) is an
 *       error, and so is a map with an odd number of forms, and a map or set in which more than 64 keys (elements)
 *       share one hash code (a hash flood: Java's hash maps would take time in their square).
 *   <li><b>Tags</b>: {@code #} and a symbol starting with a letter, applied to the next element.
 *       <ul>
 *         <li>{@code #inst "..."} is an {@code Instant}: RFC 3339 with any offset ({@code -00:00} too), to the
 *             nanosecond, plus Clojure's shortened forms, {@code yyyy[-MM[-dd[Thh[:mm[:ss[.fff]]]]]]} with an
 *             optional offset (a missing offset is UTC). At most 9 fraction digits; no leap second; the instant
 *             must fall in the years 0000 to 9999 in UTC. Dates are proleptic Gregorian, as RFC 3339 says.
 *         <li>{@code #uuid "..."} is a {@code UUID}, in the canonical 8-4-4-4-12 form (either case).
 *         <li>{@code #sente4j/bytes "<base64>"} is a {@link io.sente4j.core.Bytes}: sente4j's tag for binary,
 *             standard base64 with padding.
 *         <li>any other tag is a {@link io.sente4j.core.Tagged} of the tag symbol and the value.
 *       </ul>
 *       A tag with no element, and a built-in tag with an invalid payload, are errors.
 *   <li><b>Discard</b>: {@code #_} reads the next element and drops it ({@code #_ #_ a b c} is {@code c}); no tag
 *       is interpreted inside a discarded element. {@code #_} with nothing after it is an error.
 *   <li><b>Other {@code #} forms</b> ({@code #:ns{}}, {@code #"re"}, {@code #(...)}, {@code #'x}, {@code ##x}
 *       other than the three above, ...) are refused.
 * </ul>
 *
 * <h2>Limits</h2>
 * Depth counts collections and {@code Tagged} values, the outermost at depth 1. {@code #inst}, {@code #uuid} and
 * {@code #sente4j/bytes} read as scalars and do not count; discards do not either, but at most {@code maxDepth}
 * discards and built-in tags may be open at once. Input size is the UTF-8 length; a map entry counts once towards
 * the collection size.
 */
package io.sente4j.packer.edn;
