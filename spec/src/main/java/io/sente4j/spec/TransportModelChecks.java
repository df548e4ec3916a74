package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.Chsk;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.ServerRouter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The model-based part of {@link TransportConformanceKit}: random sequences of connects, closes, cuts, pushes,
 * requests and clock advances run against a server and clients on the transport, and after every step the observed
 * state must equal a simple model's: who is connected (with the disconnect grace), how often each user's presence
 * opened and closed, which pushes each client has received and in what order, and every reply.
 */
abstract class TransportModelChecks {
  private static final Keyword ECHO = Keyword.of("model", "echo");
  private static final Keyword SEQ = Keyword.of("model", "seq");
  private static final Duration WINDOW = Duration.ofMillis(30);
  private static final Duration GRACE = Duration.ofMillis(2500);
  private static final long[] ADVANCES_MS = {10, 29, 30, 500, 1500, 2499, 2500, 4000};
  private static final int USERS = 3;
  private static final int TABS_PER_USER = 2;

  /** The harness of the running test; {@link TransportConformanceKit} makes one per test. */
  KitHarness h;

  /** The transport under test: a fresh fixture for each test. */
  protected abstract TransportFixture createFixture();

  /** The packer the server and the clients use. */
  protected abstract Packer packer();

  /** How many random sequences {@link #randomSequencesMatchTheModel()} runs; raise it for a long local run. */
  protected int modelExamples() {
    return 25;
  }

  @Test
  @Timeout(600)
  void randomSequencesMatchTheModel() {
    Theories.qt(modelExamples())
        .forAll(lists().of(integers().between(0, 699)).ofSizeBetween(1, 30))
        .checkAssert(this::runSequence);
  }

  private void runSequence(List<Integer> steps) {
    try (KitHarness world = new KitHarness(createFixture(), packer(), Theories.seed())) {
      new Run(world).play(steps);
    }
  }

  /** One sequence: the real world and the model side by side. */
  private static final class Run {
    final KitHarness w;
    final List<Tab> tabs = new ArrayList<>();
    final Map<String, List<Long>> buffered = new HashMap<>();
    final Map<String, Long> flushAt = new HashMap<>();
    final Map<String, Long> graceEnds = new HashMap<>();
    final Map<String, Integer> opens = new HashMap<>();
    final Map<String, Integer> closes = new HashMap<>();
    final Set<String> any = new HashSet<>();
    long now;
    long seq;

    Run(KitHarness w) {
      this.w = w;
      w.start(w.serverBuilder(ServerRouter.builder().onRequest(ECHO, EventMessage::data).build())
          .sendBufferWindow(WINDOW).disconnectGrace(GRACE).pingInterval(Duration.ofHours(1)));
    }

    void play(List<Integer> steps) {
      for (int step : steps) {
        int op = step / 100;
        int arg = step % 100;
        String uid = "u" + (arg % USERS);
        switch (op) {
          case 0 -> connect(uid);
          case 1 -> tab(arg).ifPresent(this::close);
          case 2 -> tab(arg).ifPresent(this::cut);
          case 3 -> push(uid, false);
          case 4 -> push(uid, true);
          case 5 -> tab(arg).ifPresent(this::echo);
          default -> advance(ADVANCES_MS[arg % ADVANCES_MS.length]);
        }
        check();
      }
    }

    java.util.Optional<Tab> tab(int arg) {
      return tabs.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(tabs.get(arg % tabs.size()));
    }

    void connect(String uid) {
      if (tabs.stream().filter(t -> t.uid.equals(uid)).count() >= TABS_PER_USER) {
        return;
      }
      Tab t = new Tab(uid);
      // A cut reconnects at once, however soon after the last one: the model is about presence and delivery, not
      // backoff.
      t.client = w.connected(uid, t.received::add,
          b -> b.pingInterval(Duration.ofHours(1)).backoffResetAfter(Duration.ZERO));
      t.clientId = t.client.state().clientId();
      tabs.add(t);
      if (any.add(uid)) {
        opens.merge(uid, 1, Integer::sum);
      }
      graceEnds.remove(uid);
    }

    void close(Tab t) {
      t.client.disconnect();
      w.await("the server to see " + t.clientId + " close",
          () -> !w.server().clientIds(t.uid).contains(t.clientId));
      tabs.remove(t);
      if (tabs.stream().noneMatch(o -> o.uid.equals(t.uid))) {
        graceEnds.merge(t.uid, now + GRACE.toMillis(), Math::max);
      }
    }

    void cut(Tab t) {
      int before = w.transport.socketsOpened(t.clientId);
      w.fixture.cut(t.clientId);
      w.await(t.clientId + " to reconnect after a cut",
          () -> t.client.state().isOpen() && w.transport.socketsOpened(t.clientId) > before
              && w.server().clientIds(t.uid).contains(t.clientId));
    }

    void push(String uid, boolean now) {
      long n = seq++;
      Event e = Event.of(SEQ, n);
      List<Long> buffer = buffered.computeIfAbsent(uid, k -> new ArrayList<>());
      buffer.add(n);
      if (now) {
        w.server().sendNow(uid, e);
        flush(uid);
      } else {
        w.server().send(uid, e);
        flushAt.putIfAbsent(uid, this.now + WINDOW.toMillis());
      }
    }

    void flush(String uid) {
      List<Long> buffer = buffered.remove(uid);
      flushAt.remove(uid);
      if (buffer != null) {
        tabs.stream().filter(t -> t.uid.equals(uid)).forEach(t -> t.expected.addAll(buffer));
      }
    }

    void echo(Tab t) {
      Object value = List.of(t.clientId, seq++);
      try {
        Object reply = t.client.send(Event.of(ECHO, value), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(reply).isEqualTo(value);
      } catch (Exception e) {
        throw new AssertionError("echo from " + t.clientId + " failed", e);
      }
    }

    void advance(long ms) {
      w.advance(Duration.ofMillis(ms));
      now += ms;
      for (String uid : new ArrayList<>(flushAt.keySet())) {
        if (flushAt.get(uid) <= now) {
          flush(uid);
        }
      }
      for (String uid : new ArrayList<>(graceEnds.keySet())) {
        if (graceEnds.get(uid) <= now) {
          graceEnds.remove(uid);
          if (any.remove(uid)) {
            closes.merge(uid, 1, Integer::sum);
          }
        }
      }
    }

    void check() {
      w.await("presence " + any + ", opens " + opens + ", closes " + closes, () ->
          w.server().connectedUids().any().equals(any)
              && counts(Chsk.UIDPORT_OPEN).equals(opens) && counts(Chsk.UIDPORT_CLOSE).equals(closes));
      for (Tab t : tabs) {
        w.await(t.clientId + " to have received " + t.expected,
            () -> t.received.stream().map(Event::data).toList().equals(t.expected));
      }
    }

    Map<String, Integer> counts(Keyword kind) {
      Map<String, Integer> m = new HashMap<>();
      for (EventMessage e : w.presenceEvents) {
        if (e.id().equals(kind)) {
          m.merge(String.valueOf(e.uid()), 1, Integer::sum);
        }
      }
      return m;
    }
  }

  /** A client in the model: its uid, and the pushes it must have received, in order. */
  private static final class Tab {
    final String uid;
    final List<Event> received = new CopyOnWriteArrayList<>();
    final List<Long> expected = new ArrayList<>();
    ChannelSocketClient client;
    String clientId;

    Tab(String uid) {
      this.uid = uid;
    }
  }
}
