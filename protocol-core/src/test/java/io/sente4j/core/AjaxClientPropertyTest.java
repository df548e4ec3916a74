package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of sends (plain and with a reply), answers to the waiting GET (handshake, pushes, timeout), failed
 * GETs (error statuses, 401, network errors), answers to waiting POSTs (reply, ack, timeout, error status, network
 * error), clock advances (request timeouts, the Ajax timeout, backoff), connects, reconnects and disconnects, against
 * an Ajax client. Everything runs on the test thread (direct executors, virtual time). After every step: the pushes
 * received are exactly those answered, in order; at most one GET waits; a reply value is the one its POST was
 * answered with; a POST's answer or a lost poll ends what it must at once; the pending count matches. At the end,
 * after a disconnect, every send's future has completed exactly once.
 */
class AjaxClientPropertyTest {
  private static final Executor DIRECT = Runnable::run;
  private static final int OPS = 7;

  @Test
  void everySendEndsExactlyOnceAndPushesArriveInOrderWithoutDuplicates() {
    Qt.seeded(0xa1a5L)
        .forAll(lists().of(integers().between(0, OPS * 10_000)).ofSizeBetween(1, 80))
        .checkAssert(AjaxClientPropertyTest::run);
  }

  private static final class Send {
    final CompletableFuture<?> future;
    final boolean wantsReply;
    final AtomicInteger completions = new AtomicInteger();
    boolean posted;
    Object answeredValue;

    Send(CompletableFuture<?> future, boolean wantsReply) {
      this.future = future;
      this.wantsReply = wantsReply;
      future.whenComplete((v, e) -> completions.incrementAndGet());
    }
  }

  private static final class Run {
    final VirtualScheduler time = new VirtualScheduler();
    final FakeClientTransport transport = new FakeClientTransport(DIRECT, ToyPacker.TEXT);
    final List<Event> received = new ArrayList<>();
    final List<Event> answered = new ArrayList<>();
    final Map<Long, Send> sends = new HashMap<>();
    final List<FakeHttpExchange> posts = new ArrayList<>();
    final ChannelSocketClient client = ChannelSocketClient.builder(ClientFixture.URI_BASE, transport)
        .type(ClientType.AJAX).packer(ToyPacker.TEXT).scheduler(time).executor(DIRECT)
        .random(new SplittableRandom(3)).ajaxTimeout(Duration.ofSeconds(20))
        .backoff((attempt, random) -> attempt <= 1 ? Duration.ZERO : Duration.ofSeconds(1))
        .offlineSends(OfflineSendPolicy.queue(3)).pushHandler(received::add).build();
    int seenCalls;
    long nextId;
    long nextPush;

    /** Records the POSTs made since the last look and marks their sends posted. */
    void notePosts() {
      List<FakeHttpExchange> all = transport.calls();
      for (FakeHttpExchange x : all.subList(seenCalls, all.size())) {
        if (x.isPost()) {
          posts.add(x);
          sends.get((Long) x.event().event().data()).posted = true;
        }
      }
      seenCalls = all.size();
    }

    FakeHttpExchange waitingGet() {
      FakeHttpExchange found = null;
      int waiting = 0;
      for (FakeHttpExchange x : transport.calls()) {
        if (x.isGet() && x.waiting()) {
          found = x;
          waiting++;
        }
      }
      assertThat(waiting).as("GETs waiting at once").isLessThanOrEqualTo(1);
      return found;
    }

    List<FakeHttpExchange> waitingPosts() {
      List<FakeHttpExchange> out = new ArrayList<>();
      for (FakeHttpExchange x : posts) {
        if (x.waiting()) {
          out.add(x);
        }
      }
      return out;
    }
  }

  private static void run(List<Integer> ops) {
    Run r = new Run();
    r.client.connect();
    for (int x : ops) {
      step(r, x % OPS, x / OPS);
      r.notePosts();
      check(r);
    }
    r.client.disconnect();
    r.notePosts();
    check(r);
    assertThat(r.client.pendingReplies()).isZero();
    for (Send s : r.sends.values()) {
      assertThat(s.completions.get()).as("completions of a send").isEqualTo(1);
    }
    assertThat(r.waitingGet()).isNull();
    assertThat(r.waitingPosts()).isEmpty();
    r.client.close();
  }

