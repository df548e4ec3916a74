package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events over Ajax: one POST each, answered with the reply, the ack or the timeout (PROTOCOL.md §5.5, §9.3). */
class ChannelSocketClientAjaxRepliesTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ChannelSocketClient.Builder ajax() {
    return f.builder(ToyPacker.TEXT).type(ClientType.AJAX).csrfToken("tok");
  }

  private static Event ev(long n) {
    return Event.of("app/q", n);
  }

  @Test
  void aRequestIsAFormPostOfPpstrWithTheReplyMarkerAndEndsWithTheReply() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN);
    FakeHttpExchange post = f.transport.nextPost();
    assertThat(post.call.uri().toString()).isEqualTo("http://app.test/chsk?client-id=c1&sente4j-packer=toy");
    assertThat(post.call.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(post.call.headers()).containsEntry("X-CSRF-Token", List.of("tok"));
    assertThat(post.call.body().asText()).matches("udt=\\d+&client-id=c1&ppstr=%5B%5B%3Aapp%2Fq%201%5D%20%3Aajax%5D");
    assertThat(post.form().keySet()).containsExactly("udt", "client-id", "ppstr");
    assertThat(post.event()).isEqualTo(new Frame.AjaxEvent(ev(1), true));
    assertThat(reply).isNotDone();
    post.answer(new Frame.AjaxReply(List.of("ok", 42L)));
    assertThat(ClientFixture.join(reply)).isEqualTo(List.of("ok", 42L));
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void aPlainSendIsPostedWithoutTheMarkerAndCompletesOnTheAck() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Void> sent = f.client.send(ev(2));
    FakeHttpExchange post = f.transport.nextPost();
    assertThat(post.event()).isEqualTo(new Frame.AjaxEvent(ev(2), false));
    f.settle();
    assertThat(sent).as("not before the server answered").isNotDone();
    post.answer(new Frame.AjaxAck());
    ClientFixture.join(sent);
  }

  @Test
  void aPlainSendAnsweredErrorFailsWithTheErrorOutcome() {
    // Regression: any answer to a POST that wanted no reply completed the send, so a server that could not take the
    // event (its receive queue full, PROTOCOL.md §11.3: [:chsk/error nil]) lost it without the sender knowing.
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Void> sent = f.client.send(ev(4));
    f.transport.nextPost().answer(new Frame.AjaxReply(Chsk.ERROR));
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyErrorException.class)
        .hasMessageContaining(":chsk/error");
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void aBinaryPackerPostsTheRawFrameWithBinaryInTheQuery() {
    try (ClientFixture b = new ClientFixture(1, ToyPacker.BINARY)) {
      b.start(b.builder(ToyPacker.BINARY).type(ClientType.AJAX));
      b.connectAjax("alice");
      CompletableFuture<Object> reply = b.client.send(ev(3), TEN);
      FakeHttpExchange post = b.transport.nextPost();
      assertThat(post.call.uri().getRawQuery()).matches("client-id=c1&sente4j-packer=toy&udt=\\d+&binary%3F=true");
      assertThat(post.call.contentType()).isEqualTo("application/octet-stream");
      assertThat(post.call.body().isText()).isFalse();
      assertThat(post.event()).isEqualTo(new Frame.AjaxEvent(ev(3), true));
      post.answer(new Frame.AjaxReply(7L));
      assertThat(ClientFixture.join(reply)).isEqualTo(7L);
    }
  }

  @Test
  void theServersTimeoutAnswerEndsTheRequestAsTimeout() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), Duration.ofMinutes(5));
    f.transport.nextPost().answer(new Frame.Timeout());
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("the server replied :chsk/timeout to :app/q");
  }

  @Test
  void aFailureKeywordAsTheReplyEndsTheRequestWithThatOutcome() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> error = f.client.send(ev(1), TEN);
    f.transport.nextPost().answer(new Frame.AjaxReply(Chsk.ERROR));
    CompletableFuture<Object> closed = f.client.send(ev(2), TEN);
    f.transport.nextPost().answer(new Frame.AjaxReply(Chsk.CLOSED));
    assertThat(ClientFixture.failure(error)).isInstanceOf(ReplyErrorException.class);
    assertThat(ClientFixture.failure(closed)).isInstanceOf(ReplyClosedException.class);
  }

  @Test
  void anHttpErrorStatusFailsTheRequestAndThePlainSendWithError() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN);
    f.transport.nextPost().status(400, "bad frame (RESERVED_EVENT)");
    CompletableFuture<Void> sent = f.client.send(ev(2));
    f.transport.nextPost().status(413, "the frame is larger than 1048576 bytes");
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyErrorException.class)
        .hasMessage("could not send :app/q: Ajax POST refused with HTTP 400: bad frame (RESERVED_EVENT)")
        .hasCauseInstanceOf(AjaxRefusedException.class);
    assertThat(((AjaxRefusedException) ClientFixture.failure(reply).getCause()).status()).isEqualTo(400);
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyErrorException.class).hasMessageContaining("HTTP 413");
    assertThat(f.client.state().isOpen()).as("a POST's failure does not end the connection").isTrue();
  }

  @Test
  void aNetworkFailureFailsThePostWithError() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN);
    f.transport.nextPost().fail(new java.io.IOException("connection reset"));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyErrorException.class)
        .hasMessage("could not send :app/q: connection reset");
  }

  @Test
  void aPostWithoutAnswerWithinTheAjaxTimeoutFailsAsTimeoutAndIsGivenUp() {
    f.start(ajax().ajaxTimeout(Duration.ofSeconds(30)));
    FakeHttpExchange poll = f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), Duration.ofMinutes(5));
    CompletableFuture<Void> sent = f.client.send(ev(2));
    FakeHttpExchange first = f.transport.nextPost();
    FakeHttpExchange second = f.transport.nextPost();
    assertThat(first.call.timeout()).isEqualTo(Duration.ofSeconds(30));
    f.time.advance(Duration.ofSeconds(15));
    poll.answer(new Frame.Timeout()); // a fresh poll, so that only the POSTs time out
    f.transport.nextGet();
    f.time.advance(Duration.ofMillis(14_999));
    f.settle();
    assertThat(reply).isNotDone();
    f.time.advance(Duration.ofMillis(1));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("no answer to the POST of :app/q within PT30S (the Ajax timeout)");
    assertThat(ClientFixture.failure(sent)).isInstanceOf(ReplyTimeoutException.class);
    assertThat(first.cancelled()).isTrue();
    assertThat(second.cancelled()).isTrue();
    assertThat(f.client.state().isOpen()).isTrue();
  }

  @Test
  void theRequestsOwnTimeoutWinsAndALaterAnswerIsDropped() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), Duration.ofSeconds(5));
    FakeHttpExchange post = f.transport.nextPost();
    f.time.advance(Duration.ofSeconds(5));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyTimeoutException.class)
        .hasMessage("no reply to :app/q within PT5S");
    post.answer(new Frame.AjaxReply(1L));
    f.settle();
    assertThat(f.errors).isEmpty();
    assertThat(f.client.pendingReplies()).isZero();
  }

  @Test
  void concurrentPostsEachGetTheirOwnAnswerInAnyOrder() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> a = f.client.send(ev(1), TEN);
    CompletableFuture<Object> b = f.client.send(ev(2), TEN);
    FakeHttpExchange pa = f.transport.nextPost();
    FakeHttpExchange pb = f.transport.nextPost();
    pb.answer(new Frame.AjaxReply("b"));
    pa.answer(new Frame.AjaxReply("a"));
    assertThat(ClientFixture.join(a)).isEqualTo("a");
    assertThat(ClientFixture.join(b)).isEqualTo("b");
  }

  @Test
  void anAckToARequestThatWantedAReplyEndsItWithError() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN);
    f.transport.nextPost().answer(new Frame.AjaxAck());
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyErrorException.class)
        .hasMessage("the server acknowledged the POST of :app/q but sent no reply");
  }

  @Test
  void anUnreadableAnswerEndsTheRequestWithErrorAndIsReported() {
    f.start(ajax());
    f.connectAjax("alice");
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN);
    f.transport.nextPost().respond(200, Payload.text("[oops"));
    assertThat(ClientFixture.failure(reply)).isInstanceOf(ReplyErrorException.class)
        .hasMessageStartingWith("the server's answer to the POST of :app/q was not a frame");
    assertThat(f.nextError()).isInstanceOf(FrameException.class);
  }

  @Test
  void offlineSendsAreHeldUntilTheHandshakeAndPostedInOrder() {
    f.start(ajax().offlineSends(OfflineSendPolicy.queue(5)));
    CompletableFuture<Void> a = f.client.send(ev(1));
    CompletableFuture<Object> b = f.client.send(ev(2), TEN);
    f.client.connect();
    FakeHttpExchange hs = f.transport.nextGet();
    f.settle();
    assertThat(f.transport.pollPost()).as("nothing before the handshake").isNull();
    hs.answer(new Frame.Handshake("alice", null));
    FakeHttpExchange pa = f.transport.nextPost();
    FakeHttpExchange pb = f.transport.nextPost();
    assertThat(pa.event()).isEqualTo(new Frame.AjaxEvent(ev(1), false));
    assertThat(pb.event()).isEqualTo(new Frame.AjaxEvent(ev(2), true));
    pa.answer(new Frame.AjaxAck());
    pb.answer(new Frame.AjaxReply("r2"));
    ClientFixture.join(a);
    assertThat(ClientFixture.join(b)).isEqualTo("r2");
  }

  @Test
  void failFastFailsSendsWhileTheAjaxHandshakeIsPending() {
    f.start(ajax());
    f.client.connect();
    f.transport.nextGet();
    assertThat(ClientFixture.failure(f.client.send(ev(1), TEN))).isInstanceOf(ReplyClosedException.class)
        .hasMessage("not open (CONNECTING); :app/q was not sent");
  }

  @Test
  void futuresCompleteOnTheExecutorNotTheTransportThread() {
    f.start(ajax());
    f.connectAjax("alice");
    AtomicReference<String> thread = new AtomicReference<>();
    CompletableFuture<Object> reply = f.client.send(ev(1), TEN)
        .whenComplete((v, e) -> thread.set(Thread.currentThread().getName()));
    f.transport.nextPost().answer(new Frame.AjaxReply(1L));
    ClientFixture.join(reply);
    assertThat(thread.get()).isEqualTo("client-exec");
  }
}
