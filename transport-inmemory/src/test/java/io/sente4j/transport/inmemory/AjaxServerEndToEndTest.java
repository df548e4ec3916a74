package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.Via;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A {@link ChannelSocketServer} driven over the in-memory network with raw Ajax HTTP calls, as a Sente browser client
 * makes them (PROTOCOL.md §15.2): the handshake GET, a parked poll answered by a push, POSTs with and without a reply,
 * the long-poll timeout, and the stop.
 */
class AjaxServerEndToEndTest {
  private static final URI CHSK = URI.create("http://app.test/chsk");
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final Duration LONG_POLL = Duration.ofMillis(400);

  private final Packer edn = PackerRegistry.load().get("edn");
  private final FrameCodec codec = new FrameCodec(edn);
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final LinkedBlockingQueue<EventMessage> events = new LinkedBlockingQueue<>();
  private final ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
      .userId((request, clientId) -> request.param("user").orElse(null))
      .handshakeData((request, uid) -> Map.of(Keyword.of("plan"), Keyword.of("pro")))
      .longPollTimeout(LONG_POLL)
      .eventHandler(msg -> {
        if (msg.event().isReserved()) {
          return; // presence events
        }
        events.add(msg);
        if (msg.wantsReply()) {
          msg.reply(Map.of(Keyword.of("result"), 42L));
        }
      })
      .build();

  AjaxServerEndToEndTest() {
    net.bind(CHSK, server);
  }

  @AfterEach
  void close() {
    server.stop();
    net.close();
  }

  private CompletableFuture<HttpReply> get(String query) {
    return net.clientTransport().request(new HttpCall("GET", URI.create(CHSK + "?" + query),
        Map.of("X-CSRF-Token", List.of("csrf-7f3a")), Payload.binary(Bytes.EMPTY), null, LONG));
  }

  private CompletableFuture<HttpReply> post(String ppstr) {
    String form = "udt=1767225601000&client-id=c1&ppstr=" + URLEncoder.encode(ppstr, StandardCharsets.UTF_8);
    return net.clientTransport().request(new HttpCall("POST", URI.create(CHSK + "?user=alice"),
        Map.of("X-CSRF-Token", List.of("csrf-7f3a")), Payload.text(form), "application/x-www-form-urlencoded",
        LONG));
  }

  private Frame pollFrame(CompletableFuture<HttpReply> reply) {
    HttpReply r = Await.result(reply);
    assertThat(r.status()).isEqualTo(200);
    return codec.decode(r.body(), Direction.FROM_SERVER, Via.AJAX_POLL);
  }

  private void handshake() {
    assertThat(Await.result(get("udt=1767225600000&client-id=c1&handshake%3F=1&user=alice")).body().asText())
        .isEqualTo("[[:chsk/handshake [\"alice\" nil {:plan :pro}]] nil]");
  }