  private static void step(Run r, int op, int arg) {
    switch (op) {
      case 0: {
        long id = r.nextId++;
        r.sends.put(id, new Send(r.client.send(Event.of("app/n", id)), false));
        break;
      }
      case 1: {
        long id = r.nextId++;
        Duration timeout = Duration.ofMillis(1000L * (1 + arg % 10));
        r.sends.put(id, new Send(r.client.send(Event.of("app/q", id), timeout), true));
        break;
      }
      case 2: {
        FakeHttpExchange get = r.waitingGet();
        if (get == null) {
          break;
        }
        if (get.isHandshake()) {
          get.answer(new Frame.Handshake("u", null));
        } else if (arg % 3 == 0) {
          get.answer(new Frame.Timeout());
        } else {
          List<Event> batch = new ArrayList<>();
          for (int i = 0; i <= arg % 3; i++) {
            batch.add(Event.of("app/push", r.nextPush++));
          }
          r.answered.addAll(batch);
          get.answer(new Frame.Push(batch));
        }
        break;
      }
      case 3:
        failGet(r, arg);
        break;
      case 4:
        answerPost(r, arg);
        break;
      case 5:
        r.time.advance(Duration.ofMillis(arg % 7000));
        break;
      default:
        if (arg % 3 == 0) {
          r.client.connect();
        } else if (arg % 3 == 1) {
          r.client.reconnect();
        } else {
          r.client.disconnect();
        }
    }
  }

  private static void failGet(Run r, int arg) {
    FakeHttpExchange get = r.waitingGet();
    if (get == null) {
      return;
    }
    List<Send> live = new ArrayList<>();
    for (Send s : r.sends.values()) {
      if (s.posted && !s.future.isDone()) {
        live.add(s);
      }
    }
    int kind = arg % 4;
    if (kind == 0) {
      get.fail(new java.io.IOException("reset"));
    } else {
      get.status(kind == 1 ? 503 : kind == 2 ? 401 : 403, "no");
    }
    for (Send s : live) {
      assertThat(outcome(s.future)).as("a POST in flight when its connection was lost").isEqualTo("closed");
    }
  }

  private static void answerPost(Run r, int arg) {
    List<FakeHttpExchange> waiting = r.waitingPosts();
    if (waiting.isEmpty()) {
      return;
    }
    FakeHttpExchange post = waiting.get(arg % waiting.size());
    Send s = r.sends.get((Long) post.event().event().data());
    boolean wasDone = s.future.isDone();
    String expected;
    switch ((arg / 7) % 5) {
      case 0:
        s.answeredValue = "v" + arg;
        post.answer(new Frame.AjaxReply(s.answeredValue));
        expected = s.wantsReply ? "value v" + arg : "value null";
        break;
      case 1:
        post.answer(new Frame.AjaxAck());
        expected = s.wantsReply ? "error" : "value null";
        break;
      case 2:
        post.answer(new Frame.Timeout());
        expected = s.wantsReply ? "timeout" : "value null";
        break;
      case 3:
        post.status(500, "oops");
        expected = "error";
        break;
      default:
        post.fail(new java.io.IOException("reset"));
        expected = "error";
    }
    if (!wasDone) {
      assertThat(outcome(s.future)).as("the POST's answer ends its send").isEqualTo(expected);
    }
  }

  private static void check(Run r) {
    assertThat(r.received).as("pushes received").isEqualTo(r.answered);
    r.waitingGet();
    int waiting = 0;
    for (Send s : r.sends.values()) {
      assertThat(s.completions.get()).isLessThanOrEqualTo(1);
      if (s.wantsReply && !s.future.isDone()) {
        waiting++;
      }
      if (s.wantsReply && s.future.isDone() && outcome(s.future).startsWith("value ")) {
        assertThat(outcome(s.future)).isEqualTo("value " + s.answeredValue);
      }
    }
    assertThat(r.client.pendingReplies()).isEqualTo(waiting);
  }

  private static String outcome(CompletableFuture<?> f) {
    assertThat(f).isDone();
    try {
      return "value " + f.join();
    } catch (CompletionException e) {
      Throwable t = e.getCause();
      if (t instanceof ReplyTimeoutException) {
        return "timeout";
      }
      if (t instanceof ReplyClosedException) {
        return "closed";
      }
      if (t instanceof ReplyErrorException) {
        return "error";
      }
      return t.toString();
    }
  }
}
