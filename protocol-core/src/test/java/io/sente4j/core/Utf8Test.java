package io.sente4j.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.internal.Utf8;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class Utf8Test {

  /**
   * Strings of any UTF-16 content: characters of each UTF-8 width, surrogate pairs, and lone or reversed
   * surrogates, in any order.
   */
  static Gen<String> anyStrings() {
    Gen<String> pieces = Generate.frequency(List.of(
        Pair.of(3, Generate.characters(0, 0x7f).map(c -> String.valueOf(c))),
        Pair.of(2, Generate.characters(0x80, 0x7ff).map(c -> String.valueOf(c))),
        Pair.of(2, Generate.characters(0x800, 0xffff).map(c -> String.valueOf(c))),
        Pair.of(2, Generate.range(0x10000, 0x10ffff).map(cp -> Character.toString(cp))),
        Pair.of(1, Generate.characters(0xd800, 0xdfff).map(c -> String.valueOf(c)))));
    return lists().of(pieces).ofSizeBetween(0, 12).map(parts -> String.join("", parts));
  }

  @Test
  void countsEachWidth() {
    assertThat(Utf8.length("")).isZero();
    assertThat(Utf8.length("\u007f")).isEqualTo(1);
    assertThat(Utf8.length("\u0080")).isEqualTo(2);
    assertThat(Utf8.length("\u07ff")).isEqualTo(2);
    assertThat(Utf8.length("\u0800")).isEqualTo(3);
    assertThat(Utf8.length("\uffff")).isEqualTo(3);
    assertThat(Utf8.length("\ud800\udc00")).isEqualTo(4);
    assertThat(Utf8.length("\udbff\udfff")).isEqualTo(4);
  }

  @Test
  void countsLoneSurrogatesAsOneByte() {
    assertThat(Utf8.length("\ud800")).isEqualTo(1);
    assertThat(Utf8.length("\udfff")).isEqualTo(1);
    assertThat(Utf8.length("\udc00\ud800")).isEqualTo(2);
    assertThat(Utf8.length("x\ud800")).isEqualTo(2);
  }

  @Test
  void equalsTheJdkEncoderForAnyCharSequence() {
    Qt.seeded(0x0f8L).forAll(anyStrings())
        .checkAssert(s -> {
          assertThat(Utf8.length(s)).isEqualTo(s.getBytes(UTF_8).length);
          assertThat(Utf8.length(new StringBuilder(s))).isEqualTo(s.getBytes(UTF_8).length);
        });
  }
}
