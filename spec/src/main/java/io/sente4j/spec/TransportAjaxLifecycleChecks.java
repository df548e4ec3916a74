package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.AjaxRefusedException;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientType;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.QueueLimit;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ReplyFailedException;
import io.sente4j.core.ReplyTimeoutException;
import io.sente4j.core.ServerError;
import io.sente4j.core.ServerRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Ajax checks of {@link TransportConformanceKit} about replies and endings, each test with a server of its own:
 * the Ajax reply timeout (PROTOCOL.md §7.2, §9.3), a full receive queue (§11.3), a push to one client, a
 * server-side close that drops held pushes (§10.2), and the server's stop as an Ajax client sees it.
 */
abstract class TransportAjaxLifecycleChecks extends TransportAjaxLimitChecks {
  private static final Keyword SLOW = Keyword.of("kit", "slow");
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(3);

  private final List<CompletableFuture<Object>> slowReplies = new CopyOnWriteArrayList<>();

  /** A server whose {@link #SLOW} requests are answered when the test completes their futures. */
  private KitHarness slowWorld() {
    KitHarness w = world();
    w.start(w.serverBuilder(m -> {}).ajaxReplyTimeout(REPLY_TIMEOUT).eventHandler(ServerRouter.builder()
        .onRequest(AJAX_ECHO, EventMessage::data)
        .onRequestAsync(SLOW, m -> {
          CompletableFuture<Object> f = new CompletableFuture<>();
          slowReplies.add(f);
          return f;
        }).build()));
    return w;
  }

  @Test
  @Timeout(60)
  void aPostWhoseReplyComesTooLateIsAnsweredTimeoutAndTheLateReplyIsReported() throws Exception {
    try (KitHarness w = slowWorld()) {
      ChannelSocketClient c = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      CompletableFuture<Object> late = c.send(Event.of(SLOW, "q1"), Duration.ofSeconds(30));
      w.await("the server to get the request", () -> slowReplies.size() == 1);
      w.advance(REPLY_TIMEOUT.minusMillis(1));
      w.quiesce();
      assertThat(late).isNotDone();
      w.advance(Duration.ofMillis(1));
      assertThat(late).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(ReplyTimeoutException.class);
      slowReplies.get(0).complete("too late");
      w.await("the late reply's report", () -> w.errors.stream()
          .anyMatch(e -> e.kind() == ServerError.Kind.REPLY_DROPPED && "alice".equals(e.uid())));

      CompletableFuture<Object> inTime = c.send(Event.of(SLOW, "q2"), Duration.ofSeconds(30));
      w.await("the server to get the second request", () -> slowReplies.size() == 2);
      w.advance(REPLY_TIMEOUT.minusMillis(1));
      slowReplies.get(1).complete("in time");
      assertThat(inTime.get(10, TimeUnit.SECONDS)).isEqualTo("in time");
      assertThat(c.state().isOpen()).isTrue();
    }
  }

