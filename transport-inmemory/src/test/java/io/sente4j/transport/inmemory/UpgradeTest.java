package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import io.sente4j.core.UpgradeRefusedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UpgradeTest {
  private static final URI URI_ = URI.create("ws://app.test/chsk");

  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final List<ServerRequest> requests = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    net.close();
  }

  private void answer(ServerAnswer answer) {
    net.bind(URI_, request -> {
      requests.add(request);
      return answer;
    });
  }

  private CompletableFuture<Channel> open(String query) {
    return net.clientTransport().openWebSocket(URI.create(URI_ + query), Map.of(), new Recorder());
  }

  @Test
  void theEndpointSeesAnUpgradeGetWithDecodedParamsHeadersCookiesAndALoopbackPeer() {
    answer(new ServerAnswer.Reject(403, "no"));
    Map<String, List<String>> headers = Map.of(
        "Authorization", List.of("Bearer t"),
        "Cookie", List.of("ring-session=abc; theme=\"dark\""),
        "Origin", List.of("https://app.test"));
    Await.failure(net.clientTransport().openWebSocket(
        URI.create("ws://app.test/chsk?client-id=c%201&csrf-token=a%2Bb&x=1&x=2&flag"), headers, new Recorder()));
    Await.failure(open("?client-id=c2"));

    ServerRequest r = requests.get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/chsk");
    assertThat(r.isWebSocketUpgrade()).isTrue();
    assertThat(r.queryParam("client-id")).hasValue("c 1");
    assertThat(r.queryParam("csrf-token")).hasValue("a+b");
    assertThat(r.queryParams().get("x")).containsExactly("1", "2");
    assertThat(r.queryParam("flag")).hasValue("");
    assertThat(r.header("authorization")).hasValue("Bearer t");
    assertThat(r.header("origin")).hasValue("https://app.test");
    assertThat(r.header("host")).hasValue("app.test");
    assertThat(r.header("upgrade")).hasValue("websocket");
    assertThat(r.cookies()).containsExactly(Map.entry("ring-session", "abc"), Map.entry("theme", "dark"));
    assertThat(r.body().byteLength()).isZero();
    assertThat(r.remoteAddress()).hasValueSatisfying(a -> {
      assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1");
      assertThat(a.getPort()).isPositive();
    });
    assertThat(requests.get(1).remoteAddress().orElseThrow().getPort())
        .isNotEqualTo(r.remoteAddress().orElseThrow().getPort());
  }

  @Test
  void aRejectFailsTheOpenWithTheStatusAndBody() {
    answer(new ServerAnswer.Reject(401, "Missing client-id"));
    Throwable t = Await.failure(open(""));
    assertThat(t).isInstanceOf(UpgradeRefusedException.class).hasMessageContaining("401")
        .hasMessageContaining("Missing client-id");
    assertThat(((UpgradeRefusedException) t).status()).isEqualTo(401);
    assertThat(net.connections()).isEmpty();
  }

  @Test
  void aRespondToAWebSocketRequestFailsClearly() {
    answer(new ServerAnswer.Respond(200, Payload.text("hi")));
    assertThat(Await.failure(open(""))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Respond(200").hasMessageContaining("Reject or Upgrade");
  }

  @Test
  void aHoldToAWebSocketRequestFailsClearlyAndTheHeldResponseIsAbandoned() {
    CompletableFuture<HeldResponse> held = new CompletableFuture<>();
    CompletableFuture<Void> abandoned = new CompletableFuture<>();
    answer(new ServerAnswer.Hold(h -> {
      h.onAbandoned(() -> abandoned.complete(null));
      held.complete(h);
    }));
    assertThat(Await.failure(open(""))).isInstanceOf(IllegalStateException.class).hasMessageContaining("Hold");
    assertThat(Await.result(held).isOpen()).isFalse();
    assertThat(Await.result(held).complete(200, Payload.text("late"))).isFalse();
    Await.result(abandoned);
  }

  @Test
  void anEndpointThatThrowsAnswers500() {
    net.bind(URI_, request -> {
      throw new IllegalStateException("boom");
    });
    Throwable t = Await.failure(open(""));
    assertThat(t).isInstanceOf(UpgradeRefusedException.class).hasRootCauseMessage("boom");
    assertThat(((UpgradeRefusedException) t).status()).isEqualTo(500);
  }

  @Test
  void refusedUpgradesNeverReachTheEndpointUntilAcceptedAgain() {
    answer(new ServerAnswer.Upgrade(ch -> new Recorder()));
    net.refuseUpgrades(503, "down for maintenance");
    Throwable t = Await.failure(open("?client-id=a"));
    assertThat(t).isInstanceOf(UpgradeRefusedException.class).hasMessageContaining("down for maintenance");
    assertThat(((UpgradeRefusedException) t).status()).isEqualTo(503);
    assertThat(requests).isEmpty();
    net.acceptUpgrades();
    assertThat(Await.result(open("?client-id=a")).isOpen()).isTrue();
    assertThat(requests).hasSize(1);
  }

  @Test
  void whatTheServerSendsInOnOpenArrivesAfterTheOpenCompletes() {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    net.bind(URI_, request -> {
      Await.result(ready);
      return new ServerAnswer.Upgrade(ch -> {
        ch.send(Payload.text("handshake"));
        return new Recorder();
      });
    });
    AtomicReference<CompletableFuture<Channel>> opening = new AtomicReference<>();
    CompletableFuture<Boolean> openFirst = new CompletableFuture<>();
    Recorder client = new Recorder() {
      @Override
      public void onMessage(Payload payload) {
        openFirst.complete(opening.get().isDone());
        super.onMessage(payload);
      }
    };
    opening.set(net.clientTransport().openWebSocket(URI.create(URI_ + "?client-id=a"), Map.of(), client));
    ready.complete(null);
    assertThat(client.awaitMessages(1).texts()).containsExactly("handshake");
    assertThat(Await.result(openFirst)).isTrue();
  }

  @Test
  void anOnOpenThatThrowsClosesTheNewConnectionWith1011() {
    answer(new ServerAnswer.Upgrade(ch -> {
      throw new IllegalStateException("no");
    }));
    Recorder client = new Recorder();
    Channel c = Await.result(net.clientTransport().openWebSocket(URI_, Map.of(), client));
    assertThat(client.awaitClose()).isEqualTo("1011 error");
    assertThat(c.isOpen()).isFalse();
  }

  @Test
  void anOpenCancelledBeforeTheServerAnswersIsCutOnTheServerSide() {
    CompletableFuture<Void> entered = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    Recorder server = new Recorder();
    net.bind(URI_, request -> {
      entered.complete(null);
      Await.result(release);
      return new ServerAnswer.Upgrade(ch -> server);
    });
    Recorder client = new Recorder();
    CompletableFuture<Channel> f = net.clientTransport().openWebSocket(URI_, Map.of(), client);
    Await.result(entered);
    f.cancel(false);
    release.complete(null);
    assertThat(server.awaitClose()).isEqualTo("1006 ");
    Await.until(() -> net.connections().isEmpty(), "no connections");
    assertThat(client.closes()).isEmpty();
  }
}
