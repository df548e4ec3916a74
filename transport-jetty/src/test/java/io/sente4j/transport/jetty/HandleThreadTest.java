package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Where the handler runs. The core runs the application's CSRF token function and authorizer inside {@code handle}:
 * the handler was non-blocking, so Jetty ran it on the selector thread itself, and one of those functions that waited
 * (a session store, a database) held up the reads and writes of every connection of that selector.
 */
class HandleThreadTest {
  @Test
  @Timeout(60)
  void aRequestWhoseEndpointWaitsHoldsUpNoOtherConnection() throws Exception {
    CountDownLatch slowEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Server jetty = new Server();
    ServerConnector connector = new ServerConnector(jetty, 1, 1); // one selector, which both connections share
    connector.setHost("127.0.0.1");
    jetty.addConnector(connector);
    jetty.setHandler(JettyChannelHandler.builder(r -> {
      if (r.queryParam("slow").isPresent()) {
        slowEntered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new ServerAnswer.Respond(200, Payload.text("ok"));
    }).build());
    jetty.start();
    try {
      String base = "http://127.0.0.1:" + connector.getLocalPort() + "/chsk?client-id=";
      HttpClient slowClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpClient otherClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      CompletableFuture<HttpResponse<String>> slow = slowClient.sendAsync(
          HttpRequest.newBuilder(URI.create(base + "a&slow=1")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();

      HttpResponse<String> other = otherClient.sendAsync(HttpRequest.newBuilder(URI.create(base + "b")).build(),
          HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);
      assertThat(other.statusCode()).as("answered while the first request waits").isEqualTo(200);

      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    } finally {
      release.countDown();
      jetty.stop();
    }
  }
}
