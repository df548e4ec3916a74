package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Payload;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Everything a strict edn reader must refuse (formats-and-codegen.md section 1.2, and the choices in the package
 * documentation), each with the reason the message gives.
 */
class EdnRejectionTest {

  static Stream<Arguments> structure() {
    return Stream.of(
        Arguments.of("", "empty input: expected one element"),
        Arguments.of("  ; only a comment", "no element: the input holds only whitespace, comments or discarded"),
        Arguments.of("#_ 1", "no element"),
        Arguments.of("1 2", "more than one element: '2' after the first one"),
        Arguments.of("[1] [2]", "more than one element: '['"),
        Arguments.of("nil nil", "more than one element"),
        Arguments.of("[1]]", "unmatched ']'"),
        Arguments.of(")", "unmatched ')'"),
        Arguments.of("}", "unmatched '}'"),
        Arguments.of("[1", "end of input inside the vector opened at offset 0 (missing ']')"),
        Arguments.of("(1", "end of input inside the list opened at offset 0 (missing ')')"),
        Arguments.of("{:a 1", "end of input inside the map opened at offset 0 (missing '}')"),
        Arguments.of("#{1", "end of input inside the set opened at offset 0 (missing '}')"),
        Arguments.of("[[1]", "end of input inside the vector opened at offset 0"),
        Arguments.of("[1)", "')' does not close the vector opened at offset 0 (expected ']')"),
        Arguments.of("(1]", "']' does not close the list opened at offset 0 (expected ')')"),
        Arguments.of("#{1]", "']' does not close the set opened at offset 0 (expected '}')"),
        Arguments.of("{:a}", "a map needs an even number of forms: the key at offset 1 has no value"),
        Arguments.of("{:a 1 :b}", "the key at offset 6 has no value"),
        Arguments.of("{:a 1 :a 2}", "duplicate map key :a"),
        Arguments.of("{[1] 1 (1) 2}", "duplicate map key [1]"),
        Arguments.of("{nil 1 nil 2}", "duplicate map key nil"),
        Arguments.of("#{1 2 1}", "duplicate set element 1"),
        Arguments.of("#{##NaN ##NaN}", "duplicate set element ##NaN"),
        Arguments.of("#{\"a\" \"a\"}", "duplicate set element \"a\""));
  }

  static Stream<Arguments> stringsAndCharacters() {
    return Stream.of(
        Arguments.of("\"abc", "end of input inside the string opened at offset 0"),
        Arguments.of("\"abc\\", "end of input inside the string opened at offset 0"),
        Arguments.of("\"a\\nb", "end of input inside the string"),
        Arguments.of("\"\\q\"", "unsupported escape \\q in a string"),
        Arguments.of("\"\\'\"", "unsupported escape \\'"),
        Arguments.of("\"\\0\"", "unsupported escape \\0"),
        Arguments.of("\"\\u12\"", "\\u in a string must be followed by 4 hexadecimal digits"),
        Arguments.of("\"\\uZZZZ\"", "\\u in a string must be followed by 4 hexadecimal digits"),
        Arguments.of("\\", "end of input after '\\'"),
        Arguments.of("\\ ", "'\\' followed by whitespace is not a character"),
        Arguments.of("\\\n", "'\\' followed by whitespace"),
        Arguments.of("[\\ ]", "'\\' followed by whitespace"),
        Arguments.of("\\itstoolong", "unknown character \\itstoolong"),
        Arguments.of("\\o101", "unknown character \\o101"),
        Arguments.of("\\u12", "unknown character \\u12"),
        Arguments.of("\\uZZZZ", "unknown character \\uZZZZ"),
        Arguments.of("\\Newline", "unknown character \\Newline"),
        Arguments.of("[\\a\\b]", "unknown character \\a\\b"),
        Arguments.of("\\\ud834\udd1e", "unknown character"));
  }

