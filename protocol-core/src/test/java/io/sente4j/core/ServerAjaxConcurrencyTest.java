package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A guard against races no example test pins down: threads that poll, handshake, POST, push, close and move the clock
 * at once for one client. Whatever the interleaving, nothing deadlocks, every GET is answered exactly
 * once and every POST at least once (by the stop at the latest), every pushed event is delivered once or reported
 * dropped, and no Ajax client stays counted open after the stop.
 */
class ServerAjaxConcurrencyTest {
  private static final int ROUNDS = 300;
  /** One client id: each batch then goes to at most one client, and each event is delivered or dropped once. */
  private static final String CLIENT = "c1";
  private static final Pattern DROPPED = Pattern.compile("(\\d+) pushed event\\(s\\) dropped");

  @Test
  void pollsHandshakesPostsPushesClosesAndTimersOfOneUidAtOnce() throws Exception {
    try (ServerFixture f = new ServerFixture(b -> b.pingInterval(Duration.ofDays(1))
        .longPollTimeout(Duration.ofMillis(200)).ajaxReplyTimeout(Duration.ofMillis(150))
        .ajaxDisconnectGrace(Duration.ofMillis(100)).ajaxPushRetryWindow(Duration.ofMillis(120))
        .ajaxSendBufferWindow(Duration.ofMillis(20)).ajaxMaxHeldEvents(8))) {
      f.onEvent = msg -> {
        if (msg.wantsReply() && ((Long) msg.data()) % 2 == 0) {
          msg.reply(msg.data());
        }
      };
      List<FakeHeld> gets = new CopyOnWriteArrayList<>();
      List<FakeHeld> posts = new CopyOnWriteArrayList<>();
      AtomicLong pushed = new AtomicLong();
      AtomicLong next = new AtomicLong();
      Map<String, Runnable> work = new ConcurrentHashMap<>();
      work.put("poll", () -> gets.add(AjaxCalls.hold(f, AjaxCalls.getRequest("alice", CLIENT, false))));
      work.put("handshake", () -> gets.add(AjaxCalls.hold(f, AjaxCalls.getRequest("alice", CLIENT, true))));
      work.put("post", () -> {
        long n = next.getAndIncrement();
        posts.add(AjaxCalls.hold(f, AjaxCalls.postRequest("alice", CLIENT, FakeChannel.CODEC.encode(
            new Frame.AjaxEvent(ServerFixture.ev("n/post", n), true)).asText())));
      });
      work.put("push", () -> {
        long n = next.getAndIncrement();
        if (n % 5 == 0 && f.server.sendToClient("alice", CLIENT, ServerFixture.ev("n/n", n))) {
          pushed.incrementAndGet();
        } else if (n % 5 != 0) {
          pushed.incrementAndGet();
          if (n % 2 == 0) {
            f.server.sendNow("alice", ServerFixture.ev("n/n", n));
          } else {
            f.server.send("alice", ServerFixture.ev("n/n", n));
          }
        }
      });
      work.put("close", () -> {
        if (next.getAndIncrement() % 10 == 0) {
          f.server.close("alice", CloseReason.REQUESTED);
        }
      });
      work.put("clock", () -> f.time.advance(Duration.ofMillis(7)));

      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      work.forEach((name, step) -> {
        Thread t = new Thread(() -> {
          try {
            start.await();
            for (int i = 0; i < ROUNDS; i++) {
              step.run();
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        }, "ajax-race-" + name);
        threads.add(t);
        t.start();
      });
      start.countDown();
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(t.isAlive()).as("%s is not stuck (a deadlock?)", t.getName()).isFalse();
      }
      assertThat(failures).isEmpty();

      f.idle();
      f.server.stop();
      f.idle();
      for (FakeHeld get : gets) {
        assertThat(get.isAnswered()).as("every GET answered by the stop at the latest").isTrue();
        assertThat(get.lateCompletions()).as("no GET answered twice").isZero();
      }
      for (FakeHeld post : posts) { // a reply racing its timeout may try to answer too: the transport writes one
        assertThat(post.isAnswered()).as("every POST answered by the stop at the latest").isTrue();
      }
      long delivered = 0;
      for (FakeHeld get : gets) {
        if (get.status() == 200 && get.pollFrame() instanceof Frame.Push push) {
          delivered += push.events().size();
        }
      }
      long dropped = 0;
      for (ServerError e : ServerFixture.drain(f.errors)) {
        Matcher m = DROPPED.matcher(e.message());
        if (m.find()) {
          dropped += Long.parseLong(m.group(1));
        }
      }
      assertThat(delivered + dropped).as("pushes delivered (%d) or reported dropped (%d)", delivered, dropped)
          .isEqualTo(pushed.get());
      assertThat(f.server.metrics().openAjaxClients()).as("no Ajax client counted open after the stop").isZero();
    }
  }
}
