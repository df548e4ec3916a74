package io.sente4j.demo.chat;

import java.util.Map;

/** The two pages of the chat app: the login form and the chat, filled in for one request. */
final class Pages {
  private final Template login = Template.load("login.html");
  private final Template chat = Template.load("chat.html");
  private final int maxUserNameChars;

  Pages(int maxUserNameChars) {
    this.maxUserNameChars = maxUserNameChars;
  }

  /** The login form, with {@code error} (empty for none) above it. */
  String login(String error) {
    return login.render(Map.of("error", error, "max-user-chars", Integer.toString(maxUserNameChars)));
  }

  /** The chat page of {@code session}: its user, and its CSRF token in {@code <meta name="csrf-token">}. */
  String chat(Session session) {
    return chat.render(Map.of("user", session.user(), "csrf-token", session.csrfToken()));
  }
}
