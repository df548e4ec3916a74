package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat page's script and the browser client it imports are both served. */
class PageScriptTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private ChatApp app;

  @BeforeEach
  void start() {
    app = ChatApp.start(ChatSettings.builder(ChatChannelTest.KEY).port(0).build());
  }

  @AfterEach
  void stop() {
    app.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theBrowserClientTheChatScriptImportsIsServed() throws Exception {
    HttpResponse<String> client = get("/sente4j/sente4j.js");
    assertThat(client.statusCode()).isEqualTo(200);
    assertThat(client.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(client.headers().firstValue("ETag")).isPresent();
    assertThat(client.body()).contains("connect");
    assertThat(get("/sente4j/nope.js").statusCode()).isEqualTo(404);
  }
}
