package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A binary payload is read as strict UTF-8; malformed bytes are refused at their byte offset, with the line and column
 * of the character they would have been.
 */
class EdnInputTest {
  private final EdnPacker packer = new EdnPacker();

  private Object unpack(byte[] bytes) {
    return packer.unpack(Payload.binary(Bytes.wrap(bytes)));
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(String prefix, byte[] middle, String suffix) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] s = suffix.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[p.length + middle.length + s.length];
    System.arraycopy(p, 0, out, 0, p.length);
    System.arraycopy(middle, 0, out, p.length, middle.length);
    System.arraycopy(s, 0, out, p.length + middle.length, s.length);
    return out;
  }

  @Test
  void readsWellFormedUtf8OfEveryLength() {
    String text = "[\"a \u00e9 \u2603 \ud834\udd1e \u07ff \uffff \udbff\udfff\" :\u00e9]";
    assertThat(unpack(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(Edn.read(text));
    assertThat(unpack(text.getBytes(StandardCharsets.UTF_8))).asList().hasSize(2);
  }

  @Test
  void refusesMalformedUtf8AtItsByteOffsetWithTheLineAndColumnOfItsCharacter() {
    List<Object[]> cases = List.of(
        new Object[] {bytes(0x80), "a continuation byte where a character should start"},
        new Object[] {bytes(0xc0, 0xaf), "an overlong encoding"},
        new Object[] {bytes(0xc1, 0xbf), "an overlong encoding"},
        new Object[] {bytes(0xe0, 0x80, 0xaf), "an overlong encoding"},
        new Object[] {bytes(0xf0, 0x80, 0x80, 0xaf), "an overlong encoding"},
        new Object[] {bytes(0xed, 0xa0, 0x80), "an encoded surrogate"},
        new Object[] {bytes(0xed, 0xbf, 0xbf), "an encoded surrogate"},
        new Object[] {bytes(0xf4, 0x90, 0x80, 0x80), "a code point above U+10FFFF"},
        new Object[] {bytes(0xf5, 0x80, 0x80, 0x80), "a byte that never occurs in UTF-8"},
        new Object[] {bytes(0xff), "a byte that never occurs in UTF-8"},
        new Object[] {bytes(0xe2, 0x28, 0xa1), "a sequence missing a continuation byte"},
        new Object[] {bytes(0xc3, 0x41), "a sequence missing a continuation byte"});
    for (Object[] c : cases) {
      byte[] input = concat("[\"ab", (byte[]) c[0], "\"]");
      assertThatThrownBy(() -> unpack(input)).as("%s", Bytes.wrap(input))
          .isExactlyInstanceOf(PackerException.class)
          .hasMessageStartingWith("edn: malformed UTF-8: " + c[1])
          .satisfies(e -> {
            assertThat(((PackerException) e).offset()).isEqualTo(4);
            assertThat(((PackerException) e).line()).isEqualTo(1);
            assertThat(((PackerException) e).column()).isEqualTo(5);
          });
    }
  }

  @Test
  void countsLinesAndColumnsOfMalformedUtf8InCharactersAsTheReaderDoes() {
    // "[\n\"é\u2603\ud834\udd1e" is 1 + 1 + 1 + 2 + 3 + 4 bytes, and on line 2 the characters \" é ☃ and a
    // surrogate pair: 5 UTF-16 units, so the bad byte is column 6 of line 2, at byte offset 12.
    for (byte[] bad : List.of(bytes(0xff), bytes(0xc3), bytes(0xe2, 0x82), bytes(0xed, 0xa0, 0x80))) {
      byte[] input = concat("[\n\"\u00e9\u2603\ud834\udd1e", bad, "\"]");
      assertThatThrownBy(() -> unpack(input)).as("%s", Bytes.wrap(input))
          .isInstanceOfSatisfying(PackerException.class, e -> {
            assertThat(e.offset()).isEqualTo(12);
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.column()).isEqualTo(6);
            assertThat(e.getMessage()).endsWith("at offset 12 (line 2, column 6)");
          });
    }
    assertThatThrownBy(() -> unpack(concat("\r\n\r", bytes(0x80), "")))
        .isInstanceOfSatisfying(PackerException.class, e -> assertThat(e.line()).isEqualTo(3));
  }

  @Test
  void refusesASequenceCutOffByTheEnd() {
    assertThatThrownBy(() -> unpack(concat("\"x", bytes(0xe2, 0x82), "")))
        .hasMessage("edn: malformed UTF-8: a sequence cut off by the end of input (byte 0xE2) at offset 2 "
            + "(line 1, column 3)");
  }

  @Test
  void refusesAByteOrderMark() {
    assertThatThrownBy(() -> unpack(concat("", bytes(0xef, 0xbb, 0xbf), "[1]")))
        .isExactlyInstanceOf(PackerException.class).hasMessageContaining("invalid symbol");
  }

  @Test
  void textWithALoneSurrogateIsReadAsIs() {
    assertThat(packer.unpack(Payload.text("\"a\ud800\""))).isEqualTo("a\ud800");
  }
}
