package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The writer's text for every type of the data model: Clojure's {@code pr-str} text where that reads back. */
class EdnWriterTest {

  private static String write(Object value) {
    return Edn.write(value);
  }

  private static Map<Object, Object> map(Object... kvs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(kvs[i], kvs[i + 1]);
    }
    return m;
  }

  /**
   * Text far longer than the writer's first buffer, in many pieces: escapes, non-ASCII text, instants and strings
   * longer than a whole chunk of the output, wherever they fall. Each element written alone is the reference.
   */
  @Test
  void writesLargeValuesAsTheirElementsWrittenAlone() {
    List<Object> items = new java.util.ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      switch (i % 6) {
        case 0 -> items.add("line " + i + "\n with a \"quote\" and caf\u00e9 \u20ac \ud83d\ude00");
        case 1 -> items.add(Instant.ofEpochSecond(1_764_320_400L + i, i * 1000L));
        case 2 -> items.add(map(Keyword.of("seq"), (long) i, Keyword.of("ok"), i % 4 == 0));
        case 3 -> items.add("x".repeat(i % 700) + "\t" + "y".repeat(i % 300));
        case 4 -> items.add(i % 500 == 4 ? "long \\ " + "z".repeat(20_000) + " \u0001 end" : "short");
        default -> items.add(UUID.nameUUIDFromBytes(new byte[] {(byte) i}));
      }
    }
    StringBuilder expected = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      expected.append(i == 0 ? "" : " ").append(write(items.get(i)));
    }
    String text = write(items);
    assertThat(text.length()).isGreaterThan(100_000);
    assertThat(text).isEqualTo(expected.append(']').toString());
    assertThat(Edn.read(text)).isEqualTo(items);
  }

  @Test
  void writesSenteFramesAsSenteDoes() {
    Keyword req = Keyword.of("my-app/some-req");
    assertThat(write(List.of(List.of(req, map(Keyword.of("name"), "Rich")), "3f9c2a")))
        .isEqualTo("[[:my-app/some-req {:name \"Rich\"}] \"3f9c2a\"]");
    assertThat(write(map(Keyword.of("n"), 1L, Keyword.of("s"), "hello"))).isEqualTo("{:n 1, :s \"hello\"}");
    assertThat(write(Arrays.asList(List.of(Keyword.of("chsk/handshake"), Arrays.asList("alice", null, null)), null)))
        .isEqualTo("[[:chsk/handshake [\"alice\" nil nil]] nil]");
  }

  /**
   * The writer wrote any BigInteger or BigDecimal, and its own reader refused the frame: a literal longer than 1000
   * characters, or an exponent beyond an int (which Clojure's reader refuses too). Such numbers reach a server from a
   * CBOR peer and were relayed to edn clients that could not read them.
   */
  @Test
  void writesOnlyTheNumberLiteralsItsReaderReadsBack() {
    BigInteger longest = BigInteger.TEN.pow(998); // 999 digits and N
    assertThat(write(longest)).hasSize(1000);
    assertThat(Edn.read(write(longest))).isEqualTo(longest);
    assertThatThrownBy(() -> write(longest.negate())).isInstanceOf(PackerException.class)
        .hasMessage("edn: cannot write a BigInteger of 1000 characters: the edn packer reads number literals of at"
            + " most 1000 characters");
    assertThatThrownBy(() -> write(BigInteger.TEN.pow(5000))).isInstanceOf(PackerException.class)
        .hasMessageContaining("a BigInteger of 16610 bits");
    BigDecimal widest = new BigDecimal(BigInteger.TEN.pow(997), 3); // 998 digits, a point and M
    assertThat(Edn.read(write(widest))).isEqualTo(widest);
    assertThatThrownBy(() -> write(new BigDecimal(BigInteger.TEN.pow(998), 3))).isInstanceOf(PackerException.class)
        .hasMessageContaining("a BigDecimal of 1000 characters");
    BigDecimal top = new BigDecimal(BigInteger.ONE, -Integer.MAX_VALUE);
    assertThat(write(top)).isEqualTo("1E+2147483647M");
    assertThat(Edn.read(write(top))).isEqualTo(top);
    assertThatThrownBy(() -> write(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE)))
        .isInstanceOf(PackerException.class)
        .hasMessage("edn: cannot write the BigDecimal 1E+2147483648: the exponent of its literal, 2^31, is beyond the"
            + " range of an int, which neither this reader nor Clojure's reads");
  }

  /**
   * {@code toString} gives 1.23456789E+2147483655, an exponent beyond an int that no reader reads, so the writer
   * refused a value it reads itself (from {@code 123.456E2147483647M}) and CBOR carries; its unscaled digits and
   * -scale read back exactly.
   */
  @Test
  void writesADecimalWhoseUsualExponentPassesAnIntAsItsUnscaledDigitsAndScale() {
    BigDecimal d = new BigDecimal(BigInteger.valueOf(123456789), -Integer.MAX_VALUE);
    assertThat(write(d)).isEqualTo("123456789E+2147483647M");
    assertThat(Edn.read(write(d))).isEqualTo(d);
    BigDecimal read = (BigDecimal) Edn.read("123.456E2147483647M");
    assertThat(Edn.read(write(read))).isEqualTo(read);
  }

  @Test
  void writesCollections() {
    assertThat(write(List.of())).isEqualTo("[]");
    assertThat(write(Map.of())).isEqualTo("{}");
    assertThat(write(new LinkedHashSet<>())).isEqualTo("#{}");
    assertThat(write(new LinkedHashSet<>(List.of(3L, 1L, 2L)))).isEqualTo("#{3 1 2}");
    assertThat(write(map(null, null, List.of(1L), map()))).isEqualTo("{nil nil, [1] {}}");
    assertThat(write(Arrays.asList(1L, null, List.of(List.of())))).isEqualTo("[1 nil [[]]]");
    assertThat(write(new TreeMap<>(Map.of("b", 2L, "a", 1L)))).isEqualTo("{\"a\" 1, \"b\" 2}");
    assertThat(write(new java.util.LinkedList<>(List.of(1L)))).isEqualTo("[1]");
  }

  @Test
  void writesStringsEscapingWhatClojureEscapes() {
    assertThat(write("hello")).isEqualTo("\"hello\"");
    assertThat(write("")).isEqualTo("\"\"");
    assertThat(write("q\" b\\ n\n t\t r\r f\f b\b")).isEqualTo("\"q\\\" b\\\\ n\\n t\\t r\\r f\\f b\\b\"");
    assertThat(write("h\u00e9llo \u2603 \ud834\udd1e \u2028")).isEqualTo("\"h\u00e9llo \u2603 \ud834\udd1e \u2028\"");
  }

  @Test
  void escapesOtherControlCharactersAndLoneSurrogatesSoTheyReadBack() {
    assertThat(write("bell\u0007 nul\u0000 del\u007f nel\u0085 x\u009f\u00a0"))
        .isEqualTo("\"bell\\u0007 nul\\u0000 del\\u007F nel\\u0085 x\\u009F\u00a0\"");
    assertThat(write("a\ud800b")).isEqualTo("\"a\\uD800b\"");
    assertThat(write("\udc00\ud800")).isEqualTo("\"\\uDC00\\uD800\"");
    assertThat(write("end\ud834")).isEqualTo("\"end\\uD834\"");
  }

  @Test
  void writesCharacters() {
    assertThat(write('a')).isEqualTo("\\a");
    assertThat(write('\u00e9')).isEqualTo("\\\u00e9");
    assertThat(write('\n')).isEqualTo("\\newline");
    assertThat(write(' ')).isEqualTo("\\space");
    assertThat(write('\t')).isEqualTo("\\tab");
    assertThat(write('\r')).isEqualTo("\\return");
    assertThat(write('\b')).isEqualTo("\\backspace");
    assertThat(write('\f')).isEqualTo("\\formfeed");
    assertThat(write(List.of('(', '"', '\\', ',', ';'))).isEqualTo("[\\( \\\" \\\\ \\, \\;]");
  }

  @Test
  void writesControlSurrogateAndWhitespaceCharactersAsUnicodeEscapes() {
    assertThat(write('\u0007')).isEqualTo("\\u0007");
    assertThat(write('\u007f')).isEqualTo("\\u007F");
    assertThat(write('\ud800')).isEqualTo("\\uD800");
    assertThat(write('\u2028')).isEqualTo("\\u2028");
    assertThat(write('\u3000')).isEqualTo("\\u3000");
    assertThat(write('\u000b')).isEqualTo("\\u000B");
    assertThat(write('\u00a0')).isEqualTo("\\\u00a0");
  }

  @Test
  void writesNumbers() {
    assertThat(write(42L)).isEqualTo("42");
    assertThat(write(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
    assertThat(write(7)).isEqualTo("7");
    assertThat(write((short) -3)).isEqualTo("-3");
    assertThat(write((byte) 9)).isEqualTo("9");
    assertThat(write(BigInteger.ONE)).isEqualTo("1N");
    assertThat(write(BigInteger.TWO.pow(64).negate())).isEqualTo("-18446744073709551616N");
    assertThat(write(1.5)).isEqualTo("1.5");
    assertThat(write(1.0)).isEqualTo("1.0");
    assertThat(write(-0.0)).isEqualTo("-0.0");
    assertThat(write(1.0E10)).isEqualTo("1.0E10");
    assertThat(write(1.0E-7)).isEqualTo("1.0E-7");
    assertThat(write(Double.NaN)).isEqualTo("##NaN");
    assertThat(write(Double.POSITIVE_INFINITY)).isEqualTo("##Inf");
    assertThat(write(Double.NEGATIVE_INFINITY)).isEqualTo("##-Inf");
    assertThat(write(1.5f)).isEqualTo("1.5");
    assertThat(write(0.1f)).isEqualTo(Double.toString((double) 0.1f));
    assertThat(write(Float.NaN)).isEqualTo("##NaN");
    assertThat(write(new BigDecimal("1.50"))).isEqualTo("1.50M");
    assertThat(write(new BigDecimal("1E+3"))).isEqualTo("1E+3M");
    assertThat(write(new BigDecimal("-1.5E-7"))).isEqualTo("-1.5E-7M");
    assertThat(write(BigDecimal.ONE)).isEqualTo("1M");
  }

  @Test
  void writesInstantsAsClojurePrintsDates() {
    assertThat(write(Instant.EPOCH)).isEqualTo("#inst \"1970-01-01T00:00:00.000-00:00\"");
    assertThat(write(Instant.parse("2024-01-02T03:04:05.678Z"))).isEqualTo("#inst \"2024-01-02T03:04:05.678-00:00\"");
    assertThat(write(Instant.parse("2024-01-02T03:04:05.123456789Z")))
        .isEqualTo("#inst \"2024-01-02T03:04:05.123456789-00:00\"");
    assertThat(write(Instant.parse("2024-01-02T03:04:05.000001Z")))
        .isEqualTo("#inst \"2024-01-02T03:04:05.000001000-00:00\"");
    assertThat(write(Instant.parse("1776-07-04T12:00:00Z"))).isEqualTo("#inst \"1776-07-04T12:00:00.000-00:00\"");
    assertThat(write(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("#inst \"0000-01-01T00:00:00.000-00:00\"");
    assertThat(write(Instant.parse("9999-12-31T23:59:59.999999999Z")))
        .isEqualTo("#inst \"9999-12-31T23:59:59.999999999-00:00\"");
  }

  @Test
  void refusesInstantsOutsideYears0To9999() {
    for (Instant i : List.of(Instant.parse("-0001-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.MIN, Instant.MAX)) {
      assertThatThrownBy(() -> write(i)).isExactlyInstanceOf(PackerException.class)
          .hasMessageContaining("#inst carries the years 0000-9999 only");
    }
  }

  @Test
  void writesUuidsKeywordsSymbolsTagsAndBytes() {
    assertThat(write(UUID.fromString("F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6")))
        .isEqualTo("#uuid \"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"");
    assertThat(write(Keyword.of("a"))).isEqualTo(":a");
    assertThat(write(Keyword.of("my-app", "some-req"))).isEqualTo(":my-app/some-req");
    assertThat(write(Symbol.of("inc"))).isEqualTo("inc");
    assertThat(write(Symbol.of("clojure.core", "inc"))).isEqualTo("clojure.core/inc");
    assertThat(write(Symbol.of(null, "/"))).isEqualTo("/");
    assertThat(write(Symbol.of("foo", "/"))).isEqualTo("foo//");
    assertThat(write(new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)))).isEqualTo("#my.app/point [1 2]");
    assertThat(write(new Tagged(Symbol.of("a/b"), new Tagged(Symbol.of("c/d"), null)))).isEqualTo("#a/b #c/d nil");
    assertThat(write(Bytes.fromHex("00017f80ff"))).isEqualTo("#sente4j/bytes \"AAF/gP8=\"");
    assertThat(write(new byte[] {0, 1, 127, -128, -1})).isEqualTo("#sente4j/bytes \"AAF/gP8=\"");
    assertThat(write(Bytes.EMPTY)).isEqualTo("#sente4j/bytes \"\"");
  }

  @Test
  void refusesValuesOutsideTheDataModelNamingTheirClass() {
    for (Object v : List.of(new Object(), new StringBuilder("x"), new java.util.Date(0), Optional.of(1),
        new ArrayDeque<>(List.of(1)), new int[] {1}, Thread.State.NEW, new BigInteger("1") { },
        List.of(1L, Map.of("k", new Object())))) {
      assertThatThrownBy(() -> write(v)).isExactlyInstanceOf(PackerException.class)
          .hasMessageStartingWith("edn: cannot write a ")
          .hasMessageContaining("it is not a value of the data model");
    }
    assertThatThrownBy(() -> write(new StringBuilder("secret")))
        .hasMessage("edn: cannot write a java.lang.StringBuilder: it is not a value of the data model");
  }

  @Test
  void refusesTagsTheReaderWouldNotGiveBack() {
    for (String tag : List.of("_x", "*x", "+x/y", "inst", "uuid", "sente4j/bytes")) {
      assertThatThrownBy(() -> write(new Tagged(Symbol.of(tag), "2024"))).isExactlyInstanceOf(PackerException.class)
          .hasMessageContaining("#" + tag);
    }
    assertThat(write(new Tagged(Symbol.of("sente4j/other"), 1L))).isEqualTo("#sente4j/other 1");
    assertThat(write(new Tagged(Symbol.of("instant"), 1L))).isEqualTo("#instant 1");
  }

  @Test
  void rewritingWhatWasReadGivesTheSameText() {
    Theories.qt().forAll(DataModelGens.all().values()).checkAssert(v -> {
      String text = write(v);
      assertThat(write(Edn.read(text))).isEqualTo(text);
    });
  }

  @Test
  void writesAndReadsNestingFarBeyondTheDefaultDepthWithoutTheCallStack() {
    int depth = io.sente4j.core.PackerLimits.MAX_DEPTH_CEILING;
    Object nested = List.of();
    for (int i = 1; i < depth; i++) {
      nested = List.of(nested);
    }
    EdnPacker deep = new EdnPacker(io.sente4j.core.PackerLimits.builder().maxDepth(depth).build());
    String text = deep.pack(nested).asText();
    assertThat(text).hasSize(2 * depth).startsWith("[[[").endsWith("]]]");
    Object read = deep.unpack(io.sente4j.core.Payload.text(text));
    int levels = 0;
    for (Object v = read; v instanceof List && levels <= depth; levels++) {
      List<?> l = (List<?>) v;
      v = l.isEmpty() ? null : l.get(0);
    }
    assertThat(levels).isEqualTo(depth);
  }
}
