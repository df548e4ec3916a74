package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ServerAnswer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The browser client's files at /sente4j/*, served from the client-js jar on the test class path. */
@Timeout(30)
class ClientScriptsTest {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI start(boolean serve) {
    server = JettyChannelServer.builder(r -> new ServerAnswer.Reject(400, "no"))
        .host("127.0.0.1").port(0).serveClientScripts(serve).start();
    return URI.create("http://127.0.0.1:" + server.port());
  }

  private HttpResponse<byte[]> get(URI base, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = ClientScriptsTest.class.getClassLoader()
        .getResourceAsStream("META-INF/resources/sente4j/" + name)) {
      assertThat(in).as(name + " on the test class path (client-js)").isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void servesEachListedFileWithItsTypeAndAnEtag() throws Exception {
    URI base = start(true);
    for (String name : new String[] {"sente4j.js", "transit.js", "msgpack.js"}) {
      HttpResponse<byte[]> r = get(base, "/sente4j/" + name);
      assertThat(r.statusCode()).as(name).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
      assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
      assertThat(r.headers().firstValue("x-content-type-options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("etag")).hasValueSatisfying(e -> assertThat(e).matches("\"[0-9a-f]{32}\""));
      assertThat(r.body()).isEqualTo(resource(name));
    }
    HttpResponse<byte[]> index = get(base, "/sente4j/index.txt");
    assertThat(index.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    assertThat(new String(index.body(), StandardCharsets.UTF_8)).contains("sente4j.js", "transit.js", "msgpack.js");
    assertThat(new String(get(base, "/sente4j/sente4j.js").body(), StandardCharsets.UTF_8)).contains("export");
  }

  @Test
  void aMatchingIfNoneMatchIsNotModified() throws Exception {
    URI base = start(true);
    String etag = get(base, "/sente4j/sente4j.js").headers().firstValue("etag").orElseThrow();
    HttpResponse<byte[]> again = get(base, "/sente4j/sente4j.js", "If-None-Match", "\"other\", " + etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("etag")).hasValue(etag);
    assertThat(get(base, "/sente4j/sente4j.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    assertThat(get(base, "/sente4j/transit.js", "If-None-Match", etag).statusCode()).isEqualTo(200);
  }

  @Test
  void unknownNamesAndOtherResourcesAre404() throws Exception {
    URI base = start(true);
    assertThat(get(base, "/sente4j/nope.js").statusCode()).isEqualTo(404);
    assertThat(get(base, "/sente4j/").statusCode()).isEqualTo(404);
    assertThat(get(base, "/sente4j/sente4j.js/x").statusCode()).isEqualTo(404);
    assertThat(get(base, "/sente4j/io/sente4j/transport/jetty/ClientScripts.class").statusCode()).isEqualTo(404);
  }

  @Test
  void noPathTraversal() throws Exception {
    URI base = start(true);
    for (String path : new String[] {"/sente4j/%2e%2e/META-INF/MANIFEST.MF", "/sente4j/%2e%2e%2fsente4j%2fsente4j.js",
        "/sente4j/..%2fMETA-INF%2fMANIFEST.MF", "/sente4j/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd"}) {
      assertThat(raw(path)).as(path).matches("HTTP/1.1 (400|404) .*");
    }
    // dot segments that stay under /sente4j/ are resolved by Jetty before the handler sees the path
    assertThat(raw("/sente4j/x/../sente4j.js")).isEqualTo("HTTP/1.1 200 OK");
  }

  /** Sends the path as written (HttpClient would normalise it). */
  private String raw(String path) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  @Test
  void headHasNoBodyAndOtherMethodsAre405() throws Exception {
    URI base = start(true);
    HttpResponse<byte[]> head = http.send(HttpRequest.newBuilder(base.resolve("/sente4j/sente4j.js"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("content-length")).hasValue(resource("sente4j.js").length);
    HttpResponse<byte[]> post = http.send(HttpRequest.newBuilder(base.resolve("/sente4j/sente4j.js"))
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
  }

  @Test
  void turnedOffTheFilesAre404AndTheChannelSocketIsUnchanged() throws Exception {
    URI base = start(false);
    assertThat(get(base, "/sente4j/sente4j.js").statusCode()).isEqualTo(404);
    assertThat(get(base, "/chsk?client-id=c").statusCode()).isEqualTo(400);
  }

  @Test
  void withoutTheClientJarEveryNameIs404() throws Exception {
    try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
      ClientScripts scripts = new ClientScripts(empty);
      assertThat(scripts.names()).isEmpty();
      server = JettyChannelServer.builder(r -> new ServerAnswer.Reject(400, "no")).host("127.0.0.1").port(0)
          .serveClientScripts(false)
          .customize(s -> s.setHandler(new Handler.Sequence(s.getHandler(), scripts))).start();
      URI base = URI.create("http://127.0.0.1:" + server.port());
      assertThat(get(base, "/sente4j/sente4j.js").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void namesFollowTheIndex() {
    assertThat(new ClientScripts().names()).containsExactly("index.txt", "sente4j.js", "transit.js", "msgpack.js");
  }
}
