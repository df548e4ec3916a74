package io.sente4j.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerRegistry;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser client alone, in headless Chromium, against an embedded {@link JettyChannelServer} that serves both
 * the client ({@code /sente4j/sente4j.js}, from the client-js jar) and a test page: over a WebSocket and over Ajax it
 * handshakes, gets a reply to a request, receives pushes in order, and reconnects after {@code breakConnection()}.
 * The server's default packer is edn, so the page's JSON is the packer the client names.
 */
class ClientJsInChromiumTest {
  private static final String TOKEN = "e2e-csrf-token";
  private static final Keyword ECHO = Keyword.of("test/echo");
  private static final Keyword PUSH_ME = Keyword.of("test/push-me");
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8"><title>client-js</title>
      <meta name="csrf-token" content="%s"></head><body>
      <script type="module">
        import { connect } from '/sente4j/sente4j.js';
        const query = new URLSearchParams(location.search);
        window.log = [];
        window.handshakes = 0;
        const chsk = connect({ path: '/chsk', type: query.get('type'), params: { user: query.get('user') } });
        window.chsk = chsk;
        chsk.on('handshake', (uid, data) => { window.handshakes += 1; log.push(['handshake', uid, data]); });
        chsk.on('push', ([id, data]) => log.push(['push', id, data]));
        chsk.on('error', (e) => log.push(['error', String(e)]));
      </script></body></html>""".formatted(TOKEN);

  private static ChannelSocketServer sockets;
  private static JettyChannelServer jetty;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    PackerRegistry packers = PackerRegistry.load();
    AtomicReference<ChannelSocketServer> self = new AtomicReference<>();
    sockets = ChannelSocketServer.builder(packers.get("edn"))
        .additionalPackers(packers.get("json"))
        .csrfToken(r -> TOKEN)
        .userId((r, clientId) -> r.queryParam("user").orElse(null))
        .handshakeData((r, uid) -> Map.of("hello", uid))
        .eventHandler(m -> {
          if (m.id().equals(ECHO)) {
            m.reply(Map.of("echo", m.data()));
          } else if (m.id().equals(PUSH_ME)) {
            for (int n = 1; n <= 3; n++) {
              self.get().send(m.uid(), Event.of("test/pushed", Map.of("n", n)));
            }
            m.reply("pushed");
          }
        })
        .build();
    self.set(sockets);
    jetty = JettyChannelServer.builder(sockets).host("127.0.0.1").port(0)
        .customize(s -> s.setHandler(new Handler.Sequence(s.getHandler(), new Page())))
        .start();
    base = "http://127.0.0.1:" + jetty.port();
    browser = Browser.launch();
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (sockets != null) {
      sockets.stop();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  @Test
  void overWebSocket() {
    exercise("ann", "ws");
  }

  @Test
  void overAjax() {
    exercise("bob", "ajax");
  }

  private static void exercise(String user, String type) {
    Tab tab = browser.open(user, user + "-" + type, base + "/page?type=" + type + "&user=" + user);
    tab.waitUntil("window.chsk && window.chsk.state.open");
    assertThat(tab.evaluate("chsk.state.type").asText()).isEqualTo(type);
    assertThat(tab.evaluate("log[0]").toString()).isEqualTo("[\"handshake\",\"" + user + "\",{\"hello\":\"" + user
        + "\"}]");

    JsonNode echo = tab.evaluate("chsk.send(['test/echo', {a: [1, 'two']}], {timeout: 10000})");
    assertThat(echo.toString()).isEqualTo("{\"echo\":{\"a\":[1,\"two\"]}}");

    assertThat(tab.evaluate("chsk.send(['test/push-me'], {timeout: 10000})").asText()).isEqualTo("pushed");
    tab.waitUntil("log.filter((e) => e[0] === 'push').length === 3");
    assertThat(tab.evaluate("log.filter((e) => e[0] === 'push').map((e) => e[1] + ':' + e[2].n)").toString())
        .isEqualTo("[\"test/pushed:1\",\"test/pushed:2\",\"test/pushed:3\"]");

    tab.evaluate("chsk.breakConnection(), true");
    tab.waitUntil("window.handshakes === 2 && chsk.state.open");
    assertThat(tab.evaluate("chsk.state.lastClose.reason").asText()).isEqualTo("error");
    assertThat(tab.evaluate("chsk.send(['test/echo', 3], {timeout: 10000})").toString()).isEqualTo("{\"echo\":3}");
    assertThat(tab.evaluate("log.filter((e) => e[0] === 'error')").size()).isZero();
    tab.close();
  }

  /** Serves the test page at /page. */
  private static final class Page extends Handler.Abstract.NonBlocking {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      if (!"/page".equals(Request.getPathInContext(request))) {
        return false;
      }
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
      response.write(true, ByteBuffer.wrap(PAGE.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }
}
