package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An application's {@link Scheduler} that throws instead of arming one of the server's WebSocket timers (its executor
 * was shut down). Nothing is thrown to the application's call, a transport's thread or the timer's; the refusal is
 * reported once ({@link ServerError.Kind#SCHEDULER_REFUSED}) and the server does at once what the timer would have
 * made it do, or what keeps the connection honest without it.
 */
class ServerSchedulerRefusalTest {
  /** The default keep-alive: a ping after 25 s idle, a close 10 s after it. */
  private static final Duration PING_INTERVAL = Duration.ofSeconds(25);
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

  private final ServerFixture f = new ServerFixture();

  @AfterEach
  void stop() {
    f.scheduler.acceptAll();
    f.close();
  }

  /** Waits for the connection to close with {@code ERROR} and checks the one report names {@code timer}. */
  private void assertClosedForRefused(FakeChannel ch, String timer) {
    ch.awaitClosed();
    assertThat(ch.closeCode()).isEqualTo(CloseReason.ERROR.code());
    assertRefusalReported(timer);
  }

  private void assertRefusalReported(String timer) {
    ServerError error = f.nextError();
    assertThat(error.kind()).isEqualTo(ServerError.Kind.SCHEDULER_REFUSED);
    assertThat(error.message()).contains("the scheduler refused").contains(timer);
    assertThat(error.cause()).isInstanceOf(RejectedExecutionException.class);
    f.idle();
    assertThat(f.errors).as("reported once").isEmpty();
  }

  @Test
  void aKeepAliveTheSchedulerRefusesAsTheConnectionOpensClosesItWithError() {
    // Regression: the refusal was thrown on the thread opening the connection, which stayed registered but never
    // open: no handshake, no keep-alive, in connectedUids until the client gave up.
    // Then the handshake went before the close, which a client takes as a connection that opened (and, before
    // backoffResetAfter, reconnected at once: a loop while the scheduler refused). Without a handshake the attempt
    // failed: it backs off.
    f.scheduler.refuse(PING_INTERVAL);
    FakeChannel ch = f.open(ServerFixture.upgrade("alice", "c1"));
    assertClosedForRefused(ch, "keep-alive");
    assertThat(ch.drain()).as("no handshake before the close").isEmpty();
    f.scheduler.acceptAll();
    f.advance(ServerFixture.GRACE);
    assertThat(f.server.connectedUids().any()).isEmpty();
    assertThat(f.connect("alice", "c2").isOpen()).as("the next connection opens as usual").isTrue();
  }

  @Test
  void aKeepAliveTheSchedulerRefusesAfterTrafficClosesTheConnectionWithError() {
    // Regression: the refusal was thrown on the timer's thread and the connection was left with no keep-alive.
    FakeChannel ch = f.connect("alice", "c1");
    f.advanceMillis(5_000);
    ch.clientSends(new Frame.ClientEvent(ev("a/b", null), null));
    f.scheduler.refuse(Duration.ofSeconds(5)); // the idle window's rest, armed when the first window runs out
    f.advanceMillis(20_000);
    assertClosedForRefused(ch, "keep-alive");
  }

  @Test
  void aPingTimeoutTheSchedulerRefusesClosesTheConnectionWithError() {
    // Regression: the ping went, its timeout was never armed, and a dead connection was pinged forever.
    FakeChannel ch = f.connect("alice", "c1");
    f.scheduler.refuse(PING_TIMEOUT);
    f.advance(PING_INTERVAL);
    assertThat(ch.drain()).startsWith(new Frame.ServerPing());
    assertClosedForRefused(ch, "keep-alive");
  }

  @Test
  void aDisconnectGraceTheSchedulerRefusesEndsThePresenceAtOnce() {
    // Regression: the refusal was thrown out of the transport's close callback, and the uid stayed connected for good.
    FakeChannel ch = f.connect("alice", "c1");
    assertThat(f.presenceEvents.poll()).isNotNull(); // uidport-open
    f.scheduler.refuse(ServerFixture.GRACE);
    ch.clientCloses(1000);
    assertRefusalReported("disconnect grace");
    assertThat(f.server.connectedUids().any()).isEmpty();
    assertThat(ServerFixture.poll(f.presenceEvents, "uidport-close").event().id()).isEqualTo(Chsk.UIDPORT_CLOSE);
  }

  @Test
  void aPushWindowTheSchedulerRefusesSendsThePushAtOnce() {
    // Regression: the refusal was thrown out of server.send(...), and the event stayed buffered with no timer to
    // flush it, so it went out only with a later flush.
    FakeChannel ch = f.connect("alice", "c1");
    f.scheduler.refuse(ServerFixture.WINDOW);
    f.server.send("alice", ev("a/b", 1L));
    assertThat(ch.next()).isEqualTo(Frame.Push.of(ev("a/b", 1L)));
    assertRefusalReported("push window");
    f.scheduler.acceptAll();
    f.server.send("alice", ev("a/b", 2L));
    f.advance(ServerFixture.WINDOW);
    assertThat(ch.next()).as("the next window is timed as usual").isEqualTo(Frame.Push.of(ev("a/b", 2L)));
  }
}