  @Test
  @Timeout(60)
  void aFullReceiveQueueAnswersEveryAjaxPostItCannotTake() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService oneThread = Executors.newSingleThreadExecutor(); // the server's: the clients' stays free
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).handlerExecutor(oneThread).receiveQueue(QueueLimit.of(4, 1 << 20))
          .eventHandler(ServerRouter.builder().onRequest(SLOW, m -> {
            awaitQuietly(release);
            return m.data();
          }).build()));
      ChannelSocketClient c = w.connected("alice", e -> {}, TransportAjaxLimitChecks::ajax);
      List<CompletableFuture<Object>> sent = new ArrayList<>();
      for (long i = 0; i < 20; i++) {
        sent.add(c.send(Event.of(SLOW, i), Duration.ofMinutes(10)));
      }
      w.await("the refused POSTs to be answered", () -> sent.stream().filter(CompletableFuture::isDone).count() >= 16);
      release.countDown();
      int replied = 0;
      for (int i = 0; i < sent.size(); i++) {
        try {
          assertThat(sent.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((long) i);
          replied++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ReplyErrorException.class);
        }
      }
      assertThat(replied).isEqualTo(4);
      assertThat(w.server().metrics().overflows()).isEqualTo(16);
      assertThat(w.server().metrics().errorRepliesSent()).isEqualTo(16);
    } finally {
      release.countDown();
      oneThread.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  @Timeout(60)
  void aPushToOneAjaxClientReachesThatClientOnly() {
    try (KitHarness w = slowWorld()) {
      List<Event> first = new CopyOnWriteArrayList<>();
      List<Event> second = new CopyOnWriteArrayList<>();
      w.connected("alice", first::add, TransportAjaxLimitChecks::ajax);
      ChannelSocketClient b = w.connected("alice", second::add, TransportAjaxLimitChecks::ajax);
      assertThat(w.server().sendToClient("alice", b.state().clientId(), Event.of(AJAX_NOTE, "only b"))).isTrue();
      assertThat(w.server().sendToClient("alice", "no-such-client", Event.of(AJAX_NOTE, "nobody"))).isFalse();
      w.await("the push", () -> second.size() == 1);
      w.quiesce();
      assertThat(second).containsExactly(Event.of(AJAX_NOTE, "only b"));
      assertThat(first).isEmpty();
    }
  }

  @Test
  @Timeout(60)
  void aServerSideCloseDropsWhatWasHeldForTheClientAndReportsIt() {
    try (KitHarness w = slowWorld()) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add, TransportAjaxLimitChecks::ajax);
      String id = c.state().clientId();
      stallAfterPush(w, id, pushes, 0L);
      w.server().sendNow("alice", Event.of(AJAX_SEQ, 1L));
      w.server().sendNow("alice", Event.of(AJAX_SEQ, 2L));
      assertThat(w.server().close("alice", CloseReason.REQUESTED)).isEqualTo(1);
      w.await("the drop report", () -> !w.errors.isEmpty());
      ServerError e = w.errors.get(0);
      assertThat(e.kind()).isEqualTo(ServerError.Kind.PUSH_DROPPED);
      assertThat(e.clientId()).isEqualTo(id);
      assertThat(e.message()).contains("2 pushed event(s) dropped");
      w.transport.stallAjax(id, false);
      w.await("the client to handshake again", () -> w.server().clientIds("alice").contains(id));
      w.quiesce();
      assertThat(pushes).extracting(Event::data).containsExactly(0L);
      assertThat(w.errors).hasSize(1);
    }
  }

  @Test
  @Timeout(60)
  void stopAnswersTheParkedPollAndTheWaitingPostAndTheClientSeesTheServerGo() {
    try (KitHarness w = slowWorld()) {
      List<Event> pushes = new CopyOnWriteArrayList<>();
      List<Throwable> seen = new CopyOnWriteArrayList<>();
      ChannelSocketClient c = w.connected("alice", pushes::add,
          b -> b.type(ClientType.AJAX).errorListener(seen::add));
      w.awaitParkedPoll(c.state().clientId());
      CompletableFuture<Object> waiting = c.send(Event.of(SLOW, "q"), Duration.ofSeconds(30));
      w.await("the server to get the request", () -> slowReplies.size() == 1);
      w.server().send("alice", Event.of(AJAX_NOTE, "last words"));
      w.server().stop();
      // The server answers the POST :chsk/timeout, unless the client's next poll, refused 503, ends its connection
      // first: either way the request ends at once, never waiting for its own timeout.
      assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(ReplyFailedException.class);
      w.await("the last push", () -> pushes.size() == 1);
      assertThat(pushes).containsExactly(Event.of(AJAX_NOTE, "last words"));
      w.await("the client to see the server go", () -> c.state().lastClose().isPresent() && !seen.isEmpty());
      assertThat(c.state().lastClose().get().reason()).isEqualTo(CloseReason.ERROR);
      assertThat(seen).first().isInstanceOf(AjaxRefusedException.class)
          .extracting(t -> ((AjaxRefusedException) t).status()).isEqualTo(503);
      assertThat(w.errors).noneMatch(e -> e.kind() == ServerError.Kind.PUSH_DROPPED);
    }
  }
}
