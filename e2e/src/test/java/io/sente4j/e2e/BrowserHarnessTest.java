package io.sente4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, against a page the test serves with the JDK's HTTP server: Chromium starts, clicks, waits,
 * evaluates and takes screenshots, and each user has cookies of its own shared by that user's tabs.
 */
class BrowserHarnessTest {
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>harness</title></head><body>
      <p id="who">?</p><button id="go">go</button><p id="out">waiting</p>
      <script type="module">
        document.getElementById('go').addEventListener('click', () => {
          document.getElementById('out').textContent = 'clicked';
        });
        fetch('/whoami').then(r => r.text()).then(t => { document.getElementById('who').textContent = t; });
      </script></body></html>""";

  private static HttpServer http;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/page", ex -> respond(ex, 200, "text/html; charset=utf-8", PAGE));
    http.createContext("/login", ex -> {
      String user = ex.getRequestURI().getQuery().replace("user=", "");
      ex.getResponseHeaders().add("Set-Cookie", "user=" + user + "; Path=/; HttpOnly");
      respond(ex, 200, "text/plain", "ok");
    });
    http.createContext("/whoami", ex -> {
      String cookie = ex.getRequestHeaders().getFirst("Cookie");
      respond(ex, 200, "text/plain", cookie == null ? "nobody" : cookie.replace("user=", ""));
    });
    http.start();
    base = "http://127.0.0.1:" + http.getAddress().getPort();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    http.stop(0);
  }

  private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  @Test
  void clicksWaitsEvaluatesAndTakesAScreenshot() throws IOException {
    Tab tab = browser.open("carol", "carol-1", base + "/page");
    assertThat(tab.text("#out")).isEqualTo("waiting");
    tab.click("#go");
    tab.waitForText("#out", "clicked");
    assertThat(tab.evaluate("6 * 7").asInt()).isEqualTo(42);
    Path shot = tab.screenshot(Path.of("target", "e2e", "harness.png"));
    byte[] png = Files.readAllBytes(shot);
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(tab.console()).noneMatch(line -> line.startsWith("pageerror"));
    tab.close();
  }

  @Test
  void withoutChromiumTheLaunchFailsAndSaysWhatToInstall() {
    assertThatThrownBy(() -> Browser.launch(Map.of("SENTE4J_CHROMIUM", "/nonexistent/chromium")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no Chromium at /nonexistent/chromium")
        .hasMessageContaining("apt-get install chromium");
  }

  @Test
  void eachUserHasItsOwnCookiesSharedByItsTabs() {
    Tab alice1 = browser.open("alice", "alice-1", base + "/login?user=alice");
    Tab bob = browser.open("bob", "bob-1", base + "/page");
    alice1.go(base + "/page");
    Tab alice2 = browser.open("alice", "alice-2", base + "/page");
    alice1.waitForText("#who", "alice");
    alice2.waitForText("#who", "alice");
    bob.waitForText("#who", "nobody");
    alice1.close();
    alice2.close();
    bob.close();
  }
}
