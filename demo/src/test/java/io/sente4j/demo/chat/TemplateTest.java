package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void valuesAreEscapedForHtml() {
    assertThat(Template.escape("<a href=\"x\">Tom & 'Jerry'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;");
  }

  @Test
  void theChatPageCarriesTheTokenInItsMetaTagAndTheLogoutForm() {
    String page = new Pages(32).chat(new Session("alice", "tok-en_1", Instant.EPOCH));
    assertThat(page).contains("<meta name=\"csrf-token\" content=\"tok-en_1\">",
        "<input type=\"hidden\" name=\"csrf-token\" value=\"tok-en_1\">", "<strong id=\"me\">alice</strong>",
        "<script type=\"module\" src=\"/chat.js\"></script>");
    assertThat(page).doesNotContain("{{");
  }

  @Test
  void theLoginPageShowsTheErrorEscaped() {
    String page = new Pages(20).login("No <b>.");
    assertThat(page).contains("No &lt;b&gt;.", "maxlength=\"20\"", "<form method=\"post\" action=\"/login\">");
  }

  @Test
  void aPlaceholderWithoutAValueIsAMistakeSaidOutLoud() {
    assertThatThrownBy(() -> Template.load("chat.html").render(Map.of("user", "alice")))
        .isInstanceOf(IllegalStateException.class).hasMessage("no value for {{csrf-token}} in chat.html");
    assertThatThrownBy(() -> Template.resource("missing.html")).hasMessageContaining("web/missing.html is missing");
  }
}
