package io.sente4j.core;

import static io.sente4j.core.ServerFixture.ev;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handshake that loses the race to {@code stop()}: it passed the request checks before the stop began, and its work
 * reaches the handler while the stop drains (before it closes the connections). It is refused as a request after the
 * stop is, never answered a handshake that the stop then ends.
 */
class ServerStopRaceTest {
  /** Holds the stop in its drain: a handler of another connection waits on it. */
  private final CountDownLatch holdDrain = new CountDownLatch(1);
  /** Holds the user-id function of the WebSocket client {@code racer} until the stop has begun. */
  private final CountDownLatch racerIdentified = new CountDownLatch(1);
  private final ServerFixture f = new ServerFixture(b -> b.stopTimeout(Duration.ofMinutes(1))
      .userId((request, clientId) -> {
        if (clientId.equals("racer")) {
          ServerFixture.awaitRelease(racerIdentified);
        }
        return request.queryParam("uid").orElse(null);
      }));

  @AfterEach
  void stop() {
    holdDrain.countDown();
    racerIdentified.countDown();
    f.close();
  }

  /**
   * Starts {@code stop()} on a thread of its own and returns once it has begun, and waits in its drain for a handler
   * that waits on {@link #holdDrain}. Known to have begun by its first step, the flush of every push buffer: a push to
   * a uid without connections is reported dropped then.
   */
  private Thread stopBeganAndDraining() {
    FakeChannel bob = f.open(ServerFixture.upgrade("bob", "b1"));
    assertThat(bob.next()).isInstanceOf(Frame.Handshake.class);
    // Queued on bob's queue behind its opening, which closes bob if a stop began meanwhile: it is over now.
    assertThat(ServerFixture.poll(f.presenceEvents, "bob's uidport-open").event())
        .isEqualTo(Event.of(Chsk.UIDPORT_OPEN, "bob"));
    f.onEvent = msg -> ServerFixture.awaitRelease(holdDrain);
    bob.clientSends(new Frame.ClientEvent(ev("chat/slow", null), null));
    f.server.send("nobody", ev("chat/lost", null));
    ServerFixture.drain(f.errors);
    Thread stopper = new Thread(f.server::stop, "stopper");
    stopper.start();
    ServerError flushed = f.nextError();
    assertThat(flushed.kind()).isEqualTo(ServerError.Kind.SEND_FAILED);
    assertThat(flushed.uid()).isEqualTo("nobody");
    return stopper;
  }

  @Test
  void anAjaxHandshakeWhoseWorkRunsAfterTheStopBeganIsAnswered503() throws InterruptedException {
    // Regression: answered 200 with a handshake, after which the stop closed the new client and the client's first
    // poll was answered 503.
    ServerAnswer answer = f.server.handle(AjaxCalls.getRequest("alice", "c1", true));
    Thread stopper = stopBeganAndDraining();
    FakeHeld handshake = new FakeHeld(f.time);
    ((ServerAnswer.Hold) answer).onHeld().accept(handshake);
    handshake.awaitAnswered();
    assertThat(handshake.status()).isEqualTo(503);
    assertThat(handshake.body().asText()).isEqualTo(AjaxPath.STOPPED);
    assertThat(f.server.metrics().openAjaxClients()).as("never counted open").isZero();
    assertThat(f.server.clientIds("alice")).as("forgotten at once").isEmpty();
    holdDrain.countDown();
    ServerFixture.awaitStopped(stopper);
  }

  @Test
  void aNewHandshakeOfAnAjaxClientAfterTheStopBeganIsAnswered503AndTheClientClosed() throws InterruptedException {
    AjaxCalls.handshake(f, "alice", "c1");
    ServerAnswer again = f.server.handle(AjaxCalls.getRequest("alice", "c1", true));
    Thread stopper = stopBeganAndDraining();
    FakeHeld handshake = new FakeHeld(f.time);
    ((ServerAnswer.Hold) again).onHeld().accept(handshake);
    handshake.awaitAnswered();
    assertThat(handshake.status()).isEqualTo(503);
    assertThat(handshake.body().asText()).isEqualTo(AjaxPath.STOPPED);
    assertThat(f.server.metrics().openAjaxClients()).isZero();
    holdDrain.countDown();
    ServerFixture.awaitStopped(stopper);
  }

  @Test
  void aWebSocketWhoseHandshakeWorkRunsAfterTheStopBeganIsClosedWithoutAHandshake() throws InterruptedException {
    // Regression: the handshake was sent, then the connection closed with server-stop at once: the client saw a
    // connection open, and counted no failed attempt.
    FakeChannel racer = f.open(ServerFixture.upgrade("alice", "racer"));
    Thread stopper = stopBeganAndDraining();
    racerIdentified.countDown();
    racer.awaitClosed();
    assertThat(racer.closeCode()).isEqualTo(CloseReason.SERVER_STOP.code());
    assertThat(racer.drain()).as("no handshake before the close").isEmpty();
    assertThat(f.server.metrics().openWebSockets()).as("bob's only").isOne();
    holdDrain.countDown();
    ServerFixture.awaitStopped(stopper);
  }
}
