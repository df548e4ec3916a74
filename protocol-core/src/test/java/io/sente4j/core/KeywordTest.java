package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordTest {

  @Test
  void holdsNamespaceAndName() {
    Keyword k = Keyword.of("chat", "send");
    assertThat(k.namespace()).contains("chat");
    assertThat(k.name()).isEqualTo("send");
    assertThat(k.hasNamespace()).isTrue();
    assertThat(k.qualifiedName()).isEqualTo("chat/send");
  }

  @Test
  void holdsNameWithoutNamespace() {
    Keyword k = Keyword.of(null, "ajax");
    assertThat(k.namespace()).isEmpty();
    assertThat(k.hasNamespace()).isFalse();
    assertThat(k.qualifiedName()).isEqualTo("ajax");
  }

  @Test
  void toStringIsTheEdnFormWithLeadingColon() {
    assertThat(Keyword.of("chat", "send")).hasToString(":chat/send");
    assertThat(Keyword.of(null, "ajax")).hasToString(":ajax");
  }

  @Test
  void parsesNamespacedText() {
    assertThat(Keyword.of("my-app/some-req")).isEqualTo(Keyword.of("my-app", "some-req"));
  }

  @Test
  void parsesTextWithoutSlashAsPlainName() {
    assertThat(Keyword.of("ajax")).isEqualTo(Keyword.of(null, "ajax"));
  }

  @Test
  void parsesAtFirstSlashSoNameMayNotHoldAnother() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("a/b/c"))
        .withMessage("keyword name \"b/c\" contains '/' at index 1");
  }

  @Test
  void rejectsLoneSlash() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("/"))
        .withMessage("keyword namespace \"\" is empty");
  }

  @Test
  void rejectsSlashAsNameUnlikeSymbols() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("foo//"))
        .withMessage("keyword name \"/\" contains '/' at index 0");
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("foo", "/"));
  }

  @Test
  void rejectsEmptyText() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of(""))
        .withMessage("keyword name \"\" is empty");
  }

  @Test
  void rejectsEmptyNameAfterSlash() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("a/"))
        .withMessage("keyword name \"\" is empty");
  }

  @Test
  void rejectsEmptyNamespaceBeforeSlash() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("/a"))
        .withMessage("keyword namespace \"\" is empty");
  }

  @Test
  void rejectsKeywordNameEndingWithColon() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("a", "b:"))
        .withMessage("keyword name \"b:\" ends with ':'");
  }

  @Test
  void rejectsKeywordNamespaceEndingWithColon() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("a:", "b"))
        .withMessage("keyword namespace \"a:\" ends with ':'");
  }

  @Test
  void rejectsLeadingColonInParsedText() {
    // of(String) takes the text without the edn colon; ::a/b is auto-resolved syntax, not data.
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of(":a/b"))
        .withMessage("keyword namespace \":a\" starts with ':'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a/1b", "a/1", "3d/2x", "a/٣", "a/\ud835\udfce"})
  void rejectsNameAfterNamespaceStartingWithDigit(String text) {
    String name = text.substring(text.indexOf('/') + 1);
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of(text))
        .withMessage("keyword name \"" + name + "\" starts with a digit");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "2024", "1a", "3d/model", "٣", "٣/x", "a/-1", "a/x1"})
  void acceptsLeadingDigitsWhereClojureReadsThem(String text) {
    assertThat(Keyword.of(text).qualifiedName()).isEqualTo(text);
    assertThat(Keyword.of(text)).hasToString(":" + text);
  }

  @Test
  void rejectsNameContainingDoubleColon() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("a", "b::c"))
        .withMessage("keyword name \"b::c\" contains \"::\"");
  }

  @Test
  void rejectsWhitespaceWithCodePointInMessage() {
    assertThatIllegalArgumentException().isThrownBy(() -> Keyword.of("chat", "se nd"))
        .withMessage("keyword name \"se nd\" contains U+0020 at index 2");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "+1", ".5", "nil", "true", "false", "a:b", "a#b", "a'b", "é/ü", "\ud840\udc00"})
  void acceptsNamesClojureReadsAsKeywords(String text) {
    assertThat(Keyword.of(text).qualifiedName()).isEqualTo(text);
  }

  @Test
  void requiresName() {
    assertThatNullPointerException().isThrownBy(() -> Keyword.of("a", null));
    assertThatNullPointerException().isThrownBy(() -> Keyword.of(null));
  }

  @Test
  void isInComparesNamespace() {
    assertThat(Chsk.WS_PING.isIn("chsk")).isTrue();
    assertThat(Keyword.of("chsk.x", "a").isIn("chsk")).isFalse();
    assertThat(Keyword.of(null, "chsk").isIn("chsk")).isFalse();
  }

  @Test
  void equalsByValue() {
    assertThat(Keyword.of("a", "b")).isEqualTo(Keyword.of("a/b")).hasSameHashCodeAs(Keyword.of("a/b"));
    assertThat(Keyword.of("a", "b")).isNotEqualTo(Keyword.of("b", "a"));
    assertThat(Keyword.of(null, "b")).isNotEqualTo(Keyword.of("a", "b"));
    assertThat(Keyword.of("a", "b")).isNotEqualTo(Symbol.of("a", "b"));
    assertThat(Keyword.of("a", "b")).isNotEqualTo("a/b");
  }

  @Test
  void ordersKeywordsWithoutNamespaceFirstThenByNamespaceThenName() {
    List<Keyword> sorted = new ArrayList<>(List.of(Keyword.of("b/a"), Keyword.of("z"), Keyword.of("a/b"),
        Keyword.of("a/a"), Keyword.of("a")));
    sorted.sort(null);
    assertThat(sorted).containsExactly(Keyword.of("a"), Keyword.of("z"), Keyword.of("a/a"), Keyword.of("a/b"),
        Keyword.of("b/a"));
  }

  @Test
  void compareToIsZeroExactlyWhenEqual() {
    Qt.seeded(0x6b657977L).forAll(NameGens.keywords(), NameGens.keywords())
        .checkAssert((a, b) -> {
          assertThat(a.compareTo(b) == 0).isEqualTo(a.equals(b));
          assertThat(Integer.signum(a.compareTo(b))).isEqualTo(-Integer.signum(b.compareTo(a)));
          if (a.equals(b)) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
          }
        });
  }

  @Test
  void parsingTheQualifiedNameGivesTheKeywordBack() {
    Qt.seeded(0x6b657978L).forAll(NameGens.keywords())
        .checkAssert(k -> {
          assertThat(Keyword.of(k.qualifiedName())).isEqualTo(k);
          assertThat(k.toString()).isEqualTo(":" + k.qualifiedName());
        });
  }
}
