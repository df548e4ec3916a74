package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login and logout forms and the pages, over plain {@code java.net.http} as a browser's requests. */
class LoginTest {
  static final int MAX_FORM_BYTES = 64;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private ChatApp app;

  @BeforeEach
  void start() {
    app = ChatApp.start(ChatSettings.builder(ChatChannelTest.KEY).port(0).clock(clock)
        .sessionLifetime(Duration.ofHours(1)).maxFormBytes(MAX_FORM_BYTES).maxUserNameChars(8).build());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void loggingInSetsASignedHttpOnlySameSiteCookieAndTheChatPageCarriesItsToken() throws Exception {
    HttpResponse<String> r = post("/login", "user=alice", null, null);
    assertThat(r.statusCode()).isEqualTo(303);
    assertThat(r.headers().firstValue("Location")).contains("/");
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie).startsWith(SessionCookies.NAME + "=v1.")
        .endsWith("; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    Session session = app.sessions().read(cookie.substring(cookie.indexOf('=') + 1)).orElseThrow();
    assertThat(session.user()).isEqualTo("alice");

    HttpResponse<String> page = get("/", cookie);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(page.body()).contains("<meta name=\"csrf-token\" content=\"" + session.csrfToken() + "\">",
        "<strong id=\"me\">alice</strong>");
  }

  @Test
  void withoutAValidCookieTheLoginFormIsShown() throws Exception {
    assertThat(get("/", null).body()).contains("<form method=\"post\" action=\"/login\">")
        .doesNotContain("csrf-token");
    String cookie = login("alice");
    String tampered = cookie.replace("v1.YWxpY2U.", "v1.bWFsbG9yeQ."); // the user part says mallory now
    assertThat(tampered).isNotEqualTo(cookie);
    assertThat(get("/", tampered).body()).contains("action=\"/login\"").doesNotContain("mallory");

    clock.advance(Duration.ofHours(1));
    assertThat(get("/", cookie).body()).contains("action=\"/login\"");
  }

  @Test
  void aBadNameIsAnsweredWithTheFormAndWhy() throws Exception {
    HttpResponse<String> tooLong = post("/login", "user=abcdefghi", null, null);
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(tooLong.body()).contains("A user name has at most 8 characters; this one has 9.", "action=\"/login\"");
    assertThat(tooLong.headers().firstValue("Set-Cookie")).isEmpty();
    assertThat(post("/login", "user=abcdefgh", null, null).statusCode()).isEqualTo(303);
    HttpResponse<String> markup = post("/login", "user=%3Cb%3E", null, null);
    assertThat(markup.statusCode()).isEqualTo(400);
    assertThat(markup.body()).contains("not &#39;&lt;&#39;").doesNotContain("<b>");
    assertThat(post("/login", "name=alice", null, null).body()).contains("Enter a user name.");
  }

  @Test
  void theFormIsReadUpToItsLimit() throws Exception {
    String atLimit = "user=alice&pad=" + "x".repeat(MAX_FORM_BYTES - "user=alice&pad=".length());
    assertThat(atLimit).hasSize(MAX_FORM_BYTES);
    assertThat(post("/login", atLimit, null, null).statusCode()).isEqualTo(303);
    HttpResponse<String> over = post("/login", atLimit + "x", null, null);
    assertThat(over.statusCode()).isEqualTo(413);
    assertThat(over.body()).isEqualTo("Form too large: 65 bytes, at most 64\n");

    HttpResponse<String> notAForm = http.send(HttpRequest.newBuilder(app.pageUri().resolve("/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(notAForm.statusCode()).isEqualTo(415);
  }

  @Test
  void anotherSitesPageCannotLogAVisitorInOrOut() throws Exception {
    String self = "http://localhost:" + app.port();
    assertThat(post("/login", "user=alice", null, self).statusCode()).isEqualTo(303);
    HttpResponse<String> crossSite = post("/login", "user=mallory", null, "https://evil.test");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    assertThat(crossSite.body()).isEqualTo("Cross-site request refused\n");
    assertThat(post("/login", "user=mallory", null, "http://localhost:" + (app.port() + 1)).statusCode())
        .isEqualTo(403);
    assertThat(post("/login", "user=mallory", null, "null").statusCode()).isEqualTo(403);
    String cookie = login("alice");
    assertThat(post("/logout", "csrf-token=" + token(cookie), cookie, "https://evil.test").statusCode())
        .isEqualTo(403);
  }

  @Test
  void loggingOutTakesTheSessionsTokenAndClearsTheCookie() throws Exception {
    String cookie = login("alice");
    HttpResponse<String> noToken = post("/logout", "", cookie, null);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.body()).isEqualTo("Bad CSRF token\n");
    assertThat(post("/logout", "csrf-token=guess", cookie, null).statusCode()).isEqualTo(403);

    HttpResponse<String> out = post("/logout", "csrf-token=" + token(cookie), cookie, null);
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.headers().firstValue("Set-Cookie"))
        .contains(SessionCookies.NAME + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
    assertThat(post("/logout", "", null, null).statusCode()).as("no session: nothing to protect").isEqualTo(303);
  }

  @Test
  void thePagesScriptAndStyleAreServedAndOtherPathsAreNot() throws Exception {
    HttpResponse<String> js = get("/chat.js", null);
    assertThat(js.statusCode()).isEqualTo(200);
    assertThat(js.headers().firstValue("Content-Type")).contains("text/javascript; charset=utf-8");
    assertThat(js.body()).contains("import { connect } from '/sente4j/sente4j.js';");
    assertThat(get("/chat.css", null).headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(get("/nothing-here", null).statusCode()).isEqualTo(404);
    assertThat(get("/login", null).statusCode()).isEqualTo(405);
    assertThat(post("/", "user=alice", null, null).statusCode()).isEqualTo(405);
  }

  private String login(String user) throws Exception {
    String setCookie = post("/login", "user=" + user, null, null).headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private String token(String cookie) {
    return app.sessions().read(cookie.substring(cookie.indexOf('=') + 1)).orElseThrow().csrfToken();
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(app.pageUri().resolve(path));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form, String cookie, String origin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.pageUri() + path.substring(1)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (origin != null) {
      b.header("Origin", origin);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
