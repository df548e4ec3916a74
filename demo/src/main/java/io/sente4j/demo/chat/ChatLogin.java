package io.sente4j.demo.chat;

import io.sente4j.core.Sente4jException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs in to the chat app as a browser does, for a Java client: posts the login form, keeps the session cookie,
 * and reads the CSRF token from the page's {@code <meta name="csrf-token">}.
 */
public final class ChatLogin {
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"csrf-token\" content=\"([^\"]*)\">");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ChatLogin() {}

  /**
   * What a logged-in client sends: the {@code Cookie} header value and the CSRF token.
   *
   * @param user the user name the app took
   * @param cookie {@code name=value}, for a {@code Cookie} header
   * @param csrfToken the token the channel socket wants
   */
  public record Credentials(String user, String cookie, String csrfToken) {}

  /** Logs in as {@code user} at the app whose page is {@code page} ({@code http://host:port/}). */
  public static Credentials login(URI page, String user) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    try {
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(page.resolve("/login")).timeout(TIMEOUT)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("user=" + URLEncoder.encode(user, StandardCharsets.UTF_8)))
          .build(), HttpResponse.BodyHandlers.ofString());
      if (posted.statusCode() != 303) {
        throw new Sente4jException("login as \"" + user + "\" refused: HTTP " + posted.statusCode());
      }
      String cookie = posted.headers().firstValue("Set-Cookie")
          .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
          .orElseThrow(() -> new Sente4jException("the login response set no cookie"));
      HttpResponse<String> chat = http.send(HttpRequest.newBuilder(page.resolve("/")).timeout(TIMEOUT)
          .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString());
      Matcher m = CSRF_META.matcher(chat.body());
      if (chat.statusCode() != 200 || !m.find()) {
        throw new Sente4jException("the chat page (HTTP " + chat.statusCode() + ") carries no CSRF token");
      }
      return new Credentials(user, cookie, m.group(1));
    } catch (IOException e) {
      throw new Sente4jException("cannot log in at " + page + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Sente4jException("interrupted while logging in", e);
    }
  }
}
