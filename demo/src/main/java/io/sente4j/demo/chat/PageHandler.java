package io.sente4j.demo.chat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the app's pages from the class path: {@code /} is the chat for a visitor with a valid session cookie and
 * the login form for anyone else; {@code /chat.js} and {@code /chat.css} are static. Every other path passes on.
 */
final class PageHandler extends Handler.Abstract.NonBlocking {
  private record Asset(String contentType, byte[] bytes) {}

  private static final Map<String, Asset> ASSETS = Map.of(
      "/chat.js", new Asset("text/javascript; charset=utf-8", Template.resource("chat.js")),
      "/chat.css", new Asset("text/css; charset=utf-8", Template.resource("chat.css")));

  private final SessionCookies sessions;
  private final Pages pages;

  PageHandler(SessionCookies sessions, Pages pages) {
    this.sessions = sessions;
    this.pages = pages;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    Asset asset = ASSETS.get(path);
    if (asset == null && !"/".equals(path)) {
      return false;
    }
    if (!"GET".equals(request.getMethod())) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET");
      Http.text(response, callback, 405, "Method Not Allowed");
    } else if (asset != null) {
      Http.write(response, callback, 200, asset.contentType(), asset.bytes());
    } else {
      Optional<Session> session = Http.cookie(request, SessionCookies.NAME).flatMap(sessions::read);
      String page = session.map(pages::chat).orElseGet(() -> pages.login(""));
      Http.write(response, callback, 200, Http.HTML, page.getBytes(StandardCharsets.UTF_8));
    }
    return true;
  }
}
