package io.sente4j.spec;

import io.sente4j.core.Bytes;
import io.sente4j.core.Chsk;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of data-model values, for property tests of packers, codecs and anything that carries
 * values. Recursive and sized; they shrink through QuickTheories' own mechanism (every draw comes from the
 * {@code RandomnessSource}).
 *
 * <pre>{@code
 * Gen<Object> anyValue = DataModelGens.all().values();
 * Gen<Object> jsonSafe = DataModelGens.all().without(Kind.TAGGED, Kind.NON_FINITE_DOUBLE).values();
 * }</pre>
 *
 * <p>Instances are immutable; each {@code with...} method returns a new configuration.
 */
public final class DataModelGens {

  /** The kinds of value a configuration may produce. */
  public enum Kind {
    /** {@code null}. */
    NIL,
    /** {@link Boolean}. */
    BOOLEAN,
    /** {@link Long}, including the edges (0, ±2^53 ± 1, MIN, MAX). */
    LONG,
    /** {@link BigInteger}, small and beyond 64 bits. */
    BIG_INTEGER,
    /** Finite {@link Double}, including -0.0, MIN_VALUE and MAX_VALUE. */
    DOUBLE,
    /** NaN and the infinities. */
    NON_FINITE_DOUBLE,
    /** {@link BigDecimal} with scales from -5 to 20. */
    BIG_DECIMAL,
    /**
     * {@link String} over ASCII, control characters, Latin-1, the BMP and astral planes (no lone surrogates); now and
     * then several hundred code points long.
     */
    STRING,
    /** {@link Character} from the BMP, excluding surrogates. */
    CHARACTER,
    /** {@link Keyword}, with and without a namespace, in every shape of {@link #keywords()}. */
    KEYWORD,
    /** {@link Symbol}, with and without a namespace, in every shape of {@link #symbols()}. */
    SYMBOL,
    /** {@link Instant} in years 0000 to 9999, with nanoseconds. */
    INSTANT,
    /** {@link UUID}. */
    UUID,
    /** {@link Bytes}. */
    BYTES,
    /** {@link Tagged} with a namespaced tag (never {@code sente4j/...}) around any value. */
    TAGGED,
    /** {@link List}; now and then a large one of scalars. */
    LIST,
    /** {@link Set}, insertion-ordered; now and then a large one of scalars. */
    SET,
    /** {@link Map}, insertion-ordered; now and then a large one of scalars. */
    MAP
  }

  /** The first second of year 0000 (proleptic Gregorian, UTC), the earliest instant edn can write. */
  public static final long MIN_INSTANT_SECOND = -62167219200L; // 0000-01-01T00:00:00Z
  /** The last second of year 9999 (UTC), the latest instant edn can write. */
  public static final long MAX_INSTANT_SECOND = 253402300799L; // 9999-12-31T23:59:59Z
  /**
   * The first second of 1583 (UTC), from which {@link java.util.Date}, which is Julian before 15 October 1582, and the
   * proleptic Gregorian calendar of {@link Instant} agree on every date.
   */
  public static final long MIN_DATE_INTEROP_SECOND = -12212553600L; // 1583-01-01T00:00:00Z
  /** Instants every generator of instants draws now and then: the ends of the range and the calendar switch. */
  private static final List<Instant> INSTANT_EDGES = List.of(Instant.ofEpochSecond(MIN_INSTANT_SECOND),
      Instant.ofEpochSecond(MAX_INSTANT_SECOND, 999_999_999), Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
      Instant.parse("1582-10-04T23:59:59.999Z"), Instant.parse("1582-10-15T00:00:00Z"),
      Instant.parse("0000-12-31T23:59:59.999999999Z"), Instant.parse("0001-01-01T00:00:00Z"));
  private static final List<Instant> DATE_INTEROP_EDGES = List.of(Instant.ofEpochSecond(MIN_DATE_INTEROP_SECOND),
      Instant.ofEpochSecond(MAX_INSTANT_SECOND, 999_000_000), Instant.EPOCH, Instant.ofEpochSecond(-1, 999_000_000));
  private static final String TAG_START = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  /** Strings are this many code points long at most, except the occasional long one. */
  private static final int SHORT_STRING = 12;
  /** The occasional long string: enough code points to cross the buffer boundaries of common parsers. */
  private static final int LONG_STRING_MIN = 200;
  private static final int LONG_STRING_MAX = 1200;

