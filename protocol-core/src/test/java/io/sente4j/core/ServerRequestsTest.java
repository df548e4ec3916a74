package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerRequestsTest {
  private final AtomicInteger userIdCalls = new AtomicInteger();
  private final AtomicReference<String> userIdThread = new AtomicReference<>();
  private final ServerFixture f = new ServerFixture(b -> b.userId((request, clientId) -> {
    userIdCalls.incrementAndGet();
    userIdThread.set(Thread.currentThread().getName());
    return request.queryParam("uid").orElse(null);
  }));

  @AfterEach
  void stop() {
    f.close();
  }

  private static ServerRequest.Builder get() {
    return ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PUT", "DELETE", "OPTIONS", "PATCH", "HEAD"})
  void otherMethodsAre405(String method) {
    ServerRequest r = ServerRequest.builder(method, "/chsk").queryParam("client-id", "c1").build();
    assertThat(f.server.handle(r)).isEqualTo(new ServerAnswer.Reject(405, "Method not allowed; use GET or POST"));
  }

  @Test
  void methodIsCheckedBeforeClientId() {
    assertThat(f.server.handle(ServerRequest.builder("PUT", "/chsk").build()))
        .isEqualTo(new ServerAnswer.Reject(405, "Method not allowed; use GET or POST"));
  }

  @Test
  void missingOrBlankClientIdIs400() {
    ServerAnswer missing = new ServerAnswer.Reject(400, "Missing client-id");
    assertThat(f.server.handle(get().build())).isEqualTo(missing);
    assertThat(f.server.handle(get().queryParam("client-id", "").build())).isEqualTo(missing);
    assertThat(f.server.handle(get().queryParam("client-id", "  ").build())).isEqualTo(missing);
    assertThat(f.server.handle(ServerRequest.builder("POST", "/chsk").build())).isEqualTo(missing);
  }

  @Test
  void clientIdIsCheckedBeforePacker() {
    assertThat(f.server.handle(get().queryParam("sente4j-packer", "yaml").build()))
        .isEqualTo(new ServerAnswer.Reject(400, "Missing client-id"));
  }

  @Test
  void twoPackersOfOneNameAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> ChannelSocketServer.builder(ToyPacker.TEXT).additionalPackers(ToyPacker.BINARY))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("two packers named \"toy\"");
  }

  @Test
  void unknownPackerIs400NamingOurs() {
    ServerRequest r = get().queryParam("client-id", "c1").queryParam("sente4j-packer", "edn").build();
    assertThat(f.server.handle(r)).isEqualTo(new ServerAnswer.Reject(400, "no packer named \"edn\"; available: toy"));
  }

  @Test
  void ourPackerByNameIsAccepted() {
    ServerRequest r = get().queryParam("client-id", "c1").queryParam("sente4j-packer", "toy").build();
    assertThat(f.server.handle(r)).isInstanceOf(ServerAnswer.Upgrade.class);
  }

  @Test
  void ajaxRequestsAreHeldOrAnswered() {
    assertThat(f.server.handle(ServerRequest.builder("GET", "/chsk").queryParam("client-id", "c1").build()))
        .isInstanceOf(ServerAnswer.Hold.class);
    assertThat(f.server.handle(ServerRequest.builder("GET", "/chsk").queryParam("client-id", "c1")
        .queryParam("handshake?", "1").build())).isInstanceOf(ServerAnswer.Hold.class);
    assertThat(f.server.handle(ServerRequest.builder("POST", "/chsk").formParam("client-id", "c1").build()))
        .isEqualTo(new ServerAnswer.Reject(400,
            "Missing ppstr: a form-encoded POST carries its frame in the ppstr field"));
  }

  @Test
  void upgradeRunsNoApplicationCodeOnTheTransportThread() {
    ServerAnswer answer = f.server.handle(ServerFixture.upgrade("alice", "c1"));
    assertThat(answer).isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(userIdCalls).hasValue(0);

    FakeChannel ch = new FakeChannel();
    ch.listener = ((ServerAnswer.Upgrade) answer).onOpen().apply(ch);
    f.idle();
    assertThat(userIdCalls).hasValue(1);
    assertThat(userIdThread.get()).startsWith(TrackingExecutor.PREFIX);
    assertThat(ch.next()).isEqualTo(new Frame.Handshake("alice", null));
  }

  @Test
  void afterStopRequestsAre503() {
    f.server.stop();
    assertThat(f.server.handle(ServerFixture.upgrade("alice", "c1")))
        .isEqualTo(new ServerAnswer.Reject(503, "Server stopped"));
  }
}
