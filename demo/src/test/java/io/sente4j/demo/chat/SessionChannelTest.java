package io.sente4j.demo.chat;

import static io.sente4j.demo.chat.ChatUser.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.client.jdk.JdkClientTransport;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.UpgradeRefusedException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The channel socket takes its user and CSRF token from the session cookie, and only from a valid one. */
class SessionChannelTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aConnectionWithoutTheCsrfTokenOrAValidCookieIsRefused() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
    try (ChatApp app = ChatApp.start(ChatSettings.builder(ChatChannelTest.KEY).port(0).clock(clock)
        .sessionLifetime(Duration.ofHours(1)).build())) {
      ChatLogin.Credentials alice = ChatLogin.login(app.pageUri(), "alice");
      String token = alice.csrfToken();

      assertThat(ajaxHandshake(app, alice.cookie(), null).statusCode()).isEqualTo(403);
      assertThat(ajaxHandshake(app, alice.cookie(), null).body()).isEqualTo("Bad CSRF token");
      assertThat(ajaxHandshake(app, alice.cookie(), "guess").statusCode()).isEqualTo(403);
      assertThat(ajaxHandshake(app, null, token).statusCode()).as("no cookie").isEqualTo(403);
      String tampered = alice.cookie().replace("v1.YWxpY2U.", "v1.bWFsbG9yeQ.");
      assertThat(ajaxHandshake(app, tampered, token).statusCode()).as("tampered").isEqualTo(403);
      HttpResponse<String> ok = ajaxHandshake(app, alice.cookie(), token);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.body()).startsWith("[[:chsk/handshake [\"alice\" ");

      assertThat(upgradeRefusal(app, alice.cookie(), "").status()).isEqualTo(403);
      assertThat(upgradeRefusal(app, alice.cookie(), "&csrf-token=guess").status()).isEqualTo(403);
      assertThat(upgradeRefusal(app, tampered, "&csrf-token=" + token).status()).isEqualTo(403);
      try (ChatUser opened = new ChatUser("alice-1", app, alice, ClientType.WEBSOCKET)) {
        assertThat(opened.connect().uid()).isEqualTo("alice");
      }

      clock.advance(Duration.ofHours(1));
      assertThat(ajaxHandshake(app, alice.cookie(), token).statusCode()).as("expired").isEqualTo(403);
      assertThat(upgradeRefusal(app, alice.cookie(), "&csrf-token=" + token).status()).as("expired").isEqualTo(403);
    }
  }

  @Test
  void aRestartedServerWithTheSameKeyKeepsEverySessionAndItsClientsReconnect() throws Exception {
    ChatApp first = ChatApp.start(ChatSettings.builder(ChatChannelTest.KEY).port(0).build());
    int port = first.port();
    ChatLogin.Credentials alice = ChatLogin.login(first.pageUri(), "alice");
    ChatUser tab = new ChatUser("alice-1", first, alice, ClientType.WEBSOCKET);
    try {
      ClientState before = tab.connect();
      Object firstEpoch = ChatUser.field(before.handshakeData(), "epoch");
      first.close();
      await("the tab to see the server stop", () -> !tab.client.state().isOpen());

      SessionKey sameKey = SessionKey.of("the chat tests' key, 32 bytes or more".getBytes(StandardCharsets.UTF_8));
      try (ChatApp second = ChatApp.start(ChatSettings.builder(sameKey).port(port).build())) {
        await("the tab to reconnect to the restarted server", () -> tab.client.state().isOpen());
        assertThat(tab.client.state().uid()).isEqualTo("alice");
        assertThat(tab.request(ChatEvents.SEND, Wire.map("room", "lobby", "text", "still me"))).isNotNull();
        assertThat(ajaxHandshake(second, alice.cookie(), alice.csrfToken()).statusCode()).isEqualTo(200);
        assertThat(ChatUser.field(tab.client.state().handshakeData(), "epoch")).isNotEqualTo(firstEpoch);
      }
      try (ChatApp otherKey = ChatApp.start(ChatSettings.builder(SessionKey.random()).port(0).build())) {
        assertThat(ajaxHandshake(otherKey, alice.cookie(), alice.csrfToken()).statusCode()).isEqualTo(403);
      }
    } finally {
      tab.close();
    }
  }

  private HttpResponse<String> ajaxHandshake(ChatApp app, String cookie, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + app.port()
        + "/chsk?client-id=raw-1&handshake%3F=1"));
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    if (token != null) {
      b.header("X-CSRF-Token", token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static UpgradeRefusedException upgradeRefusal(ChatApp app, String cookie, String query) {
    JdkClientTransport transport = JdkClientTransport.builder().header("Cookie", cookie).build();
    try {
      Channel ch = transport.openWebSocket(URI.create(app.webSocketUri() + "?client-id=raw-2" + query), Map.of(),
          ChannelListener.ignoring()).get(10, TimeUnit.SECONDS);
      ch.close(1000, "unexpected");
      throw new AssertionError("the upgrade was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRefusedException.class);
      return (UpgradeRefusedException) e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
