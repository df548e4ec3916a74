package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What each type of the data model is written as: the exact text. */
class JsonPackerWritesTest {
  private final JsonPacker packer = new JsonPacker();

  private String json(Object v) {
    Payload p = packer.pack(v);
    assertThat(p.isText()).isTrue();
    return p.asText();
  }

  @Test
  void writesACompactClientEventFrame() {
    Object frame = List.of(List.of(Keyword.of("my-app/some-req"), Map.of("name", "Rich")), "3f9c2a");
    assertThat(json(frame)).isEqualTo("[[\"my-app/some-req\",{\"name\":\"Rich\"}],\"3f9c2a\"]");
  }

  @Test
  void writesNullBooleansAndStrings() {
    assertThat(json(null)).isEqualTo("null");
    assertThat(json(true)).isEqualTo("true");
    assertThat(json(false)).isEqualTo("false");
    assertThat(json("h\u00e9llo \ud834\udd1e")).isEqualTo("\"h\u00e9llo \ud834\udd1e\"");
  }

  @Test
  void escapesOnlyWhatJsonRequires() {
    assertThat(json("q\" b\\ n\n r\r t\t b\b f\f nul\u0000 bell\u0007 del\u007f / \u2028"))
        .isEqualTo("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 bell\\u0007 del\u007f / \u2028\"");
  }

  @Test
  void writesEveryIntegralTypeAsAnInteger() {
    assertThat(json(Arrays.asList(1, 2L, (short) -3, (byte) 4, Long.MIN_VALUE, Long.MAX_VALUE)))
        .isEqualTo("[1,2,-3,4,-9223372036854775808,9223372036854775807]");
  }

  @Test
  void writesIntegersBeyondTwoToThe53Exactly() {
    assertThat(json(9007199254740993L)).isEqualTo("9007199254740993");
    assertThat(json(BigInteger.TWO.pow(64).negate())).isEqualTo("-18446744073709551616");
    assertThat(json(BigInteger.ONE)).isEqualTo("1");
  }

  @Test
  void writesDoublesWithAPointOrAnExponent() {
    assertThat(json(Arrays.asList(1.0, -0.0, 1.5, 0.1, 100.0, 1e7, 1e300, 1e-7, 0.001, Double.MIN_VALUE)))
        .isEqualTo("[1.0,-0.0,1.5,0.1,100.0,1.0E7,1.0E300,1.0E-7,0.001,4.9E-324]");
  }

  @Test
  void writesTheShortestDigitsOnEveryJdk() {
    // JDK 17's Double.toString writes 1.9999999999999998E23 here; Schubfach (and JDK 19+) writes 2.0E23.
    assertThat(json(2e23)).isEqualTo("2.0E23");
    assertThat(json(2e23)).isEqualTo(JsonDomain.doubleText(2e23));
  }

  @Test
  void widensFloatsToDouble() {
    assertThat(json(0.1f)).isEqualTo("0.10000000149011612");
    assertThat(json(1.5f)).isEqualTo("1.5");
  }

