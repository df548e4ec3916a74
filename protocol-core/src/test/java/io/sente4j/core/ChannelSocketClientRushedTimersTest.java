package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's timers (handshake timeout, reconnect delay, reply timeout) when they fire before {@code schedule} has
 * returned: each still does its work once, and the client goes on.
 */
class ChannelSocketClientRushedTimersTest {
  private static final Duration HANDSHAKE = Duration.ofSeconds(4);
  private static final Duration RECONNECT = Duration.ofSeconds(3);
  private static final Duration REPLY = Duration.ofSeconds(2);

  private final ClientFixture f = new ClientFixture();

  @AfterEach
  void tearDown() {
    f.close();
  }

  private RushingScheduler start(RushingScheduler.Mode mode) {
    RushingScheduler rushing = new RushingScheduler(f.time, mode);
    f.start(f.builder(ToyPacker.TEXT).scheduler(rushing).backoff((attempt, random) -> RECONNECT)
        .pingInterval(Duration.ZERO).handshakeTimeout(HANDSHAKE));
    return rushing;
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aHandshakeTimeoutThatFiresAsItIsArmedAbandonsTheAttemptAndTheClientReconnects(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = start(mode);
    rushing.rush(1, HANDSHAKE::equals);

    CompletableFuture<ClientState> connected = f.client.connect();
    f.settle(); // the attempt starts on the executor
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    ClientState closed = f.awaitState(s -> s.status() == Status.CLOSED);
    assertThat(closed.lastClose()).contains(CloseInfo.byClient(CloseReason.TIMEOUT));
    f.settle();
    FakeConnection silent = f.transport.pollOpen(); // opened only if the timer waited for the attempt's lock
    if (silent != null) {
      assertThat(silent.awaitClientClose()).as("the attempt abandoned").isEqualTo(CloseReason.TIMEOUT.code());
    }
    f.time.advance(RECONNECT);
    FakeConnection retry = f.transport.nextOpen();
    retry.handshake("alice", null);
    assertThat(ClientFixture.join(connected).isOpen()).isTrue();
    assertThat(rushing.failures()).isEmpty();
    assertThat(f.errors).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aReconnectDelayThatEndsAsItStartsStartsTheAttemptOnce(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = start(mode);
    FakeConnection first = f.connectOpen("alice");
    rushing.rush(1, RECONNECT::equals);

    first.serverClose(CloseReason.SERVER_STOP);
    FakeConnection second = f.transport.nextOpen();
    rushing.awaitRushed();
    second.handshake("alice", null);

    assertThat(f.awaitState(ClientState::isOpen).isOpen()).isTrue();
    assertThat(rushing.rushed()).isEqualTo(1);
    f.time.advance(RECONNECT.multipliedBy(3));
    f.settle();
    assertThat(f.transport.opens()).as("the first connection and the one attempt").isEqualTo(2);
    assertThat(f.client.state().status()).isEqualTo(Status.OPEN);
    assertThat(rushing.failures()).isEmpty();
    assertThat(f.errors).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aReplyTimeoutThatFiresAsItIsArmedFailsTheRequestAndTheNextOneStillTimesOut(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = start(mode);
    f.connectOpen("alice");
    rushing.rush(1, REPLY::equals);

    CompletableFuture<Object> first = f.client.send(Event.of("app/ask", 1L), REPLY);
    rushing.awaitRushed();

    assertThat(ClientFixture.failure(first)).isInstanceOf(ReplyTimeoutException.class);
    CompletableFuture<Object> second = f.client.send(Event.of("app/ask", 2L), REPLY);
    f.time.advance(REPLY);
    assertThat(ClientFixture.failure(second)).isInstanceOf(ReplyTimeoutException.class);
    assertThat(rushing.failures()).isEmpty();
  }
}
