package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Chsk;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The generators reach every shape the data model allows, and nothing it does not. */
class DataModelGensTest {
  private static final int N = 3000;

  @Test
  void everyKeywordPassesTheNameRulesAndReadsBackFromItsText() {
    for (Keyword k : Draws.of(DataModelGens.keywords(), N)) {
      assertThat(Keyword.of(k.namespace().orElse(null), k.name())).isEqualTo(k);
      assertThat(Keyword.of(k.qualifiedName())).isEqualTo(k);
    }
  }

  @Test
  void keywordsReachEveryShape() {
    List<Keyword> drawn = Draws.of(DataModelGens.keywords(), N);
    assertReaches(drawn, "a name without namespace starting with an ASCII digit (:1)",
        k -> k.namespace().isEmpty() && startsWithAsciiDigit(k.name()));
    assertReaches(drawn, "a name without namespace starting with a non-ASCII digit",
        k -> k.namespace().isEmpty() && startsWithOtherDigit(k.name()));
    assertReaches(drawn, "a namespace starting with a digit (:3d/model)",
        k -> k.namespace().map(DataModelGensTest::startsWithAsciiDigit).orElse(false));
    assertReaches(drawn, "a name without namespace starting with - + or . and a digit (:-1)",
        k -> k.namespace().isEmpty() && signDigit(k.name()));
    assertReaches(drawn, "a name after a namespace starting with - + or . and a digit (:a/-1)",
        k -> k.namespace().isPresent() && signDigit(k.name()));
    assertReaches(drawn, "a namespace starting with - + or . and a digit",
        k -> k.namespace().map(DataModelGensTest::signDigit).orElse(false));
    assertReaches(drawn, "a supplementary letter (U+20000 and the like)",
        k -> hasSupplementaryLetter(k.qualifiedName()));
    assertReaches(drawn, "a name starting with a supplementary letter", k -> k.name().codePointAt(0) > 0xffff);
    assertReaches(drawn, "an inner ':', '#' or '''", k -> k.name().substring(1).matches(".*[:#'].*"));
    assertThat(drawn).as("names after a namespace never start with a digit").noneMatch(
        k -> k.namespace().isPresent() && Character.isDigit(k.name().codePointAt(0)));
  }

  @Test
  void symbolsPassTheNameRulesAndReachTheSlashes() {
    List<Symbol> drawn = Draws.of(DataModelGens.symbols(), N);
    for (Symbol s : drawn) {
      assertThat(Symbol.of(s.namespace().orElse(null), s.name())).isEqualTo(s);
      assertThat(Symbol.of(s.qualifiedName())).isEqualTo(s);
    }
    assertReaches(drawn, "the symbol /", s -> s.namespace().isEmpty() && s.name().equals("/"));
    assertReaches(drawn, "a name / after a namespace (ns//)", s -> s.namespace().isPresent() && s.name().equals("/"));
    assertReaches(drawn, "a supplementary letter", s -> hasSupplementaryLetter(s.qualifiedName()));
    assertReaches(drawn, "a part starting with - + or . and no digit",
        s -> "-+.".indexOf(s.name().charAt(0)) >= 0 && !s.name().equals("/"));
    assertThat(drawn).as("no part reads as a number").noneMatch(s -> s.namespace().map(DataModelGensTest::numeric)
        .orElse(false) || numeric(s.name()));
  }

  @Test
  void eventIdsAreNamespacedAndNeverReserved() {
    List<Keyword> drawn = Draws.of(DataModelGens.eventIds(), N);
    assertThat(drawn).allMatch(Keyword::hasNamespace).noneMatch(k -> k.isIn(Chsk.NAMESPACE));
    assertReaches(drawn, "a namespace starting with a digit", k -> startsWithAsciiDigit(k.namespace().get()));
  }

  @Test
  void tagSymbolsStartWithALetterAndAvoidTheSente4jNamespace() {
    assertThat(Draws.of(DataModelGens.tagSymbols(), N)).allMatch(s -> Character.isLetter(s.qualifiedName().charAt(0)))
        .allMatch(Symbol::hasNamespace).noneMatch(s -> s.namespace().equals(Optional.of("sente4j")));
  }

  @Test
  void stringsAreSometimesLongAndNeverHoldALoneSurrogate() {
    List<String> drawn = Draws.of(DataModelGens.strings(), N);
    assertReaches(drawn, "a string of several hundred code points",
        s -> s.codePointCount(0, s.length()) >= 200);
    assertReaches(drawn, "a supplementary character", s -> s.codePoints().anyMatch(c -> c > 0xffff));
    assertThat(drawn).allMatch(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
  }

  @Test
  void instantsCoverYearZeroToYear9999() {
    List<Instant> drawn = Draws.of(DataModelGens.instants(), N);
    Instant min = Instant.parse("0000-01-01T00:00:00Z");
    Instant max = Instant.parse("9999-12-31T23:59:59.999999999Z");
    assertThat(drawn).allMatch(i -> !i.isBefore(min) && !i.isAfter(max));
    assertReaches(drawn, "year 0000", i -> i.isBefore(Instant.parse("0001-01-01T00:00:00Z")));
    assertReaches(drawn, "nanoseconds", i -> i.getNano() % 1_000_000 != 0);
  }

  @Test
  void millisecondInstantsStayWhereADateAgrees() {
    List<Instant> drawn = Draws.of(DataModelGens.millisecondInstants(), N);
    assertThat(drawn).allMatch(i -> i.getEpochSecond() >= DataModelGens.MIN_DATE_INTEROP_SECOND)
        .allMatch(i -> i.getNano() % 1_000_000 == 0);
    assertReaches(drawn, "the first instant of 1583",
        i -> i.getEpochSecond() == DataModelGens.MIN_DATE_INTEROP_SECOND);
    List<Object> values = Draws.of(DataModelGens.all().withMillisecondInstants().scalars(), N);
    assertThat(values).filteredOn(Instant.class::isInstance).isNotEmpty()
        .allMatch(i -> ((Instant) i).getEpochSecond() >= DataModelGens.MIN_DATE_INTEROP_SECOND);
  }

  @Test
  void valuesSometimesHoldLargeCollections() {
    List<Object> drawn = Draws.of(DataModelGens.all().values(), N);
    assertReaches(drawn, "a collection of 32 or more elements", v -> size(v) >= 32);
  }

  private static int size(Object v) {
    return v instanceof Collection ? ((Collection<?>) v).size() : v instanceof Map ? ((Map<?, ?>) v).size() : 0;
  }

  private static <T> void assertReaches(List<T> drawn, String what, Predicate<T> shape) {
    assertThat(drawn).as("%d draws reach %s", drawn.size(), what).anyMatch(shape);
  }

  private static boolean startsWithAsciiDigit(String s) {
    return s.charAt(0) >= '0' && s.charAt(0) <= '9';
  }

  private static boolean startsWithOtherDigit(String s) {
    return Character.isDigit(s.codePointAt(0)) && !startsWithAsciiDigit(s);
  }

  private static boolean signDigit(String s) {
    return s.length() > 1 && "-+.".indexOf(s.charAt(0)) >= 0 && Character.isDigit(s.codePointAt(1));
  }

  private static boolean numeric(String s) {
    return Character.isDigit(s.codePointAt(0)) || signDigit(s);
  }

  private static boolean hasSupplementaryLetter(String s) {
    return s.codePoints().anyMatch(c -> c > 0xffff && Character.isLetter(c));
  }
}