  static Stream<Arguments> numbers() {
    return Stream.of(
        Arguments.of("01", "invalid number 01: an integer must not have leading zeros"),
        Arguments.of("-007", "invalid number -007: an integer must not have leading zeros"),
        Arguments.of("00", "leading zeros"),
        Arguments.of("010", "leading zeros"),
        Arguments.of("0x10", "invalid number 0x10: hexadecimal numbers are not edn"),
        Arguments.of("-0X1F", "hexadecimal numbers are not edn"),
        Arguments.of("2r101", "invalid number 2r101: radix numbers are not edn"),
        Arguments.of("36RZZ", "radix numbers are not edn"),
        Arguments.of("1/2", "invalid number 1/2: ratios are not edn"),
        Arguments.of(".5", "invalid symbol .5: symbol name \".5\" starts with '.' followed by a digit"),
        Arguments.of("5.", "invalid number 5.: a '.' in a number must be followed by a digit"),
        Arguments.of("5.e3", "a '.' in a number must be followed by a digit"),
        Arguments.of("1e", "invalid number 1e: an exponent must have digits"),
        Arguments.of("1e+", "an exponent must have digits"),
        Arguments.of("1.5e", "an exponent must have digits"),
        Arguments.of("1.5N", "invalid number 1.5N: the N suffix is for integers only"),
        Arguments.of("1e5N", "the N suffix is for integers only"),
        Arguments.of("1NM", "invalid number 1NM: unexpected 'N'"),
        Arguments.of("1.5MM", "unexpected 'M'"),
        Arguments.of("1.2.3", "unexpected '.'"),
        Arguments.of("123abc", "invalid number 123abc: unexpected 'a'"),
        Arguments.of("0cat", "invalid number 0cat: unexpected 'c'"),
        Arguments.of("-4cats", "invalid number -4cats"),
        Arguments.of("+5symbol", "invalid number +5symbol"),
        Arguments.of("[0##Inf]", "invalid number 0##Inf"),
        Arguments.of("1E2147483648M", "exponent out of range"),
        Arguments.of("1".repeat(1001), "number literal of 1001 characters is longer than the 1000 allowed"),
        Arguments.of("##Foo", "unknown symbolic value ##Foo (there are ##NaN, ##Inf and ##-Inf)"),
        Arguments.of("##nan", "unknown symbolic value ##nan"),
        Arguments.of("##", "unknown symbolic value ##"),
        Arguments.of("##-inf", "unknown symbolic value ##-inf"));
  }

  static Stream<Arguments> symbolsAndKeywords() {
    return Stream.of(
        Arguments.of("foo/bar/baz", "invalid symbol foo/bar/baz: symbol name \"bar/baz\" contains '/'"),
        Arguments.of("/foo", "invalid symbol /foo: symbol namespace \"\" is empty"),
        Arguments.of("foo/", "invalid symbol foo/: symbol name \"\" is empty"),
        Arguments.of("//", "invalid symbol //"),
        Arguments.of("a@b", "invalid symbol a@b: symbol name \"a@b\" contains '@' at index 1"),
        Arguments.of("@x", "invalid symbol @x"),
        Arguments.of("~x", "contains '~'"),
        Arguments.of("a`b", "contains '`'"),
        Arguments.of("a|b", "contains '|'"),
        Arguments.of("a\\b", "contains '\\'"),
        Arguments.of("'quoted", "starts with '''"),
        Arguments.of("a/-1", "symbol name \"-1\" starts with '-' followed by a digit"),
        Arguments.of("^:meta [1]", "metadata (^) is not edn"),
        Arguments.of("^meta", "metadata (^) is not edn"),
        Arguments.of("::a", "invalid keyword ::a: keyword name \":a\" starts with ':'"),
        Arguments.of(":/", "invalid keyword :/"),
        Arguments.of(":/foo", "invalid keyword :/foo: keyword namespace \"\" is empty"),
        Arguments.of(":foo/", "invalid keyword :foo/: keyword name \"\" is empty"),
        Arguments.of(":a/b/c", "invalid keyword :a/b/c"),
        Arguments.of(":", "':' alone is not a keyword"),
        Arguments.of("[: 1]", "':' alone is not a keyword"),
        Arguments.of(":a::b", "contains \"::\""),
        Arguments.of(":a:", "ends with ':'"),
        Arguments.of(":a@b", "contains '@'"),
        Arguments.of(":ns/1a", "invalid keyword :ns/1a: keyword name \"1a\" starts with a digit"));
  }