  /** The fewest elements of the occasional large collection. */
  private static final int LARGE_MIN = 32;

  private final Set<Kind> kinds;
  private final int maxDepth;
  private final int maxSize;
  private final boolean millisecondInstants;
  private final Gen<Object> mapKeys;

  private DataModelGens(Set<Kind> kinds, int maxDepth, int maxSize, boolean millisecondInstants, Gen<Object> mapKeys) {
    this.kinds = Collections.unmodifiableSet(kinds);
    this.maxDepth = maxDepth;
    this.maxSize = maxSize;
    this.millisecondInstants = millisecondInstants;
    this.mapKeys = mapKeys;
  }

  /**
   * Every kind of value, nested up to 3 collections deep, up to 5 elements per collection, and now and then a large
   * collection of scalars (see {@link #withMaxSize(int)}).
   */
  public static DataModelGens all() {
    return new DataModelGens(EnumSet.allOf(Kind.class), 3, 5, false, null);
  }

  /** The same configuration without the given kinds. */
  public DataModelGens without(Kind... excluded) {
    EnumSet<Kind> k = EnumSet.copyOf(kinds);
    for (Kind e : excluded) {
      k.remove(e);
    }
    if (k.isEmpty()) {
      throw new IllegalArgumentException("no kinds left");
    }
    return new DataModelGens(k, maxDepth, maxSize, millisecondInstants, mapKeys);
  }

  /** The same configuration nesting collections (and tags) at most {@code depth} deep; 0 means scalars only. */
  public DataModelGens withMaxDepth(int depth) {
    return new DataModelGens(EnumSet.copyOf(kinds), depth, maxSize, millisecondInstants, mapKeys);
  }

  /**
   * The same configuration with at most {@code size} elements per collection, except the occasional large one: a
   * list, set or map of {@code max(32, 8 * size)} / 2 to {@code max(32, 8 * size)} scalars.
   */
  public DataModelGens withMaxSize(int size) {
    return new DataModelGens(EnumSet.copyOf(kinds), maxDepth, size, millisecondInstants, mapKeys);
  }

  /**
   * The same configuration with instants as a {@link java.util.Date} holds them without loss, for Clojure interop:
   * whole milliseconds, and only from 1583-01-01T00:00:00Z ({@link #MIN_DATE_INTEROP_SECOND}) on, because {@code
   * Date} is Julian before 15 October 1582, so earlier {@code #inst} text names another instant in Clojure on the
   * JVM. See {@link #millisecondInstants()}.
   */
  public DataModelGens withMillisecondInstants() {
    return new DataModelGens(EnumSet.copyOf(kinds), maxDepth, maxSize, true, mapKeys);
  }

  /** The same configuration drawing map keys from {@code keys} instead of from the values themselves. */
  public DataModelGens withMapKeys(Gen<Object> keys) {
    return new DataModelGens(EnumSet.copyOf(kinds), maxDepth, maxSize, millisecondInstants,
        Objects.requireNonNull(keys, "keys"));
  }

  /** Values of the configured kinds, nested up to the configured depth. */
  public Gen<Object> values() {
    return value(maxDepth);
  }

  /** Scalar values of the configured kinds (no collections, no tags). */
  public Gen<Object> scalars() {
    List<Pair<Integer, Gen<Object>>> options = new ArrayList<>();
    add(options, Kind.NIL, 1, Generate.constant((Object) null));
    add(options, Kind.BOOLEAN, 1, Generate.booleans().map(b -> (Object) b));
    add(options, Kind.LONG, 3, longs().map(x -> (Object) x));
    add(options, Kind.BIG_INTEGER, 1, bigIntegers().map(x -> (Object) x));
    add(options, Kind.DOUBLE, 2, finiteDoubles().map(x -> (Object) x));
    add(options, Kind.NON_FINITE_DOUBLE, 1,
        Generate.pick(List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).map(x -> (Object) x));
    add(options, Kind.BIG_DECIMAL, 1, bigDecimals().map(x -> (Object) x));
    add(options, Kind.STRING, 4, strings().map(x -> (Object) x));
    add(options, Kind.CHARACTER, 1, characters().map(x -> (Object) x));
    add(options, Kind.KEYWORD, 3, keywords().map(x -> (Object) x));
    add(options, Kind.SYMBOL, 1, symbols().map(x -> (Object) x));
    add(options, Kind.INSTANT, 1,
        (millisecondInstants ? millisecondInstants() : instants()).map(x -> (Object) x));
    add(options, Kind.UUID, 1, uuids().map(x -> (Object) x));
    add(options, Kind.BYTES, 1, bytes().map(x -> (Object) x));
    if (options.isEmpty()) {
      throw new IllegalStateException("no scalar kinds configured: " + kinds);
    }
    return Generate.frequency(options);
  }

