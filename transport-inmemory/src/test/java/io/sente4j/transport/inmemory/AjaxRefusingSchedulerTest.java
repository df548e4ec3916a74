package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.AjaxRefusedException;
import io.sente4j.core.Backoff;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientState.Status;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Scheduler;
import io.sente4j.core.ServerError;
import io.sente4j.core.VirtualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A sente4j Ajax client against a server whose {@link Scheduler} refuses its timers for good (an application's
 * scheduler, shut down while the server runs), over the in-memory network: the client's GETs are bounded by its
 * backoff, not a loop of polls answered at once. Both ends run on virtual clocks; the client's moves only when the
 * test advances it, so every GET the server sees is one the backoff allowed.
 */
class AjaxRefusingSchedulerTest {
  private static final URI CHSK = URI.create("http://refusing.test/chsk");
  private static final Duration LONG_POLL = Duration.ofSeconds(20);
  /** Attempt n after 10 s × n: Sente's client, too, waits before its first retry. */
  private static final Backoff WAITS_FIRST = (attempt, random) -> Duration.ofSeconds(10L * attempt);
  /** The protocol's rule: attempt 1 at once, attempt n ≥ 2 after 10 s × n. */
  private static final Backoff FIRST_AT_ONCE =
      (attempt, random) -> attempt <= 1 ? Duration.ZERO : Duration.ofSeconds(10L * attempt);

  private final Packer edn = PackerRegistry.load().get("edn");
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final VirtualScheduler serverTime = new VirtualScheduler();
  private final VirtualScheduler clientTime = new VirtualScheduler();
  private volatile Predicate<Duration> refused = delay -> false;
  private final AtomicInteger longPollsTimed = new AtomicInteger();
  private final List<ServerError> reports = new CopyOnWriteArrayList<>();
  private final ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
      .userId((request, clientId) -> "alice")
      .longPollTimeout(LONG_POLL)
      .scheduler(new Scheduler() {
        @Override
        public long nanoTime() {
          return serverTime.nanoTime();
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
          if (refused.test(delay)) {
            throw new RejectedExecutionException("the scheduler was shut down (expected in this test)");
          }
          if (delay.equals(LONG_POLL)) {
            longPollsTimed.incrementAndGet();
          }
          return serverTime.schedule(delay, task);
        }
      })
      .errorListener(reports::add)
      .build();
  private final AtomicInteger gets = new AtomicInteger();
  private final List<ClientState> states = new CopyOnWriteArrayList<>();
  private final List<Throwable> clientErrors = new CopyOnWriteArrayList<>();
  private ChannelSocketClient client;

  AjaxRefusingSchedulerTest() {
    net.bind(CHSK, request -> {
      if (request.method().equals("GET")) {
        gets.incrementAndGet();
      }
      return server.handle(request);
    });
  }

  @AfterEach
  void close() {
    refused = delay -> false;
    if (client != null) {
      client.close();
    }
    server.stop();
    net.close();
  }

  private void start(Backoff backoff) {
    client = ChannelSocketClient.builder(CHSK, net.clientTransport()).type(ClientType.AJAX).packer(edn)
        .clientId("c1").scheduler(clientTime).backoff(backoff)
        .stateListener(states::add).errorListener(clientErrors::add).build();
  }

  /** Waits for the {@code n}-th state published (counting from 1) to be a close, and returns it. */
  private ClientState awaitClose(int n) {
    Await.until(() -> states.stream().filter(s -> s.status() == Status.CLOSED).count() >= n,
        "close number " + n + " of the client; states so far: " + states);
    return states.stream().filter(s -> s.status() == Status.CLOSED).skip(n - 1).findFirst().orElseThrow();
  }

  private long refusals() {
    return reports.stream().filter(e -> e.kind() == ServerError.Kind.SCHEDULER_REFUSED).count();
  }

  @Test
  void aLongPollTimerRefusedForGoodEndsEachPollAndTheClientPollsOncePerBackoff() {
    // Regression: the refused poll was answered :chsk/timeout at once and the client polled again at once, a hot loop
    // (one report per poll) that no backoff slowed down, since the connection never ended.
    refused = LONG_POLL::equals;
    start(WAITS_FIRST);
    Await.result(client.connect());
    ClientState closed = awaitClose(1);
    assertThat(closed.lastClose().orElseThrow().text()).contains("503").contains("the long-poll could not be timed");
    assertThat(gets.get()).as("the handshake and the one poll").isEqualTo(2);
    for (int step = 1; step <= 3; step++) {
      // Attempt `step`'s backoff: each connection is lost right after its handshake, so the count goes on (§7.6).
      clientTime.advance(Duration.ofSeconds(10L * step));
      awaitClose(1 + step);
      assertThat(gets.get()).as("a handshake and a poll per backoff step").isEqualTo(2 + 2 * step);
    }
    Await.until(() -> refusals() >= 4 && clientErrors.size() >= 4, "the reports of the four polls refused");
    assertThat(refusals()).as("one report per poll refused").isEqualTo(4);
    assertThat(clientErrors).hasSize(4).allSatisfy(e -> assertThat(e).isInstanceOf(AjaxRefusedException.class));
  }

  @Test
  void aSchedulerDeadForGoodIsAskedOncePerBackoffStepWhateverTheBackoffOfTheFirstAttempt() {
    // Regression: with every timer refused, a client's disconnect grace was refused as its poll ended, so it was
    // forgotten at once; its next poll was answered at once with a new handshake, whose grace was refused in turn:
    // a hot loop of polls answered at once, each reported.
    start(FIRST_AT_ONCE);
    Await.result(client.connect());
    Await.until(() -> longPollsTimed.get() == 1, "alice's poll parked, its timeout armed");
    refused = delay -> true;
    server.sendNow("alice", Event.of("app/last", 1L)); // ends the parked poll; the next one meets the dead scheduler
    ClientState closed = awaitClose(2); // the next poll, answered as a handshake: 503; then attempt 1, at once: 503
    assertThat(closed.attempt()).isEqualTo(1);
    assertThat(closed.lastClose().orElseThrow().text()).contains("503")
        .contains("the Ajax connection could not be timed");
    assertThat(gets.get()).as("the handshake, the poll the push answered, the next poll, attempt 1").isEqualTo(4);
    for (int attempt = 2; attempt <= 4; attempt++) {
      clientTime.advance(Duration.ofSeconds(10L * attempt));
      assertThat(awaitClose(1 + attempt).attempt()).isEqualTo(attempt);
      assertThat(gets.get()).as("one GET per attempt").isEqualTo(3 + attempt);
    }
  }
}