  static Stream<Arguments> dispatchAndTags() {
    return Stream.of(
        Arguments.of("#", "end of input after '#'"),
        Arguments.of("#:foo{:a 1}", "'#' followed by ':' is not edn (namespaced maps (#:ns{}) are Clojure reader"),
        Arguments.of("#\"re\"", "regular expressions"),
        Arguments.of("#(inc %)", "function literals"),
        Arguments.of("#'x", "var quotes"),
        Arguments.of("#^x [1]", "metadata"),
        Arguments.of("#?(:clj 1)", "reader conditionals"),
        Arguments.of("#=(+ 1 2)", "read-eval"),
        Arguments.of("#<Object>", "unreadable objects"),
        Arguments.of("# foo", "'#' followed by U+0020 is not edn; edn has #{ sets, #_ discards"),
        Arguments.of("#1 2", "'#' followed by '1' is not edn"),
        Arguments.of("#[1]", "'#' followed by '[' is not edn"),
        Arguments.of("#foo", "end of input where the tag #foo at offset 0 needs its element"),
        Arguments.of("#foo ; nothing", "the tag #foo at offset 0 needs its element"),
        Arguments.of("[#foo]", "']' where the tag #foo at offset 1 needs its element"),
        Arguments.of("#_", "end of input where the #_ at offset 0 needs an element to discard"),
        Arguments.of("[#_]", "']' where the #_ at offset 1 needs an element to discard"),
        Arguments.of("[1 #_ #_ 2]", "']' where the #_ at offset 3 needs an element to discard"),
        Arguments.of("#foo/ 1", "invalid tag #foo/: symbol name \"\" is empty"),
        Arguments.of("#a/b/c 1", "invalid tag #a/b/c"),
        Arguments.of("#nil 1", "invalid tag #nil"),
        Arguments.of("#object[java.net.URI 0x1 \"http://example.com\"]",
            "invalid number 0x1: hexadecimal numbers are not edn"));
  }