  @Test
  void handshakeThenAParkedPollAnsweredByAPush() {
    handshake();
    assertThat(server.connectedUids().any()).as("a handshake does not count").isEmpty();
    CompletableFuture<HttpReply> poll = get("udt=1767225600050&client-id=c1&user=alice");
    Await.until(() -> server.connectedUids().ajax().contains("alice"), "alice connected by her poll");
    assertThat(poll).isNotDone();
    server.send("alice", Event.of("my-app/alert", Map.of(Keyword.of("n"), 1L)));
    // sendNow flushes the buffered event with it: one batch whatever the time between the two calls (two sends
    // would rely on both falling into the 100 ms window, which a stalled test thread can miss)
    server.sendNow("alice", Event.of("my-app/alert", Map.of(Keyword.of("n"), 2L)));
    HttpReply reply = Await.result(poll);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.body().asText()).isEqualTo("[[[:my-app/alert {:n 1}] [:my-app/alert {:n 2}]] nil]");
  }

  @Test
  void aPollOfAConnectionTheClientHasGivenUpIsAnsweredAtOnceAndTakesNoPush() {
    String alice = "client-id=c1&user=alice";
    Await.result(get(alice + "&sente4j-conn=5&handshake%3F=1"));
    CompletableFuture<HttpReply> first = get(alice + "&sente4j-conn=5");
    Await.until(() -> server.connectedUids().ajax().contains("alice"), "alice connected by her poll");
    Await.result(get(alice + "&sente4j-conn=6&handshake%3F=1")); // a reconnect
    assertThat(pollFrame(first)).as("the handshake ends the old poll").isInstanceOf(Frame.Timeout.class);

    CompletableFuture<HttpReply> stale = get(alice + "&sente4j-conn=5"); // sent before the reconnect, late
    assertThat(pollFrame(stale)).as("answered at once").isInstanceOf(Frame.Timeout.class);
    server.send("alice", Event.of("my-app/alert", 1L));
    Frame pushed = pollFrame(get(alice + "&sente4j-conn=6"));
    assertThat(pushed).isEqualTo(new Frame.Push(List.of(Event.of("my-app/alert", 1L))));

    CompletableFuture<HttpReply> sente = get(alice); // a poll that names no connection is always taken
    Await.until(() -> server.connectedUids().ajax().contains("alice"), "alice's poll parked");
    server.send("alice", Event.of("my-app/alert", 2L));
    assertThat(pollFrame(sente)).isEqualTo(new Frame.Push(List.of(Event.of("my-app/alert", 2L))));
  }

  @Test
  void aPostThatWantsAReplyIsAnsweredWithIt() throws InterruptedException {
    handshake();
    HttpReply reply = Await.result(post("[[:my-app/some-req {:name \"Rich\"}] :ajax]"));
    assertThat(reply).isEqualTo(new HttpReply(200, Payload.text("[{:result 42} nil]")));
    EventMessage msg = events.poll(5, TimeUnit.SECONDS);
    assertThat(msg).isNotNull();
    assertThat(msg.uid()).isEqualTo("alice");
    assertThat(msg.clientId()).isEqualTo("c1");
    assertThat(msg.via()).isEqualTo(Via.AJAX_POST);
  }

  @Test
  void aPostThatWantsNoReplyIsAcknowledged() throws InterruptedException {
    assertThat(Await.result(post("[[:my-app/some-req {:name \"Rich\"}] nil]")))
        .isEqualTo(new HttpReply(200, Payload.text("[:chsk/dummy-cb-200 nil]")));
    assertThat(events.poll(5, TimeUnit.SECONDS)).isNotNull();
  }

  @Test
  void aSente117PostIsReadToo() {
    assertThat(Await.result(post("+[[:my-app/some-req {:name \"Rich\"}] 0]")))
        .isEqualTo(new HttpReply(200, Payload.text("[{:result 42} nil]")));
  }

  @Test
  void aBadPostIs400() {
    HttpReply reply = Await.result(post("[[:chsk/ws-ping] :ajax]"));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body().asText()).contains("RESERVED_EVENT");
  }

  @Test
  void aPollWithoutAPushIsAnsweredTimeoutAfterTheLongPollTimeoutAndTheClientPollsAgain() {
    handshake();
    long start = System.nanoTime();
    assertThat(pollFrame(get("udt=1&client-id=c1&user=alice"))).isEqualTo(new Frame.Timeout());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(LONG_POLL);
    CompletableFuture<HttpReply> again = get("udt=2&client-id=c1&user=alice");
    server.send("alice", Event.of("my-app/alert", 3L));
    assertThat(pollFrame(again)).isEqualTo(Frame.Push.of(Event.of("my-app/alert", 3L)));
    assertThat(server.connectedUids().ajax()).containsExactly("alice");
  }

  @Test
  void stopAnswersAParkedPollTimeout() {
    handshake();
    CompletableFuture<HttpReply> poll = get("udt=1&client-id=c1&user=alice");
    Await.until(() -> server.connectedUids().ajax().contains("alice"), "alice's poll parked");
    server.stop();
    assertThat(pollFrame(poll)).isEqualTo(new Frame.Timeout());
    assertThat(Await.result(get("udt=2&client-id=c1&user=alice")).status()).isEqualTo(503);
  }
}
