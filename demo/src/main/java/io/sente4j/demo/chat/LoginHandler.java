package io.sente4j.demo.chat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /login} (a form with {@code user}) sets the signed session cookie and sends the browser to {@code /};
 * {@code POST /logout} (a form with the session's {@code csrf-token}) removes it. Both refuse a request whose
 * {@code Origin} is another site's, so no other site can log a visitor in or out.
 */
final class LoginHandler extends Handler.Abstract {
  static final String LOGIN = "/login";
  static final String LOGOUT = "/logout";

  private final SessionCookies sessions;
  private final Pages pages;
  private final int maxUserNameChars;
  private final int maxFormBytes;

  LoginHandler(SessionCookies sessions, Pages pages, int maxUserNameChars, int maxFormBytes) {
    this.sessions = sessions;
    this.pages = pages;
    this.maxUserNameChars = maxUserNameChars;
    this.maxFormBytes = maxFormBytes;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws IOException {
    String path = Request.getPathInContext(request);
    if (!LOGIN.equals(path) && !LOGOUT.equals(path)) {
      return false;
    }
    if (!"POST".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "POST");
      Http.text(response, callback, 405, "Method Not Allowed: " + path + " takes a form POST");
      return true;
    }
    Map<String, String> form;
    try {
      form = Http.readForm(request, maxFormBytes); // read first: a body left unread costs the client its connection
    } catch (Http.FormException e) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the body may be left unread: no reuse
      Http.text(response, callback, e.status, e.getMessage());
      return true;
    }
    if (!Http.sameOrigin(request)) {
      Http.text(response, callback, 403, "Cross-site request refused");
      return true;
    }
    if (LOGIN.equals(path)) {
      login(form, response, callback);
    } else {
      logout(request, form, response, callback);
    }
    return true;
  }

  private void login(Map<String, String> form, Response response, Callback callback) {
    String user;
    try {
      user = UserNames.check(form.get("user"), maxUserNameChars);
    } catch (IllegalArgumentException e) {
      Http.write(response, callback, 400, Http.HTML, pages.login(e.getMessage()).getBytes(StandardCharsets.UTF_8));
      return;
    }
    response.getHeaders().add(HttpHeader.SET_COOKIE, sessions.setCookie(sessions.issue(user)));
    Http.seeOther(response, callback, "/");
  }

  private void logout(Request request, Map<String, String> form, Response response, Callback callback) {
    Optional<Session> session = Http.cookie(request, SessionCookies.NAME).flatMap(sessions::read);
    if (session.isPresent() && !session.get().csrfToken().equals(form.get("csrf-token"))) {
      Http.text(response, callback, 403, "Bad CSRF token");
      return;
    }
    response.getHeaders().add(HttpHeader.SET_COOKIE, sessions.clearCookie());
    Http.seeOther(response, callback, "/");
  }
}
