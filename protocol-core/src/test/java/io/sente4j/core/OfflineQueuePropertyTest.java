package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of plain sends and requests made open, connecting, not yet connected and disconnected (where they
 * fail at once) under a bounded offline queue, with replies, time passing, cuts, handshakes, disconnects, connects,
 * reconnects and cancels, against a model of each send's outcome and of what reaches the server, in which order.
 * Ends with close(): every send has then ended exactly once, and nothing waits. Everything runs on the test thread
 * (direct executors, virtual time), so the model is exact.
 */
class OfflineQueuePropertyTest {
  private static final Executor DIRECT = Runnable::run;
  private static final int MAX_HELD = 3;
  private static final int OPS = 9;

  private enum Mode { DISCONNECTED, CONNECTING, OPEN }

  @Test
  void everySendEndsExactlyOnceAndHeldSendsReachTheServerInOrder() {
    Qt.seeded(0x0ff1L)
        .forAll(lists().of(integers().between(0, OPS * 10_000)).ofSizeBetween(1, 80))
        .checkAssert(OfflineQueuePropertyTest::run);
  }

  /** One send: a plain one ({@code deadline < 0}) or a request. */
  private static final class Send {
    final long id;
    final CompletableFuture<?> future;
    final long deadline;
    final AtomicInteger completions = new AtomicInteger();
    String cb;
    boolean onWire;
    String expected;

    Send(long id, CompletableFuture<?> future, long deadline) {
      this.id = id;
      this.future = future;
      this.deadline = deadline;
      future.whenComplete((v, e) -> completions.incrementAndGet());
    }

    boolean request() {
      return deadline >= 0;
    }
  }

  private static final class Model {
    final VirtualScheduler time = new VirtualScheduler();
    final FakeClientTransport transport = new FakeClientTransport(DIRECT, ToyPacker.TEXT);
    final ChannelSocketClient client = ChannelSocketClient.builder(ClientFixture.URI_BASE, transport)
        .type(ClientType.WEBSOCKET).packer(ToyPacker.TEXT).scheduler(time).executor(DIRECT)
        .random(new SplittableRandom(1)).pingInterval(Duration.ZERO).backoffResetAfter(Duration.ZERO)
        .handshakeTimeout(Duration.ofDays(1000)).offlineSends(OfflineSendPolicy.queue(MAX_HELD)).build();
    final List<Send> sends = new ArrayList<>();
    final List<Send> held = new ArrayList<>();
    Mode mode = Mode.DISCONNECTED;
    /** Disconnected by the application, not yet connected again: sends fail at once. */
    boolean stopped;
    FakeConnection conn;
    long now;
    long nextId;

    void send(boolean request, int arg) {
      long id = nextId++;
      Event event = Event.of("app/n", id);
      long timeout = 1000L * (1 + arg % 10);
      Send s = request ? new Send(id, client.send(event, Duration.ofMillis(timeout)), now + timeout)
          : new Send(id, client.send(event), -1);
      sends.add(s);
      if (mode == Mode.OPEN) {
        wire(s);
        return;
      }
      if (stopped) {
        s.expected = "closed";
        return;
      }
      if (held.size() >= MAX_HELD) {
        held.removeIf(h -> h.expected != null);
      }
      if (held.size() >= MAX_HELD) {
        s.expected = "closed";
      } else {
        held.add(s);
      }
    }

    /** {@code s} goes out on the open connection now: the next frame the server reads. */
    void wire(Send s) {
      Frame.ClientEvent frame = (Frame.ClientEvent) conn.poll();
      assertThat(frame).as("the frame of send " + s.id).isNotNull();
      assertThat(frame.event().data()).as("the frame's event").isEqualTo(s.id);
      assertThat(frame.callbackId() != null).isEqualTo(s.request());
      s.cb = frame.callbackId();
      s.onWire = true;
      if (!s.request()) {
        s.expected = "sent";
      }
    }

