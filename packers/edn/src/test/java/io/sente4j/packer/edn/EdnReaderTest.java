package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every element of the edn language the reader accepts, and what it reads as. */
class EdnReaderTest {

  private static Object read(String edn) {
    return Edn.read(edn);
  }

  @Test
  void readsNilTrueFalse() {
    assertThat(read("nil")).isNull();
    assertThat(read("true")).isEqualTo(Boolean.TRUE);
    assertThat(read("false")).isEqualTo(Boolean.FALSE);
    assertThat(read("nil?")).isEqualTo(Symbol.of("nil?"));
    assertThat(read("truex")).isEqualTo(Symbol.of("truex"));
  }

  @Test
  void readsStringsWithEveryEscape() {
    assertThat(read("\"hello\"")).isEqualTo("hello");
    assertThat(read("\"\"")).isEqualTo("");
    assertThat(read("\"a\\tb\\rc\\nd\\\\e\\\"f\"")).isEqualTo("a\tb\rc\nd\\e\"f");
    assertThat(read("\"\\b\\f\"")).isEqualTo("\b\f");
    assertThat(read("\"\\u0041\\u00e9\\u00E9\\uD834\\uDD1E\"")).isEqualTo("A\u00e9\u00e9\ud834\udd1e");
    assertThat(read("\"\\uD800\"")).isEqualTo("\ud800");
  }

  @Test
  void readsStringsThatSpanLinesAndHoldAnyCharacter() {
    assertThat(read("\"line one\nline two\"")).isEqualTo("line one\nline two");
    assertThat(read("\"bell\u0007 ; not a comment, [not a vector] \u2603 \ud834\udd1e\"" ))
        .isEqualTo("bell\u0007 ; not a comment, [not a vector] \u2603 \ud834\udd1e");
  }

  @Test
  void readsCharacters() {
    assertThat(read("\\a")).isEqualTo('a');
    assertThat(read("\\newline")).isEqualTo('\n');
    assertThat(read("\\return")).isEqualTo('\r');
    assertThat(read("\\space")).isEqualTo(' ');
    assertThat(read("\\tab")).isEqualTo('\t');
    assertThat(read("\\backspace")).isEqualTo('\b');
    assertThat(read("\\formfeed")).isEqualTo('\f');
    assertThat(read("\\u00e9")).isEqualTo('\u00e9');
    assertThat(read("\\uD800")).isEqualTo('\ud800');
    assertThat(read("\\u")).isEqualTo('u');
    assertThat(read("\\n")).isEqualTo('n');
    assertThat(read("\\\u00e9")).isEqualTo('\u00e9');
  }

  @Test
  void readsDelimiterCharactersAndTheirNeighbours() {
    assertThat(read("[\\( \\) \\[ \\] \\{ \\} \\\" \\\\ \\; \\, \\#]"))
        .isEqualTo(List.of('(', ')', '[', ']', '{', '}', '"', '\\', ';', ',', '#'));
    assertThat(read("[\\a]")).isEqualTo(List.of('a'));
    assertThat(read("(\\x\"s\")")).isEqualTo(List.of('x', "s"));
  }

