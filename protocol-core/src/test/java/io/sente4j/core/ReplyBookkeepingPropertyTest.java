package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of requests, server replies (to a waiting request, a finished one, or an unknown callback id),
 * time passing, connection cuts and cancels, against a model of what each request's outcome must be. Everything
 * runs on the test thread (direct executors, virtual time), so the model is exact.
 */
class ReplyBookkeepingPropertyTest {
  private static final Executor DIRECT = Runnable::run;
  private static final int SEND = 0;
  private static final int REPLY = 1;
  private static final int ADVANCE = 2;
  private static final int CUT = 3;
  private static final int CANCEL = 4;

  @Test
  void everyRequestEndsExactlyOnceWithTheModelsOutcome() {
    Qt.seeded(0x4e91L)
        .forAll(lists().of(integers().between(0, 5 * 10_000)).ofSizeBetween(1, 60))
        .checkAssert(ReplyBookkeepingPropertyTest::run);
  }

  private static final class Request {
    final CompletableFuture<Object> future;
    final String cb;
    final long deadline;
    final AtomicInteger completions = new AtomicInteger();
    String expected;

    Request(CompletableFuture<Object> future, String cb, long deadline) {
      this.future = future;
      this.cb = cb;
      this.deadline = deadline;
      future.whenComplete((v, e) -> completions.incrementAndGet());
    }
  }

  private static void run(List<Integer> ops) {
    VirtualScheduler time = new VirtualScheduler();
    FakeClientTransport transport = new FakeClientTransport(DIRECT, ToyPacker.TEXT);
    ChannelSocketClient client = ChannelSocketClient.builder(ClientFixture.URI_BASE, transport)
        .packer(ToyPacker.TEXT).scheduler(time).executor(DIRECT).random(new SplittableRandom(1))
        .pingInterval(Duration.ZERO).backoffResetAfter(Duration.ZERO).build(); // a cut reconnects at once
    client.connect();
    FakeConnection conn = transport.pollOpen().handshake("u", null);
    List<Request> requests = new ArrayList<>();
    long now = 0;
    for (int x : ops) {
      int arg = x / 5;
      switch (x % 5) {
        case SEND: {
          long timeout = 1000L * (1 + arg % 10);
          CompletableFuture<Object> f = client.send(Event.of("app/q", (long) arg), Duration.ofMillis(timeout));
          requests.add(new Request(f, ((Frame.ClientEvent) conn.poll()).callbackId(), now + timeout));
          break;
        }
        case REPLY: {
          if (requests.isEmpty() || arg % 11 == 0) {
            conn.reply((long) arg, "unknown-" + arg);
          } else {
            Request r = requests.get(arg % requests.size());
            conn.reply((long) arg, r.cb);
            if (r.expected == null) {
              r.expected = "value " + arg;
            }
          }
          break;
        }
        case ADVANCE: {
          long by = arg % 6000;
          now += by;
          time.advance(Duration.ofMillis(by));
          for (Request r : requests) {
            if (r.expected == null && r.deadline <= now) {
              r.expected = "timeout";
            }
          }
          break;
        }
        case CUT: {
          conn.cut();
          for (Request r : requests) {
            if (r.expected == null) {
              r.expected = "closed";
            }
          }
          assertThat(client.pendingReplies()).as("pending after a close").isZero();
          conn = transport.pollOpen().handshake("u", null);
          break;
        }
        default: {
          if (!requests.isEmpty()) {
            Request r = requests.get(arg % requests.size());
            r.future.cancel(false);
            if (r.expected == null) {
              r.expected = "cancelled";
            }
          }
        }
      }
      check(requests, client);
    }
    client.disconnect();
    for (Request r : requests) {
      if (r.expected == null) {
        r.expected = "closed";
      }
    }
    check(requests, client);
    assertThat(client.pendingReplies()).isZero();
    for (Request r : requests) {
      assertThat(r.completions.get()).as("completions of " + r.cb).isEqualTo(1);
    }
    client.close();
  }

  private static void check(List<Request> requests, ChannelSocketClient client) {
    int waiting = 0;
    for (Request r : requests) {
      if (r.expected == null) {
        waiting++;
        assertThat(r.future).as("request " + r.cb).isNotDone();
      } else {
        assertThat(outcome(r.future)).as("request " + r.cb).isEqualTo(r.expected);
      }
    }
    assertThat(client.pendingReplies()).isEqualTo(waiting);
  }

  private static String outcome(CompletableFuture<Object> f) {
    assertThat(f).isDone();
    if (f.isCancelled()) {
      return "cancelled";
    }
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
      return t.toString();
    }
  }
}
