package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CORS for listed origins: the preflight for the CSRF header, and readable responses; others untouched. */
class CorsTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final List<ServerRequest> seen = new CopyOnWriteArrayList<>();
  private JettyChannelServer server;
  private URI uri;

  @BeforeEach
  void start() {
    server = JettyChannelServer.builder(r -> {
      seen.add(r);
      return "OPTIONS".equals(r.method()) ? new ServerAnswer.Reject(405, "Method not allowed; use GET or POST")
          : new ServerAnswer.Respond(200, Payload.text("[:chsk/timeout nil]"));
    }).host("127.0.0.1").port(0).handler(h -> h.corsOrigins("https://app.test")).start();
    uri = URI.create(server.httpUri() + "?client-id=c1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> options(String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "x-csrf-token, content-type, x-other").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Timeout(30)
  void aListedOriginsPreflightIsAnsweredAndAllowsTheCsrfHeader() throws Exception {
    HttpResponse<String> r = options("https://app.test");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue("https://app.test");
    assertThat(r.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(r.headers().firstValue("access-control-allow-methods")).hasValue("GET, POST");
    assertThat(r.headers().firstValue("access-control-allow-headers")).hasValue("x-csrf-token, content-type");
    assertThat(seen).isEmpty();
  }

  @Test
  @Timeout(30)
  void anUnlistedOriginsPreflightReachesTheServerAndIs405() throws Exception {
    HttpResponse<String> r = options("https://evil.test");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    assertThat(seen).hasSize(1);
  }

  @Test
  @Timeout(30)
  void responsesToAListedOriginSayItMayReadThem() throws Exception {
    HttpResponse<String> listed = http.send(HttpRequest.newBuilder(uri).header("Origin", "https://app.test").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(listed.headers().firstValue("access-control-allow-origin")).hasValue("https://app.test");
    assertThat(listed.headers().allValues("vary")).contains("Origin");
    HttpResponse<String> other = http.send(HttpRequest.newBuilder(uri).header("Origin", "https://evil.test").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
  }
}
