package io.sente4j.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium, driven through {@code js/driver.mjs} (Playwright on the machine's Node and Debian's Chromium):
 * users with their own cookies, and tabs in them. Every call waits for the browser's answer and turns a failure into
 * an {@link AssertionError} that carries the tab's console, so a test reads as the steps a person takes.
 *
 * <p>It fails loudly, never skips: without {@code node}, or without Chromium at {@code /usr/bin/chromium} (or
 * {@code $SENTE4J_CHROMIUM}), {@link #launch()} throws with what to install.
 */
final class Browser implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long ANSWER_SECONDS = 60;

  private final Process node;
  private final Writer commands;
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final StringBuilder stderr = new StringBuilder();
  private final String version;

  private Browser(Process node) throws IOException {
    this.node = node;
    this.commands = new java.io.OutputStreamWriter(node.getOutputStream(), StandardCharsets.UTF_8);
    CompletableFuture<JsonNode> started = new CompletableFuture<>();
    pending.put(0, started);
    Thread answers = new Thread(this::readAnswers, "e2e-browser-answers");
    answers.setDaemon(true);
    answers.start();
    Thread errors = new Thread(this::readErrors, "e2e-browser-stderr");
    errors.setDaemon(true);
    errors.start();
    this.version = await(0, started, "start Chromium").asText();
  }

  /** Starts Node with the driver and Chromium in it. */
  static Browser launch() throws IOException {
    return launch(Map.of());
  }

  /** {@link #launch()} with extra environment variables for the driver (such as {@code SENTE4J_CHROMIUM}). */
  static Browser launch(Map<String, String> environment) throws IOException {
    String dir = System.getProperty("e2e.js.dir");
    if (dir == null || !Files.isRegularFile(Path.of(dir, "driver.mjs"))) {
      throw new IllegalStateException("system property e2e.js.dir must name the folder of driver.mjs; was " + dir);
    }
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder("node", "driver.mjs").directory(Path.of(dir).toFile());
      pb.environment().putAll(environment);
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start node (Node.js 20+ must be on the PATH): " + e.getMessage(), e);
    }
    return new Browser(p);
  }

  /** Chromium's version, as the browser reports it. */
  String version() {
    return version;
  }

  /** Opens a new tab for {@code user} (a user's tabs share cookies) at {@code url}. */
  Tab open(String user, String tab, String url) {
    call("open", "user", user, "tab", tab, "url", url);
    return new Tab(this, tab);
  }

  JsonNode call(String op, Object... args) {
    ObjectNode command = JSON.createObjectNode();
    int id = ids.incrementAndGet();
    command.put("id", id);
    command.put("op", op);
    for (int i = 0; i < args.length; i += 2) {
      command.set((String) args[i], JSON.valueToTree(args[i + 1]));
    }
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      synchronized (commands) {
        commands.write(JSON.writeValueAsString(command) + "\n");
        commands.flush();
      }
    } catch (IOException e) {
      throw new AssertionError("the browser driver is gone: " + e.getMessage() + "\n" + stderr(), e);
    }
    return await(id, answer, op + " " + command);
  }

  private JsonNode await(int id, CompletableFuture<JsonNode> answer, String what) {
    try {
      JsonNode a = answer.get(ANSWER_SECONDS, TimeUnit.SECONDS);
      if (!a.path("ok").asBoolean()) {
        throw new AssertionError(what + " failed: " + a.path("error").asText() + "\n" + stderr());
      }
      return a.path("value");
    } catch (TimeoutException e) {
      throw new AssertionError(what + ": no answer from the browser within " + ANSWER_SECONDS + " s\n" + stderr());
    } catch (ExecutionException e) {
      throw new AssertionError(what + ": " + e.getCause().getMessage() + "\n" + stderr(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(what + ": interrupted");
    } finally {
      pending.remove(id);
    }
  }

  private void readAnswers() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        JsonNode a;
        try {
          a = JSON.readTree(line);
        } catch (IOException e) {
          continue; // not an answer: something Playwright or Chromium printed
        }
        CompletableFuture<JsonNode> f = pending.get(a.path("id").asInt(-1));
        if (f != null) {
          f.complete(a);
        }
      }
    } catch (IOException e) {
      // the process ended; the waiters fail below
    }
    IOException gone = new IOException("the browser driver exited (status " + exitStatus() + ")");
    pending.values().forEach(f -> f.completeExceptionally(gone));
  }

  private void readErrors() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(node.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (stderr) {
          stderr.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private String exitStatus() {
    try {
      return node.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(node.exitValue()) : "still running";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }

  private String stderr() {
    synchronized (stderr) {
      return stderr.length() == 0 ? "" : "driver stderr:\n" + stderr;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    commands.close(); // the driver closes Chromium and exits at the end of its input
    if (!node.waitFor(30, TimeUnit.SECONDS)) {
      node.destroyForcibly();
    }
  }
}