  private Gen<Object> value(int depth) {
    Gen<Object> scalars = scalars();
    if (depth <= 0) {
      return scalars;
    }
    Gen<Object> inner = value(depth - 1);
    Gen<Object> keys = mapKeys != null ? mapKeys : inner;
    List<Pair<Integer, Gen<Object>>> options = new ArrayList<>();
    options.add(Pair.of(24, scalars));
    add(options, Kind.LIST, 8, listsOf(inner, maxSize).map(x -> (Object) x));
    add(options, Kind.SET, 4, setsOf(inner, maxSize).map(x -> (Object) x));
    add(options, Kind.MAP, 8, mapsOf(keys, inner, maxSize).map(x -> (Object) x));
    add(options, Kind.TAGGED, 4, tagSymbols().zip(inner, (t, v) -> (Object) new Tagged(t, v)));
    // Now and then a large collection, of scalars only so that its cost stays linear in its size.
    int large = Math.max(LARGE_MIN, maxSize * 8);
    Gen<Object> largeKeys = mapKeys != null ? mapKeys : scalars;
    add(options, Kind.LIST, 1, listsOf(scalars, large / 2, large).map(x -> (Object) x));
    add(options, Kind.SET, 1, setsOf(scalars, large / 2, large).map(x -> (Object) x));
    add(options, Kind.MAP, 1, mapsOf(largeKeys, scalars, large / 2, large).map(x -> (Object) x));
    return Generate.frequency(options);
  }

  private void add(List<Pair<Integer, Gen<Object>>> options, Kind kind, int weight, Gen<Object> gen) {
    if (kinds.contains(kind)) {
      options.add(Pair.of(weight, gen));
    }
  }

  /** Unmodifiable lists of up to {@code maxSize} elements. */
  public static <T> Gen<List<T>> listsOf(Gen<T> elements, int maxSize) {
    return listsOf(elements, 0, maxSize);
  }

