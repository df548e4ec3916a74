package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolTest {

  @Test
  void holdsNamespaceAndName() {
    Symbol s = Symbol.of("my.app", "handler");
    assertThat(s.namespace()).contains("my.app");
    assertThat(s.name()).isEqualTo("handler");
    assertThat(s.hasNamespace()).isTrue();
    assertThat(s.qualifiedName()).isEqualTo("my.app/handler");
  }

  @Test
  void toStringIsTheEdnFormWithoutColon() {
    assertThat(Symbol.of("my.app", "handler")).hasToString("my.app/handler");
    assertThat(Symbol.of(null, "inc")).hasToString("inc");
  }

  @Test
  void parsesNamespacedText() {
    assertThat(Symbol.of("my.app/handler")).isEqualTo(Symbol.of("my.app", "handler"));
  }

  @Test
  void parsesTextWithoutSlashAsPlainName() {
    Symbol s = Symbol.of("inc");
    assertThat(s.namespace()).isEmpty();
    assertThat(s.name()).isEqualTo("inc");
  }

  @Test
  void parsesLoneSlashAsTheDivisionSymbol() {
    Symbol s = Symbol.of("/");
    assertThat(s.namespace()).isEmpty();
    assertThat(s.name()).isEqualTo("/");
    assertThat(s).hasToString("/");
  }

  @Test
  void parsesSlashNameInNamespace() {
    Symbol s = Symbol.of("clojure.core//");
    assertThat(s.namespace()).contains("clojure.core");
    assertThat(s.name()).isEqualTo("/");
    assertThat(s).hasToString("clojure.core//");
  }

  @Test
  void rejectsSlashAsNamespace() {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of("/", "a"))
        .withMessage("symbol namespace \"/\" contains '/' at index 0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"//", "/a"})
  void rejectsEmptyNamespaceBeforeSlash(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(text))
        .withMessage("symbol namespace \"\" is empty");
  }

  @Test
  void rejectsNameHoldingSlashAfterTheFirst() {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of("a/b/c"))
        .withMessage("symbol name \"b/c\" contains '/' at index 1");
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of("a///"))
        .withMessage("symbol name \"//\" contains '/' at index 0");
  }

  @Test
  void rejectsEmptyName() {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of("a/"))
        .withMessage("symbol name \"\" is empty");
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(""))
        .withMessage("symbol name \"\" is empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nil", "true", "false"})
  void rejectsLiteralsAsSymbols(String literal) {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(literal))
        .withMessage("\"" + literal + "\" is a literal, not a symbol");
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(null, literal));
  }

  @ParameterizedTest
  @ValueSource(strings = {"my.ns/nil", "my.ns/true", "nil/x", "nil?", "Nil", "truthy"})
  void acceptsLiteralNamesInANamespaceOrLonger(String text) {
    assertThat(Symbol.of(text).qualifiedName()).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+1", ".5", "a/-1"})
  void rejectsSymbolThatReadsAsNumber(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(text))
        .withMessageEndingWith("followed by a digit, which reads as a number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1a", "٣a", "a/1b"})
  void rejectsSymbolStartingWithDigit(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(text))
        .withMessageEndingWith("starts with a digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "+", ".", "->", "-a", "..", "a.b/c-d", "<=", "a'", "a#", "a:b", "ü"})
  void acceptsEdnSymbols(String text) {
    assertThat(Symbol.of(text).qualifiedName()).isEqualTo(text);
  }

  @Test
  void rejectsSymbolNameEndingWithColon() {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of("a", "b:"))
        .withMessage("symbol name \"b:\" ends with ':'");
  }

  @Test
  void rejectsSymbolStartingWithColon() {
    assertThatIllegalArgumentException().isThrownBy(() -> Symbol.of(":a"))
        .withMessage("symbol name \":a\" starts with ':'");
  }

  @Test
  void requiresName() {
    assertThatNullPointerException().isThrownBy(() -> Symbol.of("a", null));
    assertThatNullPointerException().isThrownBy(() -> Symbol.of(null));
  }

  @Test
  void equalsByValue() {
    assertThat(Symbol.of("a", "b")).isEqualTo(Symbol.of("a/b")).hasSameHashCodeAs(Symbol.of("a/b"));
    assertThat(Symbol.of("a", "b")).isNotEqualTo(Symbol.of(null, "b"));
    assertThat(Symbol.of("a", "b")).isNotEqualTo(Keyword.of("a", "b"));
  }

  @Test
  void ordersSymbolsWithoutNamespaceFirstThenByNamespaceThenName() {
    List<Symbol> sorted = new ArrayList<>(List.of(Symbol.of("b/a"), Symbol.of("z"), Symbol.of("a/b"),
        Symbol.of("a/a"), Symbol.of("/")));
    sorted.sort(null);
    assertThat(sorted).containsExactly(Symbol.of("/"), Symbol.of("z"), Symbol.of("a/a"), Symbol.of("a/b"),
        Symbol.of("b/a"));
  }

  @Test
  void compareToIsZeroExactlyWhenEqual() {
    Qt.seeded(0x73796d62L).forAll(NameGens.symbols(), NameGens.symbols())
        .checkAssert((a, b) -> {
          assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
          assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
          if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
          }
        });
  }

  @Test
  void parsingTheQualifiedNameGivesTheSymbolBack() {
    Qt.seeded(0x73796d63L).forAll(NameGens.symbols())
        .checkAssert(s -> {
          assertThat(Symbol.of(s.qualifiedName())).isEqualTo(s);
          assertThat(s.toString()).isEqualTo(s.qualifiedName());
        });
  }
}