    void reply(int arg) {
      List<Send> requests = sends.stream().filter(s -> s.cb != null).toList();
      if (requests.isEmpty() || arg % 7 == 0) {
        conn.reply((long) arg, "unknown-" + arg);
        return;
      }
      Send s = requests.get(arg % requests.size());
      conn.reply((long) arg, s.cb);
      if (s.expected == null) {
        s.expected = "value " + arg;
      }
    }

    void advance(int arg) {
      long by = arg % 6000;
      now += by;
      time.advance(Duration.ofMillis(by));
      for (Send s : sends) {
        if (s.expected == null && s.request() && s.deadline <= now) {
          s.expected = "timeout";
        }
      }
    }

    void cut() {
      conn.cut();
      endOnWire();
      conn = transport.pollOpen(); // attempt 1, at once
      assertThat(conn).as("a reconnect at once").isNotNull();
      mode = Mode.CONNECTING;
    }

    void handshake() {
      conn.handshake("u", null);
      mode = Mode.OPEN;
      for (Send s : held) {
        if (s.expected == null) {
          wire(s);
        }
      }
      held.clear();
    }

    void disconnect() {
      client.disconnect();
      for (Send s : sends) {
        if (s.expected == null) {
          s.expected = "closed";
        }
      }
      held.clear();
      conn = null;
      mode = Mode.DISCONNECTED;
      stopped = true;
    }

    void connectOrReconnect(int arg) {
      if (arg % 2 == 0) {
        if (mode != Mode.DISCONNECTED) {
          return;
        }
        client.connect();
      } else {
        client.reconnect();
        endOnWire();
      }
      conn = transport.pollOpen();
      assertThat(conn).as("a connection attempt").isNotNull();
      mode = Mode.CONNECTING;
      stopped = false;
    }

    void cancel(int arg) {
      List<Send> requests = sends.stream().filter(Send::request).toList();
      if (!requests.isEmpty()) {
        Send s = requests.get(arg % requests.size());
        s.future.cancel(false);
        if (s.expected == null) {
          s.expected = "cancelled";
        }
      }
    }

    /** A connection closed: the requests sent on it end as closed; held ones wait on. */
    private void endOnWire() {
      for (Send s : sends) {
        if (s.expected == null && s.onWire) {
          s.expected = "closed";
        }
      }
    }

    void check() {
      int waiting = 0;
      for (Send s : sends) {
        if (s.expected == null) {
          assertThat(s.future).as("send " + s.id).isNotDone();
          if (s.request()) {
            waiting++;
          }
        } else {
          assertThat(outcome(s.future)).as("send " + s.id).isEqualTo(s.expected);
        }
      }
      assertThat(client.pendingReplies()).as("requests waiting").isEqualTo(waiting);
      if (conn != null) {
        assertThat(conn.poll()).as("a frame the model did not expect").isNull();
      }
    }
  }

  private static void run(List<Integer> ops) {
    Model m = new Model();
    for (int x : ops) {
      int arg = x / OPS;
      switch (x % OPS) {
        case 0 -> m.send(false, arg);
        case 1 -> m.send(true, arg);
        case 2 -> {
          if (m.mode == Mode.OPEN) {
            m.reply(arg);
          }
        }
        case 3 -> m.advance(arg);
        case 4 -> {
          if (m.mode == Mode.OPEN) {
            m.cut();
          }
        }
        case 5 -> {
          if (m.mode == Mode.CONNECTING) {
            m.handshake();
          }
        }
        case 6 -> m.disconnect();
        case 7 -> m.connectOrReconnect(arg);
        default -> m.cancel(arg);
      }
      m.check();
    }
    m.client.close();
    for (Iterator<Send> it = m.sends.iterator(); it.hasNext(); ) {
      Send s = it.next();
      if (s.expected == null) {
        s.expected = "closed";
      }
    }
    m.conn = null;
    m.check();
    assertThat(m.client.pendingReplies()).isZero();
    for (Send s : m.sends) {
      assertThat(s.completions.get()).as("completions of send " + s.id).isEqualTo(1);
    }
  }

  private static String outcome(CompletableFuture<?> f) {
    assertThat(f).isDone();
    if (f.isCancelled()) {
      return "cancelled";
    }
    try {
      Object v = f.join();
      return v == null ? "sent" : "value " + v;
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
