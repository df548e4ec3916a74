package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input that is not exactly one strict JSON value: always a {@link PackerException} with a position. */
class JsonPackerReadErrorsTest {
  private final JsonPacker packer = new JsonPacker();

  private PackerException error(String json) {
    return error(Payload.text(json));
  }

  private PackerException error(Payload payload) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> packer.unpack(payload));
    assertThat(t).isExactlyInstanceOf(PackerException.class);
    PackerException e = (PackerException) t;
    assertThat(e.packer()).isEqualTo("json");
    assertThat(e.getMessage()).startsWith("json: ");
    return e;
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "[", "[1", "[1,]", "{\"a\":1,}", "[1 2]", "{\"a\" 1}", "{a:1}", "{'a':1}",
      "['x']", "[01]", "[-01]", "[+1]", "[.5]", "[1.]", "[1.e3]", "[0x10]", "NaN", "-Infinity", "Infinity",
      "[1/*c*/]", "[1]//c", "# c\n1", "nul", "tru", "[\"\t\"]", "[\"\\x\"]", "[\"\\u12\"]", "\"abc",
      "]", "}", "[}", "{]", "{\"a\"}", "{1:2}", "[1]]", "[1] [2]", "1 2", "\"a\"\"b\"", "1x", "[\"a\" \"b\"]",
      "undefined", "'single'", "[,1]", "{,}", "\u00a0 1", "1\u0000"})
  void refusesWhatStrictJsonForbids(String json) {
    error(json);
  }

  @Test
  void reportsTheOffsetLineAndColumnOfASyntaxError() {
    PackerException e = error("[1,\n 2,\n  x]");
    assertThat(e.offset()).isEqualTo(10);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(3);
    assertThat(e.reason()).startsWith("Unrecognized token 'x'");
    assertThat(e.getMessage()).endsWith(" at offset 10 (line 3, column 3)");
    assertThat(e.getCause()).isNotNull();
  }

  @Test
  void pointsAtATrailingComma() {
    PackerException e = error("[1,]");
    assertThat(e.reason()).startsWith("Unexpected character (']'");
    assertThat(e.offset()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(4);
  }

  @Test
  void dropsJacksonsAdviceToEnableFeatures() {
    assertThat(error("[NaN]").reason()).isEqualTo("Non-standard token 'NaN'");
    assertThat(error("[1/*c*/]").reason()).doesNotContain("Feature").doesNotContain("enable");
    assertThat(error("[1").reason()).doesNotContain("Source").doesNotContain("REDACTED");
  }

  @Test
  void refusesAnythingAfterTheValue() {
    PackerException e = error("[1] 2");
    assertThat(e.reason()).isEqualTo("more input after the JSON value; a payload holds exactly one value");
    assertThat(e.offset()).isEqualTo(4);
    assertThat(error("{} {}").offset()).isEqualTo(3);
  }

  @Test
  void refusesEmptyInputAtOffsetZero() {
    PackerException e = error("");
    assertThat(e.reason()).isEqualTo("no JSON value in the input");
    assertThat(e.offset()).isEqualTo(0);
  }

  @Test
  void refusesDuplicateKeysAtTheSecondKey() {
    PackerException e = error("{\"a\":1,\n\"b\":{},\"a\":[2]}");
    assertThat(e.reason()).isEqualTo("duplicate key \"a\" in an object");
    assertThat(e.offset()).isEqualTo(15);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(8);
    error("{\"a\":null,\"a\":null}");
    error("[{\"x\":{\"y\":1,\"y\":1}}]");
  }

  @Test
  void refusesStringsHoldingLoneSurrogatesEscapedOrRaw() {
    PackerException e = error("[\"ok\",\"x\\ud800\"]");
    assertThat(e.reason()).isEqualTo("a string holding a lone surrogate U+D800 at index 1, which is not Unicode "
        + "text and cannot be encoded as UTF-8");
    assertThat(e.offset()).isEqualTo(6);
    assertThat(error("\"\\udc00\\ud800\"").reason()).contains("U+DC00 at index 0");
    // In an object key Jackson finds a broken pair itself; either way the reason names the surrogate.
    assertThat(error("{\"\\ud800\":1}").reason()).containsIgnoringCase("surrogate");
    assertThat(error("{\"\\udc00\":1}").reason()).containsIgnoringCase("surrogate");
    assertThat(error("{\"a\ud800\":1}").reason()).containsIgnoringCase("surrogate");
    assertThat(error("\"\ud800\"").reason()).contains("U+D800");
  }

  @Test
  void refusesNumbersBeyondTheRangeOfADouble() {
    PackerException e = error("[1e400]");
    assertThat(e.reason()).isEqualTo("the number 1e400 is beyond the range of a double");
    assertThat(e.offset()).isEqualTo(1);
    error("-1.8e308");
  }

  @Test
  @Timeout(5)
  void refusesNumbersLongerThan1000CharactersWithoutParsingThem() {
    assertThat(packer.unpack(Payload.text("-1" + "0".repeat(998)))).isEqualTo(java.math.BigInteger.TEN.pow(998)
        .negate());
    assertThat(error("1" + "0".repeat(1000)).reason())
        .isEqualTo("a number longer than 1000 characters, the most the JSON packer reads");
    // Sign, point and exponent count, in text and bytes alike.
    for (String n : new String[] {"0." + "1".repeat(998), "-" + "1".repeat(999), "1.5e" + "0".repeat(995) + "1"}) {
      assertThat(n).hasSize(1000);
      assertThat(packer.unpack(Payload.text(n))).isNotNull();
      assertThat(error(n + "1").reason()).isEqualTo("a number longer than 1000 characters, the most the JSON packer reads");
      assertThat(error(Payload.binary(Bytes.wrap((n + "1").getBytes(java.nio.charset.StandardCharsets.UTF_8))))
          .reason()).isEqualTo("a number longer than 1000 characters, the most the JSON packer reads");
    }
    assertThat(error("[0." + "1".repeat(999) + "]").offset()).isEqualTo(1);
    error("[" + "9".repeat(900_000) + "]");
  }

  @Test
  void refusesAByteOrderMarkInTextAndBytesAlike() {
    assertThat(error("\uFEFF[1]").reason()).isEqualTo("a byte order mark (U+FEFF) before the JSON value");
    assertThat(error(Payload.binary(Bytes.wrap(bytes(0xEF, 0xBB, 0xBF, '[', '1', ']')))).reason())
        .isEqualTo("a byte order mark (U+FEFF) before the JSON value");
  }

  @Test
  void readsBytesOnlyAsUtf8NeverAsUtf16OrUtf32() {
    // Valid JSON in UTF-16LE, UTF-16BE and UTF-32BE, which Jackson would otherwise detect and accept.
    assertThat(error(Payload.binary(Bytes.wrap(bytes('[', 0, '1', 0, ']', 0)))).offset()).isEqualTo(1);
    assertThat(error(Payload.binary(Bytes.wrap(bytes(0, '[', 0, ']')))).offset()).isEqualTo(0);
    assertThat(error(Payload.binary(Bytes.wrap(bytes(0, 0, 0, '1')))).reason()).contains("NUL");
    assertThat(error(Payload.binary(Bytes.wrap(bytes(0xFE, 0xFF, 0, '1')))).reason()).contains("0xfe");
    assertThat(error(Payload.binary(Bytes.wrap(bytes(0xFF, 0xFE, '1', 0)))).reason()).contains("0xff");
  }

  @Test
  void refusesMalformedUtf8WithItsByteOffset() {
    PackerException e = error(Payload.binary(Bytes.wrap(bytes('[', '"', 'a', 0xC0, 0xAF, '"', ']'))));
    assertThat(e.reason()).contains("Invalid UTF-8");
    assertThat(e.offset()).isEqualTo(4);
    error(Payload.binary(Bytes.wrap(bytes('"', 0xED, 0xA0, 0x80, '"')))); // an encoded surrogate
    error(Payload.binary(Bytes.wrap(bytes('"', 0xF4, 0x90, 0x80, 0x80, '"')))); // beyond U+10FFFF
    error(Payload.binary(Bytes.wrap(bytes('"', 0xE2, 0x82)))); // cut short
    error(Payload.binary(Bytes.wrap(bytes('"', 0x80, '"')))); // a lone continuation byte
  }

  @Test
  void reportsByteOffsetsForBinaryInput() {
    byte[] utf8 = "[\"\u00e9\u00e9\", x]".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    PackerException e = error(Payload.binary(Bytes.wrap(utf8)));
    assertThat(e.offset()).isEqualTo(9); // the two é take two bytes each
    PackerException t = error("[\"\u00e9\u00e9\", x]");
    assertThat(t.offset()).isEqualTo(7); // in text, characters are counted
  }
}
