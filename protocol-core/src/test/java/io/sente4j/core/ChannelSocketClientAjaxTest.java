package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The Ajax path: the handshake GET, the long-poll loop, pushes, keep-alive (PROTOCOL.md §5.4, §7.1, §15.2). */
class ChannelSocketClientAjaxTest {
  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ChannelSocketClient.Builder ajax() {
    return f.builder(ToyPacker.TEXT).type(ClientType.AJAX);
  }

  @Test
  void handshakeIsAGetWithTheProtocolParamsAndTheCsrfTokenInAHeader() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("b", "2");
    params.put("a", "x y&z");
    f.start(ajax().params(() -> params).csrfToken("tok+1")
        .headers(() -> Map.of("Authorization", List.of("Bearer 7"), "x-csrf-token", List.of("stale"))));
    assertThat(f.client.state().via()).isEqualTo(Via.AJAX_POLL);
    f.client.connect();
    FakeHttpExchange hs = f.transport.nextGet();
    assertThat(hs.call.uri().getScheme()).isEqualTo("http");
    assertThat(hs.call.uri().getPath()).isEqualTo("/chsk");
    assertThat(hs.call.uri().getRawQuery())
        .matches("b=2&a=x%20y%26z&client-id=c1&sente4j-packer=toy&udt=\\d+&sente4j-conn=\\d+&handshake%3F=1");
    assertThat(hs.query()).doesNotContainKey("csrf-token");
    assertThat(hs.call.headers()).containsEntry("X-CSRF-Token", List.of("tok+1"))
        .containsEntry("Authorization", List.of("Bearer 7")).doesNotContainKey("x-csrf-token");
    assertThat(hs.call.timeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(hs.call.contentType()).isNull();
    assertThat(hs.call.body().asText()).isEmpty();
    ClientState connecting = f.awaitState(s -> s.status() == Status.CONNECTING);
    assertThat(connecting.via()).isEqualTo(Via.AJAX_POLL);
  }

  @Test
  void wssAddressBecomesHttpsForAjax() {
    f.start(ChannelSocketClient.builder(java.net.URI.create("wss://app.test/chsk?app=1"), f.transport)
        .type(ClientType.AJAX).packer(ToyPacker.TEXT).clientId("c1").scheduler(f.time).executor(f.exec));
    f.client.connect();
    assertThat(f.transport.nextGet().call.uri().toString()).startsWith("https://app.test/chsk?app=1&client-id=c1&");
  }

  @Test
  void theHandshakeOpensTheClientAndThenOnePollWaits() {
    f.start(ajax());
    CompletableFuture<ClientState> connected = f.client.connect();
    f.transport.nextGet().answer(new Frame.Handshake("alice", List.of("plan", "pro")));
    ClientState open = ClientFixture.join(connected);
    assertThat(open).isEqualTo(new ClientState("c1", Via.AJAX_POLL, Status.OPEN, true, "alice",
        List.of("plan", "pro"), Optional.empty(), 0));
    FakeHttpExchange poll = f.transport.nextGet();
    assertThat(poll.isHandshake()).isFalse();
    assertThat(poll.call.uri().getRawQuery()).matches("client-id=c1&sente4j-packer=toy&udt=\\d+&sente4j-conn=\\d+");
    f.settle();
    assertThat(f.transport.pollGet()).as("one poll at a time").isNull();
  }

  @Test
  void eachConnectionNumbersItsHandshakeAndPollsHigherThanTheLast() {
    f.start(ajax());
    f.client.connect();
    FakeHttpExchange first = f.transport.nextGet();
    first.answer(new Frame.Handshake("alice", null));
    FakeHttpExchange poll = f.transport.nextGet();
    long connection = Long.parseLong(first.param("sente4j-conn").orElseThrow());
    assertThat(poll.param("sente4j-conn")).contains(Long.toString(connection));
    f.client.reconnect();
    FakeHttpExchange again = f.transport.nextGet();
    assertThat(again.isHandshake()).isTrue();
    assertThat(Long.parseLong(again.param("sente4j-conn").orElseThrow())).isGreaterThan(connection);
  }

