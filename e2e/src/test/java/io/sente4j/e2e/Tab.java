package io.sente4j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One browser tab of a {@link Browser}; every method waits until the browser has done it. */
final class Tab {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Browser browser;
  private final String name;

  Tab(Browser browser, String name) {
    this.browser = browser;
    this.name = name;
  }

  /** The tab's name in the test. */
  String name() {
    return name;
  }

  /** Goes to {@code url}; the HTTP status of the page. */
  int go(String url) {
    return browser.call("goto", "tab", name, "url", url).asInt();
  }

  /** Reloads the page; the HTTP status. */
  int reload() {
    return browser.call("reload", "tab", name).asInt();
  }

  void fill(String selector, String value) {
    browser.call("fill", "tab", name, "selector", selector, "value", value);
  }

  void click(String selector) {
    browser.call("click", "tab", name, "selector", selector);
  }

  void press(String selector, String key) {
    browser.call("press", "tab", name, "selector", selector, "key", key);
  }

  void check(String selector, boolean checked) {
    browser.call("check", "tab", name, "selector", selector, "checked", checked);
  }

  /** The text content of the first element {@code selector} matches. */
  String text(String selector) {
    return browser.call("text", "tab", name, "selector", selector).asText();
  }

  /** The text content of every element {@code selector} matches, in document order. */
  List<String> texts(String selector) {
    List<String> out = new ArrayList<>();
    browser.call("texts", "tab", name, "selector", selector).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Waits until an element matching {@code selector} contains {@code text}. */
  void waitForText(String selector, String text) {
    try {
      browser.call("waitForText", "tab", name, "selector", selector, "text", text, "timeoutMs", WAIT.toMillis());
    } catch (AssertionError e) {
      // What the page showed instead, and its console (with each WebSocket's life): a flaky wait is read from these.
      AssertionError detailed = new AssertionError(e.getMessage() + "\n" + name + " " + selector + " shows: "
          + text(selector) + "\n" + name + " console:\n  " + String.join("\n  ", console()), e);
      throw detailed;
    }
  }

  /** Waits until an element matches {@code selector}. */
  void waitFor(String selector) {
    browser.call("waitForSelector", "tab", name, "selector", selector, "timeoutMs", WAIT.toMillis());
  }

  /** Waits until the JavaScript {@code expression} is truthy in the page. */
  void waitUntil(String expression) {
    browser.call("waitForFunction", "tab", name, "expression", expression, "timeoutMs", WAIT.toMillis());
  }

  /** Evaluates the JavaScript {@code expression} in the page; its JSON value. */
  JsonNode evaluate(String expression) {
    return browser.call("evaluate", "tab", name, "expression", expression);
  }

  /** Saves a full-page PNG screenshot to {@code path}. */
  Path screenshot(Path path) {
    browser.call("screenshot", "tab", name, "path", path.toAbsolutePath().toString());
    return path;
  }

  /** What the page logged to its console, and its uncaught errors. */
  List<String> console() {
    List<String> out = new ArrayList<>();
    browser.call("console", "tab", name).forEach(n -> out.add(n.asText()));
    return out;
  }

  void close() {
    browser.call("closeTab", "tab", name);
  }
}
