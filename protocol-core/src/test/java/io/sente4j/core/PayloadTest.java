package io.sente4j.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadTest {

  @Test
  void textPayloadIsText() {
    Payload p = Payload.text("[:a/b nil]");
    assertThat(p).isInstanceOf(Payload.Text.class);
    assertThat(p.isText()).isTrue();
    assertThat(p.asText()).isEqualTo("[:a/b nil]");
  }

  @Test
  void binaryPayloadIsNotText() {
    Bytes bytes = Bytes.fromHex("9291");
    Payload p = Payload.binary(bytes);
    assertThat(p).isInstanceOf(Payload.Binary.class);
    assertThat(p.isText()).isFalse();
    assertThat(p.asBytes()).isSameAs(bytes);
    assertThat(p.byteLength()).isEqualTo(2);
  }

  @Test
  void payloadsRequireContent() {
    assertThatNullPointerException().isThrownBy(() -> Payload.text(null)).withMessage("text");
    assertThatNullPointerException().isThrownBy(() -> Payload.binary(null)).withMessage("bytes");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "ascii, abc, 3",
      "two-byte, é, 2",
      "three-byte, €, 3",
      "astral, \ud83d\ude00, 4",
      "mixed, a\u00e9\u20ac\ud83d\ude00, 10",
      "empty, '', 0"})
  void textByteLengthIsItsUtf8Length(String label, String text, int expected) {
    Payload p = Payload.text(text);
    assertThat(p.byteLength()).isEqualTo(expected);
    assertThat(p.asBytes().toByteArray()).isEqualTo(text.getBytes(UTF_8));
  }

  @Test
  void loneSurrogatesCountAsTheReplacementQuestionMark() {
    for (String text : new String[] {"\ud800", "\udc00", "a\ud800", "\ud800a", "\udc00\ud800", "\ud83d\ud83d\ude00"}) {
      Payload p = Payload.text(text);
      assertThat(p.byteLength()).as(text).isEqualTo(text.getBytes(UTF_8).length);
      assertThat(p.asBytes().toByteArray()).as(text).isEqualTo(text.getBytes(UTF_8));
    }
    assertThat(Payload.text("\ud800").asBytes()).isEqualTo(Bytes.fromHex("3f"));
  }

  @Test
  void textByteLengthEqualsUtf8EncodingLengthForAnyString() {
    Qt.seeded(0x7e47L).forAll(Utf8Test.anyStrings())
        .checkAssert(s -> assertThat(Payload.text(s).byteLength()).isEqualTo(s.getBytes(UTF_8).length));
  }

  @Test
  void binaryAsTextDecodesUtf8() {
    assertThat(Payload.binary(Bytes.wrap("é€\ud83d\ude00".getBytes(UTF_8))).asText()).isEqualTo("é€\ud83d\ude00");
  }

  @Test
  void binaryAsTextReplacesMalformedInput() {
    assertThat(Payload.binary(Bytes.fromHex("61ff62")).asText()).isEqualTo("a\ufffdb");
  }

  @Test
  void textAndBinaryEqualByContent() {
    assertThat(Payload.text("x")).isEqualTo(Payload.text("x")).isNotEqualTo(Payload.text("y"));
    assertThat(Payload.binary(Bytes.fromHex("78"))).isEqualTo(Payload.binary(Bytes.fromHex("78")));
    assertThat(Payload.text("x")).isNotEqualTo(Payload.binary(Bytes.fromHex("78")));
  }

  /** {@code fitsIn} is {@code byteLength() <= max} at its edge, for ASCII, two-, three- and four-byte text. */
  @Test
  void fitsInIsTheByteLengthAtItsEdge() {
    for (String text : new String[] {"", "abc", "h\u00e9", "\u20ac\u20ac", "a\ud83d\ude00", "x".repeat(5000)}) {
      Payload p = Payload.text(text);
      int bytes = text.getBytes(UTF_8).length;
      assertThat(p.fitsIn(bytes)).as("%s in %d", text, bytes).isTrue();
      assertThat(p.fitsIn(bytes - 1L)).as("%s in %d", text, bytes - 1).isFalse();
      assertThat(p.fitsIn(3L * text.length())).isTrue();
    }
    Payload binary = Payload.binary(Bytes.fromHex("0102"));
    assertThat(binary.fitsIn(2)).isTrue();
    assertThat(binary.fitsIn(1)).isFalse();
  }
}