  /** Unmodifiable lists of {@code minSize} to {@code maxSize} elements. */
  public static <T> Gen<List<T>> listsOf(Gen<T> elements, int minSize, int maxSize) {
    return in -> {
      int n = Generate.range(minSize, maxSize).generate(in);
      List<T> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(elements.generate(in));
      }
      return Collections.unmodifiableList(list);
    };
  }

  /** Unmodifiable, insertion-ordered sets of up to {@code maxSize} elements. */
  public static <T> Gen<Set<T>> setsOf(Gen<T> elements, int maxSize) {
    return setsOf(elements, 0, maxSize);
  }

  /**
   * Unmodifiable, insertion-ordered sets of {@code minSize} to {@code maxSize} drawn elements (fewer when draws
   * repeat).
   */
  public static <T> Gen<Set<T>> setsOf(Gen<T> elements, int minSize, int maxSize) {
    return in -> {
      int n = Generate.range(minSize, maxSize).generate(in);
      Set<T> set = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        set.add(elements.generate(in));
      }
      return Collections.unmodifiableSet(set);
    };
  }

  /** Unmodifiable, insertion-ordered maps of up to {@code maxSize} entries. */
  public static <K, V> Gen<Map<K, V>> mapsOf(Gen<K> keys, Gen<V> values, int maxSize) {
    return mapsOf(keys, values, 0, maxSize);
  }

  /**
   * Unmodifiable, insertion-ordered maps of {@code minSize} to {@code maxSize} drawn entries (fewer when keys
   * repeat).
   */
  public static <K, V> Gen<Map<K, V>> mapsOf(Gen<K> keys, Gen<V> values, int minSize, int maxSize) {
    return in -> {
      int n = Generate.range(minSize, maxSize).generate(in);
      Map<K, V> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        map.put(keys.generate(in), values.generate(in));
      }
      return Collections.unmodifiableMap(map);
    };
  }

  /** Longs: small ones, the interesting edges, and the whole range. */
  public static Gen<Long> longs() {
    return Generate.frequency(List.of(
        Pair.of(3, Generate.longRange(-1000, 1000)),
        Pair.of(1, Generate.pick(List.of(0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE,
            (1L << 53) - 1, 1L << 53, (1L << 53) + 1, -(1L << 53) - 1, (long) Integer.MAX_VALUE + 1))),
        Pair.of(3, Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE))));
  }

  /** BigIntegers: small ones and ones beyond 64 bits, either sign. */
  public static Gen<BigInteger> bigIntegers() {
    Gen<BigInteger> small = Generate.longRange(-1000, 1000).map(BigInteger::valueOf);
    Gen<BigInteger> big = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).zip(
        Generate.longRange(0, Long.MAX_VALUE), Generate.range(1, 3),
        (hi, lo, words) -> BigInteger.valueOf(hi).shiftLeft(63 * words).add(BigInteger.valueOf(lo)));
    return Generate.frequency(List.of(Pair.of(1, small), Pair.of(3, big)));
  }

  /** Finite doubles: the edges, simple decimals, and arbitrary bit patterns. */
  public static Gen<Double> finiteDoubles() {
    Gen<Double> edges = Generate.pick(List.of(0.0, -0.0, 1.0, -1.0, 1.5, 0.1, 100.0, 1e300, -1e-300,
        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 9007199254740993.0));
    Gen<Double> decimals = Generate.longRange(-1_000_000, 1_000_000).map(x -> x / 100.0);
    Gen<Double> bits = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble)
        .map(d -> Double.isFinite(d) ? d : 0.5);
    return Generate.frequency(List.of(Pair.of(1, edges), Pair.of(2, decimals), Pair.of(2, bits)));
  }

  /** BigDecimals with unscaled values over the whole long range and scales from -5 to 20. */
  public static Gen<BigDecimal> bigDecimals() {
    return Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).zip(Generate.range(-5, 20),
        (unscaled, scale) -> new BigDecimal(BigInteger.valueOf(unscaled), scale));
  }

  /** Code points as a packer meets them: mostly ASCII, with controls, escapes, Latin-1, BMP and astral. */
  public static Gen<Integer> codePoints() {
    return Generate.frequency(List.of(
        Pair.of(8, Generate.range(0x20, 0x7e)),
        Pair.of(2, Generate.pick(List.of((int) '"', (int) '\\', (int) '\n', (int) '\t', (int) '\r', (int) '#',
            (int) ';', (int) ',', (int) ':', (int) '/'))),
        Pair.of(1, Generate.range(0x00, 0x1f)),
        Pair.of(1, Generate.range(0x7f, 0xff)),
        Pair.of(1, Generate.range(0x100, 0xd7ff)),
        Pair.of(1, Generate.range(0xe000, 0xfffd)),
        Pair.of(1, Generate.range(0x10000, 0x10ffff))));
  }

  /**
   * Strings of up to 12 code points and, one time in thirteen, of 200 to 1,200 (up to about 4 KiB of UTF-8, so they
   * cross the buffer boundaries of common parsers); never with a lone surrogate.
   */
  public static Gen<String> strings() {
    return Generate.frequency(List.of(
        Pair.of(12, listsOf(codePoints(), SHORT_STRING)),
        Pair.of(1, listsOf(codePoints(), LONG_STRING_MIN, LONG_STRING_MAX)))).map(cps -> {
          StringBuilder sb = new StringBuilder();
          cps.forEach(sb::appendCodePoint);
          return sb.toString();
        });
  }

  /** BMP characters, never a surrogate. */
  public static Gen<Character> characters() {
    return codePoints().map(cp -> cp > 0xffff ? 'x' : (char) cp.intValue());
  }

  /**
   * Keywords in every shape PROTOCOL.md §2.3 allows, about half with a namespace: names of letters of any script
   * (supplementary ones such as U+20000 among them), digits of any script, {@code * + ! - _ ? $ % & = < > .} and,
   * inside, {@code : # '}; a namespace, or a name without one, beginning with a digit ({@code :1}, {@code :3d/model});
   * parts beginning with {@code -}, {@code +} or {@code .} and a digit ({@code :-1}, {@code :a/-1}).
   */
  public static Gen<Keyword> keywords() {
    Gen<String> ns = NameParts.of(true, true);
    Gen<String> nameAfterNs = NameParts.of(false, true);
    return Generate.booleans().zip(ns, nameAfterNs, ns, (qualified, a, b, alone) ->
        qualified ? Keyword.of(a, b) : Keyword.of(null, alone));
  }

  /** Namespaced keywords outside the reserved {@code chsk} namespace, in the shapes of {@link #keywords()}. */
  public static Gen<Keyword> eventIds() {
    return NameParts.of(true, true).zip(NameParts.of(false, true),
        (a, b) -> Keyword.of(a.equals(Chsk.NAMESPACE) ? "app" : a, b));
  }

  /**
   * Symbols in every shape PROTOCOL.md §2.3 allows, about half with a namespace; never {@code nil}, {@code true} or
   * {@code false}. Their parts never begin with a digit, nor with {@code -}, {@code +} or {@code .} and a digit. Now
   * and then the symbol {@code /} or a name {@code /} after a namespace ({@code clojure.core//}).
   */
  public static Gen<Symbol> symbols() {
    Gen<String> part = NameParts.of(false, false);
    Gen<Symbol> plain = Generate.booleans().zip(part, part, (qualified, a, b) -> {
      if (qualified) {
        return Symbol.of(a, b);
      }
      boolean literal = b.equals("nil") || b.equals("true") || b.equals("false");
      return Symbol.of(null, literal ? b + "_" : b);
    });
    Gen<Symbol> slash = Generate.booleans().zip(part, (alone, ns) -> Symbol.of(alone ? null : ns, "/"));
    return Generate.frequency(List.of(Pair.of(10, plain), Pair.of(1, slash)));
  }

  /** Namespaced tag symbols that start with an ASCII letter and are never in the {@code sente4j} namespace. */
  public static Gen<Symbol> tagSymbols() {
    Gen<String> start = Generate.pick(List.of(TAG_START.split("")));
    return start.zip(NameParts.of(false, false), NameParts.of(false, false), (first, ns, name) -> {
      String tagNs = first + ns;
      return Symbol.of(tagNs.equals("sente4j") ? "my.app" : tagNs, name);
    });
  }

  /**
   * Instants over the whole range edn can write, year 0000 ({@link #MIN_INSTANT_SECOND}) to 9999, with whole
   * seconds, whole milliseconds or arbitrary nanoseconds, and now and then an edge (the ends of the range, the epoch,
   * the Julian-to-Gregorian switch of October 1582).
   */
  public static Gen<Instant> instants() {
    Gen<Instant> any = Generate.longRange(MIN_INSTANT_SECOND, MAX_INSTANT_SECOND).zip(
        Generate.frequency(List.of(Pair.of(1, Generate.constant(0)), Pair.of(1, Generate.range(0, 999).map(
            ms -> ms * 1_000_000)), Pair.of(1, Generate.range(0, 999_999_999)))),
        (s, n) -> Instant.ofEpochSecond(s, n));
    return Generate.frequency(List.of(Pair.of(8, any), Pair.of(1, Generate.pick(INSTANT_EDGES))));
  }

  /**
   * Instants a {@link java.util.Date} and Clojure's {@code #inst} reader on the JVM hold exactly: whole milliseconds
   * from 1583-01-01T00:00:00Z ({@link #MIN_DATE_INTEROP_SECOND}) to the end of 9999. Earlier dates are left out
   * because {@code Date} uses the Julian calendar before 15 October 1582, so the same text names another instant
   * there (PROTOCOL.md §3.2.3).
   */
  public static Gen<Instant> millisecondInstants() {
    Gen<Instant> any = Generate.longRange(MIN_DATE_INTEROP_SECOND, MAX_INSTANT_SECOND).zip(Generate.range(0, 999),
        (s, ms) -> Instant.ofEpochSecond(s, ms * 1_000_000L));
    return Generate.frequency(List.of(Pair.of(8, any), Pair.of(1, Generate.pick(DATE_INTEROP_EDGES))));
  }

  /** UUIDs of any bit pattern. */
  public static Gen<UUID> uuids() {
    Gen<Long> any = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE);
    return any.zip(any, UUID::new);
  }

  /** Byte sequences of up to 16 bytes. */
  public static Gen<Bytes> bytes() {
    return Generate.byteArrays(Generate.range(0, 16), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))
        .map(Bytes::wrap);
  }
}
