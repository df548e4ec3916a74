package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserNamesTest {

  @Test
  void lettersDigitsAndThreeMarksUpToTheLimit() {
    assertThat(UserNames.check("  alice ", 32)).isEqualTo("alice");
    assertThat(UserNames.check("Zoë_2.0-b", 32)).isEqualTo("Zoë_2.0-b");
    assertThat(UserNames.check("a".repeat(32), 32)).hasSize(32);
    assertThat(UserNames.check("日本語", 3)).isEqualTo("日本語");
  }

  @Test
  void anythingElseIsRefusedInWordsForTheLoginPage() {
    assertThatThrownBy(() -> UserNames.check("a".repeat(33), 32))
        .hasMessage("A user name has at most 32 characters; this one has 33.");
    assertThatThrownBy(() -> UserNames.check("   ", 32)).hasMessage("Enter a user name.");
    assertThatThrownBy(() -> UserNames.check(null, 32)).hasMessage("Enter a user name.");
    assertThatThrownBy(() -> UserNames.check("bob smith", 32))
        .hasMessage("A user name has letters, digits, '-', '_' and '.' only, not ' '.");
    assertThatThrownBy(() -> UserNames.check("<script>", 32)).hasMessageContaining("not '<'");
  }
}