  static Stream<Arguments> builtInTagPayloads() {
    return Stream.of(
        Arguments.of("#inst 1", "#inst needs a string, not a Long"),
        Arguments.of("#inst [\"2024\"]", "#inst needs a string, not a list or vector"),
        Arguments.of("#inst nil", "#inst needs a string, not nil"),
        Arguments.of("#inst #inst \"2024\"", "#inst needs a string, not a Instant"),
        Arguments.of("#inst \"\"", "invalid #inst \"\": expected 4 digits of year at index 0"),
        Arguments.of("#inst \"24-01-01\"", "expected 4 digits of year"),
        Arguments.of("#inst \"2024-13-01\"", "invalid #inst \"2024-13-01\": month 13 out of range 01-12"),
        Arguments.of("#inst \"2024-00\"", "month 0 out of range"),
        Arguments.of("#inst \"2024-02-30\"", "day 30 out of range 01-29"),
        Arguments.of("#inst \"2023-02-29\"", "day 29 out of range 01-28"),
        Arguments.of("#inst \"1900-02-29\"", "day 29 out of range 01-28"),
        Arguments.of("#inst \"2024-04-31\"", "day 31 out of range 01-30"),
        Arguments.of("#inst \"2024-01-00\"", "day 0 out of range"),
        Arguments.of("#inst \"2024-01-01T24:00\"", "hour 24 out of range 00-23"),
        Arguments.of("#inst \"2024-01-01T23:60\"", "minute 60 out of range 00-59"),
        Arguments.of("#inst \"2024-01-01T23:59:60Z\"", "second 60 out of range 00-59 (leap seconds"),
        Arguments.of("#inst \"2024-01-01T00:00:00.Z\"", "expected fraction digits"),
        Arguments.of("#inst \"2024-01-01T00:00:00.1234567891Z\"", "more than 9 fraction digits"),
        Arguments.of("#inst \"2024-01-01T00:00:00+24:00\"", "offset hours 24 out of range 00-23"),
        Arguments.of("#inst \"2024-01-01T00:00:00+01:60\"", "offset minutes 60 out of range 00-59"),
        Arguments.of("#inst \"2024-01-01T00:00:00+0100\"", "expected ':'"),
        Arguments.of("#inst \"2024-01-01 00:00\"", "unexpected U+0020 at index 10"),
        Arguments.of("#inst \"2024-01-01T00:00:00ZZ\"", "unexpected 'Z' at index 20"),
        Arguments.of("#inst \"0000-01-01T00:00:00+01:00\"", "the instant is outside the years 0000-9999 in UTC"),
        Arguments.of("#inst \"9999-12-31T23:59:59-01:00\"", "outside the years 0000-9999"),
        Arguments.of("#inst \"10000-01-01\"", "unexpected '0' at index 4"),
        Arguments.of("#inst \"-0001-01-01\"", "expected 4 digits of year"),
        Arguments.of("#uuid 1", "#uuid needs a string, not a Long"),
        Arguments.of("#uuid \"1-2-3-4-5\"", "invalid #uuid \"1-2-3-4-5\": a uuid has 36 characters, not 9"),
        Arguments.of("#uuid \"5a2cbea3e8c6428bb52521239370dd555555\"", "expected '-' at index 8"),
        Arguments.of("#uuid \"5a2cbea3-e8c6-428b-b525-21239370dd5g\"", "expected a hexadecimal digit at index 35"),
        Arguments.of("#uuid \"{a2cbea3-e8c6-428b-b525-21239370dd55\"", "expected a hexadecimal digit at index 0"),
        Arguments.of("#sente4j/bytes 1", "#sente4j/bytes needs a string, not a Long"),
        Arguments.of("#sente4j/bytes \"AAF\"", "padded base64 has a multiple of 4 characters, not 3"),
        Arguments.of("#sente4j/bytes \"AA*=\"", "invalid #sente4j/bytes \"AA*=\": Illegal base64 character"),
        Arguments.of("#sente4j/bytes \"AAF/gP8=\\n\"", "multiple of 4 characters"),
        Arguments.of("#sente4j/bytes \"AA==AA==\"", "invalid #sente4j/bytes"));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource({"structure", "stringsAndCharacters", "numbers", "symbolsAndKeywords", "dispatchAndTags",
      "builtInTagPayloads"})
  void refuses(String edn, String reason) {
    assertThatThrownBy(() -> Edn.read(edn))
        .isExactlyInstanceOf(PackerException.class)
        .satisfies(e -> assertThat(((PackerException) e).reason()).contains(reason))
        .hasMessageStartingWith("edn: ");
    assertThatThrownBy(() -> new EdnPacker().unpack(Payload.text(edn))).isExactlyInstanceOf(PackerException.class);
  }

  @Test
  void errorsGiveOffsetLineAndColumn() {
    assertThatThrownBy(() -> Edn.read("[1\n 2\n  01]"))
        .isInstanceOfSatisfying(PackerException.class, e -> {
          assertThat(e.offset()).isEqualTo(8);
          assertThat(e.line()).isEqualTo(3);
          assertThat(e.column()).isEqualTo(3);
          assertThat(e.packer()).isEqualTo("edn");
        })
        .hasMessage("edn: invalid number 01: an integer must not have leading zeros at offset 8 (line 3, column 3)");
  }

  @Test
  void duplicateKeyIsReportedAtTheSecondKey() {
    assertThatThrownBy(() -> Edn.read("{:a 1\r\n :a 2}"))
        .hasMessage("edn: duplicate map key :a at offset 8 (line 2, column 2)");
  }

  @Test
  void endOfInputIsReportedWhereTheInputEnds() {
    assertThatThrownBy(() -> Edn.read("[1 2"))
        .hasMessage("edn: end of input inside the vector opened at offset 0 (missing ']') at offset 4"
            + " (line 1, column 5)");
    assertThatThrownBy(() -> Edn.read("{:a \"x\n"))
        .hasMessage("edn: end of input inside the string opened at offset 4 at offset 7 (line 2, column 1)");
  }

  @Test
  void linesEndAtNewlineReturnOrBoth() {
    assertThatThrownBy(() -> Edn.read("[\r\r\n\n@]")).isInstanceOfSatisfying(PackerException.class, e -> {
      assertThat(e.offset()).isEqualTo(5);
      assertThat(e.line()).isEqualTo(4);
      assertThat(e.column()).isEqualTo(1);
    });
  }

  @Test
  void aTagWithABadPayloadIsReportedAtTheTag() {
    assertThatThrownBy(() -> Edn.read("[1 #inst \"2024-13\"]")).isInstanceOfSatisfying(PackerException.class,
        e -> assertThat(e.offset()).isEqualTo(3));
  }

  @Test
  void limitErrorsAreTheirOwnType() {
    assertThatThrownBy(() -> Edn.read("[".repeat(129))).isInstanceOf(PackerLimitException.class);
  }
}
