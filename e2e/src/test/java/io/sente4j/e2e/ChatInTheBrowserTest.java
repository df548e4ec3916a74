package io.sente4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sente4j.demo.chat.ChatApp;
import io.sente4j.demo.chat.ChatSettings;
import io.sente4j.demo.chat.SessionKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The chat app (what the demo starts) in headless Chromium: real pages loading the browser client from the Jetty
 * transport, logged in through the form, talking over WebSocket or Ajax. The steps build on each other (the same
 * users and tabs), and the last one restarts the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatInTheBrowserTest {
  /** Short, so that a tab closed for good leaves the online list within the test; a reload still fits in it. */
  private static final Duration GRACE = Duration.ofSeconds(4);
  private static final String CONNECTED = "connected over";

  private static SessionKey key;
  private static ChatApp app;
  private static Browser browser;
  private static String base;
  private static Tab alice1;
  private static Tab alice2;
  private static Tab bob;
  private static Tab dave;

  @BeforeAll
  static void start() throws Exception {
    key = SessionKey.random();
    app = ChatApp.start(settings(0));
    base = "http://127.0.0.1:" + app.port();
    browser = Browser.launch();
    Files.createDirectories(Path.of("target", "e2e"));
  }

  private static ChatSettings settings(int port) {
    return ChatSettings.builder(key).host("127.0.0.1").port(port).disconnectGrace(GRACE).build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (app != null) {
      app.close();
    }
  }

  /** Opens a tab for {@code user} at {@code path}, logging in through the form if this user has no session yet. */
  private static Tab logIn(String user, String tabName, String path) {
    Tab tab = browser.open(user, tabName, base + path);
    if (tab.evaluate("document.body.classList.contains('login')").asBoolean()) {
      tab.fill("#user", user);
      tab.click("form[action='/login'] button[type=submit]");
      tab.waitFor("body.chat");
      if (!path.equals("/")) {
        tab.go(base + path);
      }
    }
    tab.waitForText("#status", CONNECTED);
    return tab;
  }

  private static void send(Tab tab, String text) {
    tab.fill("#text", text);
    tab.click("#send");
    tab.waitForText("#ack", "sent: message #");
    tab.waitUntil("document.getElementById('text').value === ''");
  }

  /** The texts of the messages a tab shows, in order. */
  private static List<String> shown(Tab tab) {
    return tab.texts("#messages li .text");
  }

  private static void waitForMessage(Tab tab, String text) {
    tab.waitForText("#messages li .text", text);
  }

  /** What a tab's online list says about {@code user} ("WebSocket", "Ajax", ...), or null when absent. */
  private static String onlineVia(Tab tab, String user) {
    JsonNode via = tab.evaluate("[...document.querySelectorAll('#online li')]"
        + ".filter(li => li.querySelector('.user').textContent === '" + user + "')"
        + ".map(li => li.querySelector('.via').textContent)[0] ?? null");
    return via.isNull() ? null : via.asText();
  }

  @Test
  @Order(1)
  void twoUsersInThreeTabsSeeEveryMessageInTheSameOrder() {
    alice1 = logIn("alice", "alice-1", "/");
    alice2 = logIn("alice", "alice-2", "/"); // the same browser user: the session cookie is shared
    bob = logIn("bob", "bob-1", "/");
    assertThat(alice2.text("#me")).isEqualTo("alice");

    send(alice1, "hello from alice's first tab");
    send(bob, "hello from bob");
    send(alice2, "and from alice's second tab");
    for (Tab tab : List.of(alice1, alice2, bob)) {
      waitForMessage(tab, "and from alice's second tab");
      assertThat(shown(tab)).as(tab.name()).containsSubsequence("hello from alice's first tab", "hello from bob",
          "and from alice's second tab");
    }
    // More from both users in turn: every tab shows the server's one order.
    for (int i = 0; i < 5; i++) {
      send(i % 2 == 0 ? alice1 : bob, "burst " + i);
    }
    List<String> order = null;
    for (Tab tab : List.of(alice1, alice2, bob)) {
      waitForMessage(tab, "burst 4");
      List<String> bursts = new ArrayList<>(shown(tab));
      bursts.removeIf(t -> !t.startsWith("burst "));  // the lobby also holds the messages above
      if (order == null) {
        order = bursts;
      }
      assertThat(bursts).as(tab.name()).isEqualTo(order).hasSize(5);
    }
    assertThat(alice1.text("#status")).contains("WebSocket");
    assertThat(alice1.console()).noneMatch(line -> line.startsWith("pageerror"));
  }

  @Test
  @Order(2)
  void theOnlineListShowsEveryoneAndTheirTransport() {
    for (Tab tab : List.of(alice1, alice2, bob)) {
      tab.waitForText("#online .user", "bob");
      assertThat(onlineVia(tab, "alice")).as(tab.name()).isEqualTo("WebSocket");
      assertThat(onlineVia(tab, "bob")).as(tab.name()).isEqualTo("WebSocket");
    }
    alice1.screenshot(Path.of("target", "e2e", "chat.png"));
  }

  @Test
  @Order(3)
  void aForcedAjaxTabWorksBesideWebSocketTabs() {
    dave = logIn("dave", "dave-1", "/?transport=ajax");
    assertThat(dave.text("#status")).contains("Ajax");
    assertThat(dave.evaluate("document.getElementById('force-ajax').checked").asBoolean()).isTrue();
    bob.waitUntil("[...document.querySelectorAll('#online li')].some(li => li.textContent.includes('dave')"
        + " && li.textContent.includes('Ajax'))");

    send(dave, "dave over Ajax");
    send(bob, "bob answers dave");
    for (Tab tab : List.of(dave, bob, alice1)) {
      waitForMessage(tab, "bob answers dave");
      assertThat(shown(tab)).as(tab.name()).containsSubsequence("dave over Ajax", "bob answers dave");
    }
  }

  @Test
  @Order(4)
  void aReloadWithinTheGraceCausesNoFlickerAndAClosedTabLeavesAfterIt() {
    alice2.close(); // alice keeps one tab, so a reload of it would drop her without the grace
    alice2 = null;
    bob.evaluate("(() => { window.onlineSnapshots = [];"
        + " new MutationObserver(() => window.onlineSnapshots.push("
        + "   [...document.querySelectorAll('#online .user')].map(e => e.textContent)))"
        + " .observe(document.getElementById('online'), { childList: true, subtree: true }); })()");

    alice1.reload();
    alice1.waitForText("#status", CONNECTED);
    sleep(GRACE.plusSeconds(1)); // past the grace: a drop would have been pushed by now
    JsonNode snapshots = bob.evaluate("window.onlineSnapshots");
    for (JsonNode snapshot : snapshots) {
      assertThat(snapshot.toString()).as("bob's online list while alice reloaded").contains("\"alice\"");
    }
    assertThat(onlineVia(bob, "alice")).isEqualTo("WebSocket");

    // The control: a tab closed for good does leave the list, once the grace has passed.
    alice1.close();
    alice1 = null;
    bob.waitUntil("![...document.querySelectorAll('#online .user')].some(e => e.textContent === 'alice')");
  }

  @Test
  @Order(5)
  void aRequestWithoutTheCsrfTokenIsRefused() {
    JsonNode statuses = bob.evaluate("(async () => {"
        + " const token = document.querySelector('meta[name=csrf-token]').content;"
        + " const url = '/chsk?client-id=e2e-csrf&handshake%3F=1&sente4j-packer=json';"
        + " const without = (await fetch(url)).status;"
        + " const wrong = (await fetch(url, { headers: { 'X-CSRF-Token': 'not-the-token' } })).status;"
        + " const right = (await fetch(url, { headers: { 'X-CSRF-Token': token } })).status;"
        + " const ws = await new Promise(done => {"
        + "   const s = new WebSocket('ws://' + location.host + '/chsk?client-id=e2e-csrf-ws&sente4j-packer=json');"
        + "   s.onopen = () => { s.close(); done('open'); }; s.onerror = () => done('refused'); });"
        + " return { without, wrong, right, ws }; })()");
    assertThat(statuses.path("without").asInt()).isEqualTo(403);
    assertThat(statuses.path("wrong").asInt()).isEqualTo(403);
    assertThat(statuses.path("right").asInt()).isEqualTo(200); // the same request with the token: the check is real
    assertThat(statuses.path("ws").asText()).isEqualTo("refused");
  }

  @Test
  @Order(6)
  void afterAServerRestartEveryTabReconnectsAndGoesOn() {
    int port = app.port();
    app.close();
    for (Tab tab : List.of(bob, dave)) {
      tab.waitUntil("!document.getElementById('status').textContent.startsWith('connected')");
    }
    app = ChatApp.start(settings(port)); // the same key: the session cookies still hold
    for (Tab tab : List.of(bob, dave)) {
      tab.waitForText("#status", CONNECTED);
    }
    send(bob, "after the restart");
    send(dave, "dave is back");
    for (Tab tab : List.of(bob, dave)) {
      waitForMessage(tab, "dave is back");
      assertThat(shown(tab)).as(tab.name()).containsSubsequence("after the restart", "dave is back");
    }
    assertThat(dave.text("#status")).contains("Ajax");
    assertThat(bob.text("#status")).contains("WebSocket");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }
}
