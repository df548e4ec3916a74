package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  private static final boolean KEYWORD = true;
  private static final boolean SYMBOL = false;

  @ParameterizedTest
  @ValueSource(strings = {"a", "Z", "abc", "my-app", "some_req", "a.b.c", "x1", "a*b", "+", "-", "!", "?", "$", "%",
      "&", "=", "<", ">", "_", ".", "a:b", "a#b", "a'b", "ünïcödé", "日本", "λ", "a٣"})
  void acceptsLegalPartsForBoth(String part) {
    assertThat(Names.problem(part, KEYWORD)).isNull();
    assertThat(Names.problem(part, KEYWORD, true)).isNull();
    assertThat(Names.problem(part, SYMBOL)).isNull();
    assertThat(Names.problem(part, SYMBOL, true)).isNull();
  }

  @Test
  void rejectsEmptyPart() {
    assertThat(Names.problem("", KEYWORD)).isEqualTo("is empty");
    assertThat(Names.problem("", SYMBOL)).isEqualTo("is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {":a", "#a", "'a"})
  void rejectsPartStartingWithReaderCharacter(String part) {
    String expected = "starts with '" + part.charAt(0) + "'";
    assertThat(Names.problem(part, KEYWORD)).isEqualTo(expected);
    assertThat(Names.problem(part, SYMBOL)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1a", "2024", "3d", "٣a", "३", "３x", "\ud835\udfce"})
  void acceptsKeywordNamespaceOrBareNameStartingWithAnyDigit(String part) {
    // Clojure reads :1, :2024 and :3d/model (PROTOCOL.md §2.3 rule 5).
    assertThat(Names.problem(part, KEYWORD)).isNull();
    assertThat(Names.problem(part, KEYWORD, false)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1a", "9-lives", "٣a", "३", "３x", "\ud835\udfce"})
  void rejectsKeywordNameAfterNamespaceStartingWithAnyDigit(String part) {
    // Clojure refuses :a/1b; tools.reader also a non-ASCII digit after the slash.
    assertThat(Names.problem(part, KEYWORD, true)).isEqualTo("starts with a digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1a", "0x", "٣a", "३", "３x", "\ud835\udfce"})
  void rejectsSymbolPartStartingWithAnyDigit(String part) {
    // clojure.edn reads any token starting with a Character.isDigit character as a number, and fails.
    assertThat(Names.problem(part, SYMBOL)).isEqualTo("starts with a digit");
    assertThat(Names.problem(part, SYMBOL, true)).isEqualTo("starts with a digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+1", ".5", "-0x", "+9a"})
  void acceptsKeywordPartStartingWithSignOrDotThenDigit(String part) {
    assertThat(Names.problem(part, KEYWORD)).isNull();
    assertThat(Names.problem(part, KEYWORD, true)).isNull();
  }

  @ParameterizedTest
  @CsvSource({"-1,-", "+1,+", ".5,.", "-0x,-", "-٣,-"})
  void rejectsSymbolPartStartingWithSignOrDotThenDigit(String part, char first) {
    assertThat(Names.problem(part, SYMBOL))
        .isEqualTo("starts with '" + first + "' followed by a digit, which reads as a number");
    assertThat(Names.problem(part, SYMBOL, true))
        .isEqualTo("starts with '" + first + "' followed by a digit, which reads as a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-a", "+a", ".a", "--1", "->"})
  void acceptsSymbolPartStartingWithSignOrDotThenNonDigit(String part) {
    assertThat(Names.problem(part, SYMBOL)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:", "abc:", "a:b:"})
  void rejectsPartEndingWithColon(String part) {
    assertThat(Names.problem(part, KEYWORD)).isEqualTo("ends with ':'");
    assertThat(Names.problem(part, SYMBOL)).isEqualTo("ends with ':'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a::b", "x::"})
  void rejectsPartContainingDoubleColon(String part) {
    String expected = part.endsWith(":") ? "ends with ':'" : "contains \"::\"";
    assertThat(Names.problem(part, KEYWORD)).isEqualTo(expected);
    assertThat(Names.problem(part, SYMBOL)).isEqualTo(expected);
  }

  static Stream<Arguments> nonConstituents() {
    return Stream.of(
        arguments("a/b", "contains '/' at index 1"),
        arguments("a b", "contains U+0020 at index 1"),
        arguments("a\tb", "contains U+0009 at index 1"),
        arguments("ab\"", "contains '\"' at index 2"),
        arguments("a@b", "contains '@' at index 1"),
        arguments("a~b", "contains '~' at index 1"),
        arguments("a`b", "contains '`' at index 1"),
        arguments("a^b", "contains '^' at index 1"),
        arguments("a;b", "contains ';' at index 1"),
        arguments("a,b", "contains ',' at index 1"),
        arguments("a(b", "contains '(' at index 1"),
        arguments("a[b", "contains '[' at index 1"),
        arguments("a{b", "contains '{' at index 1"),
        arguments("a\\b", "contains '\\' at index 1"),
        arguments("a|b", "contains '|' at index 1"),
        arguments("abc€", "contains '€' at index 3"));
  }

  @ParameterizedTest
  @MethodSource("nonConstituents")
  void rejectsNonConstituentWithItsIndex(String part, String reason) {
    assertThat(Names.problem(part, KEYWORD)).isEqualTo(reason);
    assertThat(Names.problem(part, SYMBOL)).isEqualTo(reason);
  }

  @Test
  void describesInvisibleCharactersByCodePoint() {
    assertThat(Names.problem("a\u0007", KEYWORD)).isEqualTo("contains U+0007 at index 1");
    assertThat(Names.problem("a\u007f", KEYWORD)).isEqualTo("contains U+007F at index 1");
    assertThat(Names.problem("a\u0085", KEYWORD)).isEqualTo("contains U+0085 at index 1");
    assertThat(Names.problem("a\u00a0", KEYWORD)).isEqualTo("contains U+00A0 at index 1");
    assertThat(Names.problem("a\u200b", KEYWORD)).isEqualTo("contains U+200B at index 1");
    assertThat(Names.problem("a\u3000", KEYWORD)).isEqualTo("contains U+3000 at index 1");
  }

  @Test
  void describesLoneSurrogateByCodePoint() {
    assertThat(Names.problem("a\ud800", KEYWORD)).isEqualTo("contains U+D800 at index 1");
    assertThat(Names.problem("a\udc00b", SYMBOL)).isEqualTo("contains U+DC00 at index 1");
    assertThat(Names.problem("a\udc00\ud800", SYMBOL)).isEqualTo("contains U+DC00 at index 1");
  }

  @Test
  void acceptsSupplementaryLetters() {
    // U+20000 (CJK Extension B) and U+1D49C (mathematical script A) are letters outside the BMP.
    assertThat(Names.problem("\ud840\udc00", KEYWORD)).isNull();
    assertThat(Names.problem("a\ud835\udc9c", SYMBOL)).isNull();
  }

  @Test
  void rejectsSupplementaryNonLetterAtItsIndex() {
    assertThat(Names.problem("ab\ud83d\ude00", KEYWORD)).isEqualTo("contains '\ud83d\ude00' at index 2");
  }

  @Test
  void isConstituentCoversTheEdnSet() {
    for (char c : "abcxyzABCXYZ0123456789.*+!-_?$%&=<>:#'".toCharArray()) {
      assertThat(Names.isConstituent(c)).as("%s", c).isTrue();
    }
    for (char c : " /\"\\;,()[]{}@~`^|\t\n".toCharArray()) {
      assertThat(Names.isConstituent(c)).as("%s", c).isFalse();
    }
    assertThat(Names.isConstituent('é')).isTrue();
    assertThat(Names.isConstituent('\ud840')).isFalse();
    assertThat(Names.isConstituent(0x20000)).isTrue();
    assertThat(Names.isConstituent(0x1F600)).isFalse();
  }
}
