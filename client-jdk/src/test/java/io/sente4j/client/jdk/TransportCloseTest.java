package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What {@link JdkClientTransport#close()} does to the {@link HttpClient} under it: the one it made is shut down where
 * the JDK can (21 and later), a given one is left alone, and the WebSockets it opened stay their clients' to close.
 */
class TransportCloseTest {
  private static final Pattern SELECTOR = Pattern.compile("HttpClient-\\d+-SelectorManager");
  private static final int JDK = Runtime.version().feature();
  private static final Duration WAIT = Duration.ofSeconds(20);

  /** The server side's WebSockets, and the requests it holds unanswered (as a parked poll). */
  private final BlockingQueue<Channel> serverSockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<HeldResponse> held = new LinkedBlockingQueue<>();
  private JettyChannelServer jetty;

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  /** Answers {@code /chsk?answer} with 200, holds other requests, and echoes what its WebSockets receive. */
  private JettyChannelServer server() {
    if (jetty == null) {
      jetty = JettyChannelServer.builder(request -> {
        if (request.isWebSocketUpgrade()) {
          return new ServerAnswer.Upgrade(channel -> {
            serverSockets.add(channel);
            return new ChannelListener() {
              @Override
              public void onMessage(Payload payload) {
                channel.send(payload);
              }

              @Override
              public void onClose(int code, String reason) {}

              @Override
              public void onError(Throwable error) {}
            };
          });
        }
        return request.queryParam("answer").isPresent() ? new ServerAnswer.Respond(200, Payload.text("ok"))
            : new ServerAnswer.Hold(held::add);
      }).host("127.0.0.1").port(0).httpIdleTimeout(Duration.ofMinutes(10)).start();
    }
    return jetty;
  }

  private HttpCall call(String query) {
    URI uri = URI.create(server().httpUri() + "?client-id=c1&" + query + "=1");
    return new HttpCall("GET", uri, Map.of(), Payload.text(""), null, Duration.ofMinutes(5));
  }

  @Test
  @Timeout(60)
  void onJdk21AndLaterCloseShutsTheOwnedClientDownAndItsSelectorThreadEnds() throws Exception {
    assumeTrue(JDK >= 21, "HttpClient has no shutdown before JDK 21; this JVM is JDK " + Runtime.version()
        + " (see onJdk17To20TheOwnedClientsSelectorThreadEndsOnceTheTransportIsCollected)");
    Set<Thread> before = selectorThreads();
    JdkClientTransport transport = JdkClientTransport.create();
    Thread selector = startedSince(before);
    assertThat(transport.request(call("answer")).get(20, TimeUnit.SECONDS).status()).isEqualTo(200); // pooled
    CompletableFuture<HttpReply> parked = transport.request(call("hold"));
    assertThat(held.poll(20, TimeUnit.SECONDS)).as("the held request").isNotNull();

    transport.close();

    assertEnds(selector);
    assertThatThrownBy(() -> parked.get(20, TimeUnit.SECONDS)).hasMessageContaining("the transport closed");
  }

  @Test
  @Timeout(60)
  void onJdk17To20TheOwnedClientsSelectorThreadEndsOnceTheTransportIsCollected() throws Exception {
    assumeTrue(JDK < 21, "JDK " + Runtime.version() + " has HttpClient.shutdown(), which close() calls (see "
        + "onJdk21AndLaterCloseShutsTheOwnedClientDownAndItsSelectorThreadEnds)");
    Set<Thread> before = selectorThreads();
    JdkClientTransport transport = JdkClientTransport.create();
    Thread selector = startedSince(before);
    assertThat(transport.request(call("answer")).get(20, TimeUnit.SECONDS).status()).isEqualTo(200);

    transport.close();

    // No JDK before 21 can stop a client: its thread runs while the transport is referenced, as documented.
    assertThat(selector.isAlive()).isTrue();
    transport = null; // what the documentation asks for: the closed transport left to the garbage collector
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (selector.isAlive() && System.nanoTime() < deadline) {
      System.gc();
      selector.join(100);
    }
    assertThat(selector.isAlive()).as("the selector thread %s ended after the transport was collected",
        selector.getName()).isFalse();
  }

  @Test
  @Timeout(60)
  void aWebSocketOpenWhenTheTransportClosesKeepsWorkingUntilItsClientClosesIt() throws Exception {
    JdkClientTransport transport = JdkClientTransport.create();
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    Channel ws = openEchoSocket(transport, heard);

    transport.close();

    ws.send(Payload.text("after the close")).get(20, TimeUnit.SECONDS);
    assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("message after the close");
    ws.close(1000, "bye");
    assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("close 1000");
  }

  @Test
  @Timeout(60)
  void onJdk21AndLaterTheOwnedClientsSelectorThreadEndsWhenTheLastWebSocketCloses() throws Exception {
    assumeTrue(JDK >= 21, "HttpClient has no shutdown before JDK 21; this JVM is JDK " + Runtime.version());
    Set<Thread> before = selectorThreads();
    JdkClientTransport transport = JdkClientTransport.create();
    Thread selector = startedSince(before);
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    Channel ws = openEchoSocket(transport, heard);

    transport.close();

    assertThat(selector.isAlive()).as("the selector thread while a WebSocket is open").isTrue();
    ws.close(1000, "bye");
    assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("close 1000");
    assertEnds(selector);
  }

  @Test
  @Timeout(60)
  void aGivenClientKeepsWorkingAfterTheTransportCloses() throws Exception {
    HttpClient given = HttpClient.newHttpClient();
    try {
      JdkClientTransport transport = JdkClientTransport.builder().httpClient(given).build();
      assertThat(transport.request(call("answer")).get(20, TimeUnit.SECONDS).status()).isEqualTo(200);

      transport.close();

      HttpResponse<String> response = given.sendAsync(HttpRequest.newBuilder(call("answer").uri()).build(),
          HttpResponse.BodyHandlers.ofString()).get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      BlockingQueue<String> heard = new LinkedBlockingQueue<>();
      Channel ws = openEchoSocket(JdkClientTransport.builder().httpClient(given).build(), heard);
      ws.close(1000, "bye");
      assertThat(heard.poll(20, TimeUnit.SECONDS)).isEqualTo("close 1000");
    } finally {
      if (given instanceof AutoCloseable c) { // JDK 21 and later
        c.close();
      }
    }
  }

  @Test
  @Timeout(60)
  void aClosedTransportRefusesNewWebSocketsAsItRefusesRequests() {
    JdkClientTransport transport = JdkClientTransport.create();
    transport.close();
    assertThatThrownBy(() -> transport.openWebSocket(server().webSocketUri(), Map.of(), ChannelListener.ignoring())
        .get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("the transport is closed");
    assertThat(serverSockets).isEmpty();
  }

  /** Opens a WebSocket to the echo server; {@code heard} gets "message TEXT" and "close CODE" as they come. */
  private Channel openEchoSocket(JdkClientTransport transport, BlockingQueue<String> heard) throws Exception {
    Channel ws = transport.openWebSocket(URI.create(server().webSocketUri() + "?client-id=c1"), Map.of(),
        new ChannelListener() {
          @Override
          public void onMessage(Payload payload) {
            heard.add("message " + payload.asText());
          }

          @Override
          public void onClose(int code, String reason) {
            heard.add("close " + code);
          }

          @Override
          public void onError(Throwable error) {
            heard.add("error " + error);
          }
        }).get(20, TimeUnit.SECONDS);
    assertThat(serverSockets.poll(20, TimeUnit.SECONDS)).as("the server's side").isNotNull();
    return ws;
  }

  private static void assertEnds(Thread selector) throws InterruptedException {
    selector.join(WAIT.toMillis());
    assertThat(selector.isAlive()).as("the selector thread %s ended", selector.getName()).isFalse();
  }

  private static Set<Thread> selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> SELECTOR.matcher(t.getName()).matches())
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** The one selector thread started since {@code before} was taken: the transport's client's. */
  private static Thread startedSince(Set<Thread> before) {
    Set<Thread> started = selectorThreads();
    started.removeAll(before);
    assertThat(started).as("selector threads started by the transport").hasSize(1);
    return started.iterator().next();
  }
}