  @Test
  void writesBigDecimalsExactlyWithAFractionOrExponent() {
    assertThat(json(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(json(new BigDecimal("1"))).isEqualTo("1.0");
    assertThat(json(new BigDecimal("-12"))).isEqualTo("-12.0");
    assertThat(json(new BigDecimal("1E+3"))).isEqualTo("1E+3");
    assertThat(json(new BigDecimal("0.000001"))).isEqualTo("0.000001");
    assertThat(json(new BigDecimal("1E-400"))).isEqualTo("1E-400");
    assertThat(json(new BigDecimal("3.14159265358979323846264338327950288")))
        .isEqualTo("3.14159265358979323846264338327950288");
  }

  @Test
  void writesSubclassesOfBigNumbersByTheirValueNotTheirToString() {
    BigInteger sneaky = new BigInteger("42") {
      private static final long serialVersionUID = 1L;

      @Override
      public String toString() {
        return "\"injected\"";
      }
    };
    assertThat(json(sneaky)).isEqualTo("42");
  }

  @Test
  void writesNamesCharactersInstantsUuidsAndBytesAsStrings() {
    assertThat(json(Keyword.of("my-app/some-req"))).isEqualTo("\"my-app/some-req\"");
    assertThat(json(Keyword.of("a"))).isEqualTo("\"a\"");
    assertThat(json(Symbol.of("clojure.core/inc"))).isEqualTo("\"clojure.core/inc\"");
    assertThat(json(Symbol.of("/"))).isEqualTo("\"/\"");
    assertThat(json('c')).isEqualTo("\"c\"");
    assertThat(json('\n')).isEqualTo("\"\\n\"");
    assertThat(json(Instant.parse("2024-01-02T03:04:05.123456789Z"))).isEqualTo("\"2024-01-02T03:04:05.123456789Z\"");
    assertThat(json(Instant.EPOCH)).isEqualTo("\"1970-01-01T00:00:00Z\"");
    assertThat(json(UUID.fromString("F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6")))
        .isEqualTo("\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\"");
    assertThat(json(Bytes.fromHex("00017f80ff"))).isEqualTo("\"AAF/gP8=\"");
    assertThat(json(new byte[] {0, 1, 127, -128, -1})).isEqualTo("\"AAF/gP8=\"");
    assertThat(json(Bytes.EMPTY)).isEqualTo("\"\"");
  }

  @Test
  void writesListsAndSetsAsArraysInIterationOrder() {
    assertThat(json(Arrays.asList(1L, null, "x"))).isEqualTo("[1,null,\"x\"]");
    assertThat(json(new LinkedHashSet<>(List.of(3L, 1L, 2L)))).isEqualTo("[3,1,2]");
    assertThat(json(List.of())).isEqualTo("[]");
  }

  @Test
  void writesMapsInIterationOrder() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1L);
    m.put("a", null);
    assertThat(json(m)).isEqualTo("{\"z\":1,\"a\":null}");
    assertThat(json(new TreeMap<>(m))).isEqualTo("{\"a\":null,\"z\":1}");
    assertThat(json(Map.of())).isEqualTo("{}");
  }

  @Test
  void turnsScalarKeysIntoTheirStringOrJsonText() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(Keyword.of("ns/k"), 1L);
    m.put(Symbol.of("s"), 2L);
    m.put('c', 3L);
    m.put(7, 4L);
    m.put(BigInteger.TWO.pow(70), 5L);
    m.put(1.5, 6L);
    m.put(2.5f, 7L);
    m.put(new BigDecimal("2"), 8L);
    m.put(true, 9L);
    m.put(null, 10L);
    m.put(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"), 11L);
    m.put(Instant.EPOCH, 12L);
    m.put(Bytes.fromHex("ff"), 13L);
    assertThat(json(m)).isEqualTo("{\"ns/k\":1,\"s\":2,\"c\":3,\"7\":4,\"1180591620717411303424\":5,\"1.5\":6,"
        + "\"2.5\":7,\"2.0\":8,\"true\":9,\"null\":10,\"f81d4fae-7dec-11d0-a765-00a0c91e6bf6\":11,"
        + "\"1970-01-01T00:00:00Z\":12,\"/w==\":13}");
  }

  @Test
  void turnsCollectionKeysIntoTheirCompactJsonText() {
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put(Keyword.of("a"), List.of(1L, "x\"y"));
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(List.of(1L, Keyword.of("b")), "list");
    m.put(inner, "map");
    m.put(new LinkedHashSet<>(List.of(2.5)), "set");
    assertThat(json(m)).isEqualTo(
        "{\"[1,\\\"b\\\"]\":\"list\",\"{\\\"a\\\":[1,\\\"x\\\\\\\"y\\\"]}\":\"map\",\"[2.5]\":\"set\"}");
    assertThat(JsonDomain.jsonText(m)).isEqualTo(json(m));
  }

  @Test
  void acceptsKeysOfEveryKindWhenTheyDoNotClash() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put("1", "string");
    m.put(1.0, "double");
    m.put(":a", "string with colon");
    m.put(Keyword.of("a"), "keyword");
    assertThat(json(m)).isEqualTo("{\"1\":\"string\",\"1.0\":\"double\",\":a\":\"string with colon\",\"a\":\"keyword\"}");
  }
}