  @Test
  void pushesArriveInOrderAndEachAnswerIsFollowedByOneNewPoll() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    poll.answer(Frame.Push.of(Event.of("app/n", 1L), Event.of("app/n", 2L)));
    poll = f.transport.nextGet();
    poll.answer(new Frame.Timeout());
    poll = f.transport.nextGet();
    poll.answer(Frame.Push.of(Event.of("app/n", 3L)));
    poll = f.transport.nextGet();
    assertThat(List.of(f.nextPush(), f.nextPush(), f.nextPush()))
        .containsExactly(Event.of("app/n", 1L), Event.of("app/n", 2L), Event.of("app/n", 3L));
    f.settle();
    assertThat(f.transport.pollGet()).isNull();
    assertThat(f.pushes).isEmpty();
    assertThat(poll.waiting()).isTrue();
  }

  @Test
  void aPollAnsweredWithANewHandshakeTakesItsUidAndKeepsPolling() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    poll.answer(new Frame.Handshake("bob", 7L));
    ClientState again = f.awaitState(s -> "bob".equals(s.uid()));
    assertThat(again.isOpen()).isTrue();
    assertThat(again.handshakeData()).isEqualTo(7L);
    assertThat(f.transport.nextGet().isHandshake()).isFalse();
  }

  @Test
  void aBadFrameOnAPollIsReportedAndDroppedAndPollingGoesOn() {
    f.start(ajax());
    FakeHttpExchange poll = f.connectAjax("alice");
    poll.respond(200, Payload.text("[1 2 3]"));
    assertThat(f.nextError()).isInstanceOf(FrameException.class);
    FakeHttpExchange next = f.transport.nextGet();
    next.answer(Frame.Push.of(Event.of("app/n", 1L)));
    assertThat(f.nextPush()).isEqualTo(Event.of("app/n", 1L));
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void aHandshakeAnswerThatIsNotAHandshakeEndsTheAttempt() {
    f.start(ajax().backoff((attempt, random) -> Duration.ZERO));
    f.client.connect();
    f.transport.nextGet().answer(Frame.Push.of(Event.of("app/n", 1L)));
    assertThat(f.nextError()).hasMessageContaining("not the handshake");
    assertThat(f.awaitState(s -> s.status() == Status.CLOSED).lastClose())
        .contains(CloseInfo.byClient(CloseReason.ERROR));
    assertThat(f.transport.nextGet().isHandshake()).as("a new attempt").isTrue();
    assertThat(f.pushes).isEmpty();
  }

  @Test
  void ajaxSendsNoPingsTheLongPollIsTheKeepAlive() {
    f.start(ajax().pingInterval(Duration.ofSeconds(20)).ajaxTimeout(Duration.ofHours(2)));
    FakeHttpExchange poll = f.connectAjax("alice");
    f.time.advance(Duration.ofMinutes(30));
    f.settle();
    assertThat(f.transport.pollPost()).as("no ping POST").isNull();
    assertThat(f.transport.pollGet()).isNull();
    assertThat(poll.waiting()).isTrue();
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void callbacksRunWithTheUidAndClientIdInTheMdc() {
    AtomicReference<String> seen = new AtomicReference<>();
    f.start(ajax().pushHandler(e -> seen.set(MDC.get("sente4j.uid") + "/" + MDC.get("sente4j.clientId"))));
    f.connectAjax("alice").answer(Frame.Push.of(Event.of("app/n", 1L)));
    f.transport.nextGet();
    f.settle();
    assertThat(seen.get()).isEqualTo("alice/c1");
  }

  @Test
  void aJsonLikePackerReadsTheTimeoutAndPushesFromStrings() {
    try (ClientFixture json = new ClientFixture(1, ToyPacker.TEXT_WITHOUT_KEYWORDS)) {
      json.start(json.builder(ToyPacker.TEXT_WITHOUT_KEYWORDS).type(ClientType.AJAX));
      FakeHttpExchange poll = json.connectAjax("alice");
      poll.respond(200, Payload.text("[\":chsk/timeout\" nil]"));
      poll = json.transport.nextGet();
      poll.respond(200, Payload.text("[[[\"app/n\" 1]] nil]"));
      assertThat(json.nextPush()).isEqualTo(Event.of("app/n", 1L));
      json.transport.nextGet();
      assertThat(json.errors).isEmpty();
    }
  }

  @Test
  void aHeaderWithoutValuesFailsTheAttemptAtOnceAndIsReported() {
    java.util.Map<String, java.util.List<String>> bad = new java.util.HashMap<>();
    bad.put("Authorization", null);
    f.start(ajax().headers(() -> bad));
    f.client.connect();
    assertThat(f.nextError()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("header \"Authorization\" has no values");
    ClientState closed = f.awaitState(s -> s.status() == ClientState.Status.CLOSED);
    assertThat(closed.lastClose()).get().extracting(CloseInfo::reason).isEqualTo(CloseReason.ERROR);
    assertThat(f.transport.calls()).isEmpty();
  }

  @Test
  void theAjaxTimeoutMustBePositive() {
    ChannelSocketClient.Builder b = ajax();
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> b.ajaxTimeout(Duration.ZERO))
        .withMessage("ajaxTimeout must be positive, got PT0S");
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> b.ajaxTimeout(Duration.ofMillis(-1)));
    org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> b.type(null));
    f.start(b.ajaxTimeout(Duration.ofMillis(1)));
    f.client.connect();
    assertThat(f.transport.nextGet().call.timeout()).isEqualTo(Duration.ofMillis(1));
  }
}