  @Test
  void readsIntegers() {
    assertThat(read("0")).isEqualTo(0L);
    assertThat(read("-0")).isEqualTo(0L);
    assertThat(read("+42")).isEqualTo(42L);
    assertThat(read("-42")).isEqualTo(-42L);
    assertThat(read("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(read("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(read("123456789012345678")).isEqualTo(123456789012345678L);
  }

  @Test
  void integersBeyond64BitsOrWithNAreBigIntegers() {
    assertThat(read("9223372036854775808")).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(read("-9223372036854775809")).isEqualTo(new BigInteger("-9223372036854775809"));
    assertThat(read("1N")).isEqualTo(BigInteger.ONE);
    assertThat(read("-0N")).isEqualTo(BigInteger.ZERO);
    assertThat(read("+5N")).isEqualTo(BigInteger.valueOf(5));
    assertThat(read("18446744073709551616N")).isEqualTo(BigInteger.TWO.pow(64));
  }

  @Test
  void readsFloats() {
    assertThat(read("1.5")).isEqualTo(1.5);
    assertThat(read("-0.0")).isEqualTo(-0.0);
    assertThat(read("0.0")).isEqualTo(0.0);
    assertThat(read("1e5")).isEqualTo(1e5);
    assertThat(read("1E5")).isEqualTo(1e5);
    assertThat(read("1.0E-7")).isEqualTo(1.0e-7);
    assertThat(read("+2.5e+3")).isEqualTo(2500.0);
    assertThat(read("4.9E-324")).isEqualTo(Double.MIN_VALUE);
    assertThat(read("1E400")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(read("1e-400")).isEqualTo(0.0);
  }

  @Test
  void readsBigDecimalsWithM() {
    assertThat(read("1.50M")).isEqualTo(new BigDecimal("1.50"));
    assertThat(read("1E+3M")).isEqualTo(new BigDecimal("1E+3"));
    assertThat(read("1M")).isEqualTo(new BigDecimal("1"));
    assertThat(read("-1.5e-3M")).isEqualTo(new BigDecimal("-0.0015"));
    assertThat(read("0.000M")).isEqualTo(new BigDecimal("0.000"));
  }

  @Test
  void readsClojureSymbolicDoubles() {
    assertThat(read("##NaN")).isEqualTo(Double.NaN);
    assertThat(read("##Inf")).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(read("##-Inf")).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(read("[##NaN ##Inf]")).isEqualTo(List.of(Double.NaN, Double.POSITIVE_INFINITY));
  }

  @Test
  void readsKeywords() {
    assertThat(read(":a")).isEqualTo(Keyword.of("a"));
    assertThat(read(":my-app/some-req")).isEqualTo(Keyword.of("my-app", "some-req"));
    assertThat(read(":a.b.c/d-e")).isEqualTo(Keyword.of("a.b.c", "d-e"));
    assertThat(read(":*+!-_?$%&=<>")).isEqualTo(Keyword.of("*+!-_?$%&=<>"));
    assertThat(read(":a:b#c'd")).isEqualTo(Keyword.of("a:b#c'd"));
    assertThat(read(":-1")).isEqualTo(Keyword.of("-1"));
    assertThat(read(":\u00e9t\u00e9/\u03bb")).isEqualTo(Keyword.of("\u00e9t\u00e9", "\u03bb"));
  }

  @Test
  void readsSymbols() {
    assertThat(read("inc")).isEqualTo(Symbol.of("inc"));
    assertThat(read("clojure.core/inc")).isEqualTo(Symbol.of("clojure.core", "inc"));
    assertThat(read("/")).isEqualTo(Symbol.of(null, "/"));
    assertThat(read("foo//")).isEqualTo(Symbol.of("foo", "/"));
    assertThat(read("+")).isEqualTo(Symbol.of("+"));
    assertThat(read("-")).isEqualTo(Symbol.of("-"));
    assertThat(read(".")).isEqualTo(Symbol.of("."));
    assertThat(read("-a")).isEqualTo(Symbol.of("-a"));
    assertThat(read("+a")).isEqualTo(Symbol.of("+a"));
    assertThat(read(".a")).isEqualTo(Symbol.of(".a"));
    assertThat(read("a'b")).isEqualTo(Symbol.of("a'b"));
    assertThat(read("<=>")).isEqualTo(Symbol.of("<=>"));
    assertThat(read("-.5")).isEqualTo(Symbol.of("-.5"));
    assertThat(read("a#b")).isEqualTo(Symbol.of("a#b"));
    assertThat(read("nil/x")).isEqualTo(Symbol.of("nil", "x"));
  }

  @Test
  void listsAndVectorsBothReadAsUnmodifiableLists() {
    assertThat(read("[1 2 3]")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(read("(1 2 3)")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(read("[]")).isEqualTo(List.of());
    assertThat(read("()")).isEqualTo(List.of());
    assertThat(read("[nil nil]")).isEqualTo(Arrays.asList(null, null));
    assertThat(read("[[1] (2 [3])]")).isEqualTo(List.of(List.of(1L), List.of(2L, List.of(3L))));
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) read("[1]");
    assertThatThrownBy(() -> list.add(2L)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(list.getClass()).isEqualTo(java.util.Collections.unmodifiableList(new ArrayList<>()).getClass());
  }

  @Test
  void mapsKeepOrderAndAllowNil() {
    Map<Object, Object> expected = new LinkedHashMap<>();
    expected.put(Keyword.of("z"), 1L);
    expected.put(null, null);
    expected.put(List.of(1L, 2L), "pair");
    expected.put("a", Map.of());
    @SuppressWarnings("unchecked")
    Map<Object, Object> read = (Map<Object, Object>) read("{:z 1, nil nil, [1 2] \"pair\", \"a\" {}}");
    assertThat(read).isEqualTo(expected);
    assertThat(new ArrayList<>(read.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
    assertThatThrownBy(() -> read.put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void setsKeepOrderAndAllowNil() {
    @SuppressWarnings("unchecked")
    Set<Object> read = (Set<Object>) read("#{3 nil 1 :a}");
    assertThat(new ArrayList<>(read)).isEqualTo(Arrays.asList(3L, null, 1L, Keyword.of("a")));
    assertThat(read).isInstanceOf(Set.class);
    assertThatThrownBy(() -> read.add(2L)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(read("#{}")).isEqualTo(Set.of());
  }

  @Test
  void distinctNumberTypesAreDistinctKeys() {
    assertThat(read("#{1 1N 1.0 1M}")).isEqualTo(new LinkedHashSet<>(List.of(
        1L, BigInteger.ONE, 1.0, BigDecimal.ONE)));
    assertThat(read("{0.0 :a -0.0 :b}")).isEqualTo(Map.of(0.0, Keyword.of("a"), -0.0, Keyword.of("b")));
  }

  @Test
  void readsInstants() {
    assertThat(read("#inst \"2024-01-02T03:04:05.678-00:00\"")).isEqualTo(Instant.parse("2024-01-02T03:04:05.678Z"));
    assertThat(read("#inst \"2024-01-02T03:04:05Z\"")).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(read("#inst \"2024-01-02T03:04:05.123456789+05:30\""))
        .isEqualTo(Instant.parse("2024-01-01T21:34:05.123456789Z"));
    assertThat(read("#inst\"1970-01-01T00:00:00.000-00:00\"")).isEqualTo(Instant.EPOCH);
  }

  @Test
  void readsClojuresShortenedInstants() {
    assertThat(read("#inst \"2024\"")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(read("#inst \"2024-03\"")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(read("#inst \"2024-03-04\"")).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
    assertThat(read("#inst \"2024-03-04T05\"")).isEqualTo(Instant.parse("2024-03-04T05:00:00Z"));
    assertThat(read("#inst \"2024-03-04T05:06\"")).isEqualTo(Instant.parse("2024-03-04T05:06:00Z"));
    assertThat(read("#inst \"2024-03-04+01:00\"")).isEqualTo(Instant.parse("2024-03-03T23:00:00Z"));
  }

  @Test
  void readsUuids() {
    UUID u = UUID.fromString("5a2cbea3-e8c6-428b-b525-21239370dd55");
    assertThat(read("#uuid \"5a2cbea3-e8c6-428b-b525-21239370dd55\"")).isEqualTo(u);
    assertThat(read("#uuid \"5A2CBEA3-E8C6-428B-B525-21239370DD55\"")).isEqualTo(u);
    assertThat(read("#uuid \"ffffffff-ffff-ffff-ffff-ffffffffffff\"")).isEqualTo(new UUID(-1L, -1L));
  }

  @Test
  void readsSente4jBytes() {
    assertThat(read("#sente4j/bytes \"AAF/gP8=\"")).isEqualTo(Bytes.fromHex("00017f80ff"));
    assertThat(read("#sente4j/bytes \"\"")).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void otherTagsBecomeTagged() {
    assertThat(read("#my.app/point [1 2]")).isEqualTo(new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)));
    assertThat(read("#my/tag nil")).isEqualTo(new Tagged(Symbol.of("my/tag"), null));
    assertThat(read("#a/b #c/d 1")).isEqualTo(new Tagged(Symbol.of("a/b"), new Tagged(Symbol.of("c/d"), 1L)));
    assertThat(read("#a/b[1]")).isEqualTo(new Tagged(Symbol.of("a/b"), List.of(1L)));
    assertThat(read("#unprefixed 1")).isEqualTo(new Tagged(Symbol.of("unprefixed"), 1L));
    assertThat(read("#a/b #inst \"2024\""))
        .isEqualTo(new Tagged(Symbol.of("a/b"), Instant.parse("2024-01-01T00:00:00Z")));
    assertThat(read("#\u00e9/x 1")).isEqualTo(new Tagged(Symbol.of("\u00e9/x"), 1L));
  }

  @Test
  void discardsTheNextElement() {
    assertThat(read("#_ 1 2")).isEqualTo(2L);
    assertThat(read("#_1 2")).isEqualTo(2L);
    assertThat(read("[1 #_ 2 3]")).isEqualTo(List.of(1L, 3L));
    assertThat(read("#_ #_ 1 2 3")).isEqualTo(3L);
    assertThat(read("[#_ #_ a b c]")).isEqualTo(List.of(Symbol.of("c")));
    assertThat(read("{:a #_ :b 1}")).isEqualTo(Map.of(Keyword.of("a"), 1L));
    assertThat(read("#my/tag #_ 1 2")).isEqualTo(new Tagged(Symbol.of("my/tag"), 2L));
    assertThat(read("1 #_ 2")).isEqualTo(1L);
    assertThat(read("#_ [1 {:a [2]}] :kept")).isEqualTo(Keyword.of("kept"));
  }

  @Test
  void runsNoTagHandlerForDiscardedElements() {
    assertThat(read("[#_ #inst \"not a date\" 1]")).isEqualTo(List.of(1L));
    assertThat(read("#_ #uuid 42 :x")).isEqualTo(Keyword.of("x"));
    assertThat(read("#_ #sente4j/bytes \"!\" :x")).isEqualTo(Keyword.of("x"));
  }

  @Test
  void skipsCommentsCommasAndWhitespace() {
    assertThat(read("; a comment\n[1,2 ,3]; trailing")).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(read(" \t\r\n,,[1\n;x\n2]\n\n")).isEqualTo(List.of(1L, 2L));
    assertThat(read("{:a 1,, :b 2}")).isEqualTo(Map.of(Keyword.of("a"), 1L, Keyword.of("b"), 2L));
    assertThat(read("[1;comment]\n]")).isEqualTo(List.of(1L));
    assertThat(read("\u2003[1]\u3000")).isEqualTo(List.of(1L));
    assertThat(read("[a\rb]")).isEqualTo(List.of(Symbol.of("a"), Symbol.of("b")));
  }

  @Test
  void delimitersNeedNoWhitespace() {
    assertThat(read("[[1][2]{:a[3]}#{4}\"s\"(5)]")).isEqualTo(List.of(List.of(1L), List.of(2L),
        Map.of(Keyword.of("a"), List.of(3L)), Set.of(4L), "s", List.of(5L)));
    assertThat(read("[1\"a\"]")).isEqualTo(List.of(1L, "a"));
  }

  @Test
  void readsSenteFrames() {
    assertThat(read("[[:my-app/some-req {:name \"Rich\"}] \"3f9c2a\"]")).isEqualTo(List.of(
        List.of(Keyword.of("my-app/some-req"), Map.of(Keyword.of("name"), "Rich")), "3f9c2a"));
    assertThat(read("[[:chsk/handshake [\"alice\" nil nil]] nil]")).isEqualTo(Arrays.asList(
        List.of(Keyword.of("chsk/handshake"), Arrays.asList("alice", null, null)), null));
    assertThat(read("{:n 1, :s \"hello\"}")).isEqualTo(Map.of(Keyword.of("n"), 1L, Keyword.of("s"), "hello"));
  }
}
