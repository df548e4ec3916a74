package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The security pipeline of PROTOCOL.md §6 and the connection limits, at the server's entry point. */
class ServerSecurityTest {
  private static final ServerAnswer.Reject BAD_CSRF = new ServerAnswer.Reject(403, "Bad CSRF token");
  private static final ServerAnswer.Reject BAD_ORIGIN = new ServerAnswer.Reject(403, "Unauthorized origin");
  private ServerFixture f;

  @AfterEach
  void stop() {
    if (f != null) {
      f.close();
    }
  }

  private ChannelSocketServer server(UnaryOperator<ChannelSocketServer.Builder> options) {
    f = new ServerFixture(options);
    return f.server;
  }

  private static ServerRequest.Builder upgrade(String clientId) {
    return ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true).queryParam("client-id", clientId);
  }

  @Test
  void theCsrfCheckMustBeChosen() {
    assertThatThrownBy(() -> ChannelSocketServer.builder(ToyPacker.TEXT).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("csrfToken(").hasMessageContaining("withoutCsrfCheck()");
  }

  @Test
  void theClientTokenIsTakenFromTheParameterOrEitherHeader() {
    ChannelSocketServer s = server(b -> b.csrfToken(r -> "s3cret"));
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "s3cret").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").header("X-CSRF-Token", "s3cret").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").header("X-XSRF-Token", "s3cret").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", " ").header("X-XSRF-Token", "s3cret").build()))
        .as("a blank parameter falls through to the headers").isInstanceOf(ServerAnswer.Upgrade.class);
    // A form-encoded POST carries it in its body; it passes CSRF and meets the next check (Ajax is not enabled).
    ServerRequest post = ServerRequest.builder("POST", "/chsk").queryParam("client-id", "c1")
        .formParam("csrf-token", "s3cret").build();
    assertThat(((ServerAnswer.Reject) s.handle(post)).status()).isEqualTo(400);
  }

  @Test
  void aMissingOrWrongTokenIs403AndReportedWithoutTheToken() {
    ChannelSocketServer s = server(b -> b.csrfToken(r -> "s3cret"));
    assertThat(s.handle(upgrade("c1").build())).isEqualTo(BAD_CSRF);
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "s3creT").build())).isEqualTo(BAD_CSRF);
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "s3cret-and-more").build())).isEqualTo(BAD_CSRF);
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.REJECTED);
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.message()).contains("CSRF", "403").doesNotContain("s3cret");
    assertThat(s.metrics().rejections().get(RejectionReason.CSRF)).isEqualTo(3);
  }

  @Test
  void noReferenceTokenMeansRejectionNeverNoCheck() {
    AtomicReference<String> reference = new AtomicReference<>();
    ChannelSocketServer s = server(b -> b.csrfToken(r -> reference.get()));
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "anything").build())).isEqualTo(BAD_CSRF);
    reference.set("  ");
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "  ").build())).isEqualTo(BAD_CSRF);
  }

  @Test
  void withoutTheCheckNoTokenIsNeeded() {
    assertThat(server(b -> b).handle(upgrade("c1").build())).isInstanceOf(ServerAnswer.Upgrade.class);
  }

  @Test
  void anAllowedOriginMustMatchExactly() {
    ChannelSocketServer s = server(b -> b.allowedOrigins("https://app.example", "http://localhost:8080"));
    assertThat(s.handle(upgrade("c1").header("Origin", "https://app.example").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").header("Origin", "http://localhost:8080").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").header("Origin", "https://app.example:443").build())).isEqualTo(BAD_ORIGIN);
    assertThat(s.handle(upgrade("c1").header("Origin", "https://evil.test").build())).isEqualTo(BAD_ORIGIN);
    assertThat(s.handle(upgrade("c1").build())).as("neither Origin nor Referer").isEqualTo(BAD_ORIGIN);
  }

  @Test
  void withoutOriginTheRefererMustStartWithAnAllowedOriginAndASlash() {
    ChannelSocketServer s = server(b -> b.allowedOrigins("https://app.example"));
    assertThat(s.handle(upgrade("c1").header("Referer", "https://app.example/chat?room=1").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(s.handle(upgrade("c1").header("Referer", "https://app.example.evil.test/").build()))
        .isEqualTo(BAD_ORIGIN);
    assertThat(s.handle(upgrade("c1").header("Referer", "https://app.example").build())).isEqualTo(BAD_ORIGIN);
    assertThat(s.handle(upgrade("c1").header("Origin", "https://evil.test")
        .header("Referer", "https://app.example/").build())).as("Origin, when present, decides").isEqualTo(BAD_ORIGIN);
  }

  @Test
  void originsAreCheckedForForm() {
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(ToyPacker.TEXT);
    assertThatThrownBy(() -> b.allowedOrigins("https://app.example/")).hasMessageContaining("no path");
    assertThatThrownBy(() -> b.allowedOrigins("app.example")).hasMessageContaining("not an origin");
  }

  @Test
  void theChecksRunInTheirOrderAfterTheProtocolsOwn() {
    ChannelSocketServer s = server(b -> b.csrfToken(r -> "t").allowedOrigins("https://app.example")
        .authorizer((r, id) -> false));
    ServerRequest.Builder everythingWrong = ServerRequest.builder("GET", "/chsk").webSocketUpgrade(true)
        .header("Origin", "https://evil.test");
    assertThat(((ServerAnswer.Reject) s.handle(everythingWrong.build())).status()).as("client id first")
        .isEqualTo(400);
    assertThat(s.handle(everythingWrong.queryParam("client-id", "c1").build())).isEqualTo(BAD_CSRF);
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "t").header("Origin", "https://evil.test").build()))
        .isEqualTo(BAD_ORIGIN);
    assertThat(s.handle(upgrade("c1").queryParam("csrf-token", "t").header("Origin", "https://app.example").build()))
        .isEqualTo(new ServerAnswer.Reject(401, "Unauthorized request"));
  }

  @Test
  void theAuthorizerSeesTheRequestAndClientIdAndItsResponseCanBeReplaced() {
    AtomicReference<String> seen = new AtomicReference<>();
    ChannelSocketServer s = server(b -> b.authorizer((r, id) -> {
      seen.set(id + " " + r.header("authorization").orElse("-"));
      return r.header("authorization").filter("Bearer ok"::equals).isPresent();
    }).respondTo(RejectionReason.UNAUTHORIZED, 403, "Log in first"));
    assertThat(s.handle(upgrade("c7").header("Authorization", "Bearer ok").build()))
        .isInstanceOf(ServerAnswer.Upgrade.class);
    assertThat(seen.get()).isEqualTo("c7 Bearer ok");
    assertThat(s.handle(upgrade("c7").build())).isEqualTo(new ServerAnswer.Reject(403, "Log in first"));
  }

  @Test
  void anAuthorizerOrCsrfFunctionThatThrowsIsReportedAndAnswered500() {
    // Regression: the exception left handle() on the transport's thread, unreported (no ServerError, no metric),
    // where an Error (an AssertionError, say) reached the transport's thread itself.
    ChannelSocketServer s = server(b -> b.authorizer((r, id) -> {
      throw new AssertionError("authorizer boom (expected in this test)");
    }));
    assertThat(s.handle(upgrade("c1").build())).isEqualTo(new ServerAnswer.Reject(500, "Internal Server Error"));
    ServerError e = f.nextError();
    assertThat(e.kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
    assertThat(e.clientId()).isEqualTo("c1");
    assertThat(e.cause()).hasMessageContaining("authorizer boom");
    assertThat(s.metrics().errors().get(ServerError.Kind.HANDLER_FAILED)).isOne();
    f.close();

    ChannelSocketServer csrf = server(b -> b.csrfToken(r -> {
      throw new IllegalStateException("no session store (expected in this test)");
    }));
    ServerRequest post = ServerRequest.builder("POST", "/chsk").queryParam("client-id", "c2")
        .formParam("csrf-token", "t").build();
    assertThat(csrf.handle(post)).isEqualTo(new ServerAnswer.Reject(500, "Internal Server Error"));
    assertThat(f.nextError().cause()).hasMessageContaining("no session store");
  }

  @Test
  void onlySecurityResponsesCanBeReplaced() {
    ChannelSocketServer.Builder b = ChannelSocketServer.builder(ToyPacker.TEXT);
    assertThatThrownBy(() -> b.respondTo(RejectionReason.MISSING_CLIENT_ID, 400, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> b.respondTo(RejectionReason.CSRF, 200, "x")).hasMessageContaining("4xx or 5xx");
  }

  @Test
  void anAddressGetsAtMostItsConnectionsAndRoomAgainWhenOneCloses() {
    server(b -> b.maxConnectionsPerAddress(2));
    InetSocketAddress from = new InetSocketAddress("203.0.113.7", 50000);
    FakeChannel one = f.open(upgrade("c1").queryParam("uid", "a").remoteAddress(from).build());
    f.open(upgrade("c2").queryParam("uid", "b").remoteAddress(from).build());
    assertThat(f.server.handle(upgrade("c3").remoteAddress(from).build()))
        .isEqualTo(new ServerAnswer.Reject(429, "Too many connections"));
    assertThat(f.server.handle(upgrade("c3").remoteAddress(new InetSocketAddress("203.0.113.8", 1)).build()))
        .as("another address").isInstanceOf(ServerAnswer.Upgrade.class);
    one.clientCloses(1000);
    f.idle();
    assertThat(f.server.handle(upgrade("c3").remoteAddress(from).build())).isInstanceOf(ServerAnswer.Upgrade.class);
  }

  @Test
  void upgradesOfOneAddressAskedForTogetherOpenAtMostItsConnections() {
    // Regression: the limit was checked when an upgrade was asked for and the connection counted once its socket
    // opened, so the upgrades of one address asked for before any of their sockets opened all passed.
    server(b -> b.maxConnectionsPerAddress(2));
    InetSocketAddress from = new InetSocketAddress("203.0.113.7", 50000);
    List<ServerAnswer> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(f.server.handle(upgrade("c" + i).queryParam("uid", "u" + i).remoteAddress(from).build()));
    }
    assertThat(answers).as("none counted yet").allMatch(a -> a instanceof ServerAnswer.Upgrade);
    List<FakeChannel> channels = new ArrayList<>();
    for (ServerAnswer answer : answers) {
      FakeChannel ch = new FakeChannel();
      ch.listener = ((ServerAnswer.Upgrade) answer).onOpen().apply(ch);
      channels.add(ch);
    }
    f.idle();
    assertThat(channels.subList(0, 2)).allMatch(FakeChannel::isOpen);
    assertThat(channels.subList(2, 4)).allSatisfy(ch -> assertThat(ch.closeCode()).isEqualTo(4002));
    assertThat(f.server.metrics().openWebSockets()).isEqualTo(2);
    assertThat(f.server.metrics().rejections().get(RejectionReason.TOO_MANY_CONNECTIONS)).isEqualTo(2);
    assertThat(ServerFixture.drain(f.errors)).filteredOn(e -> e.kind() == ServerError.Kind.REJECTED).hasSize(2)
        .allSatisfy(e -> assertThat(e.message()).contains("maxConnectionsPerAddress"));

    assertThat(f.server.handle(upgrade("c4").remoteAddress(from).build()))
        .isEqualTo(new ServerAnswer.Reject(429, "Too many connections"));
    channels.get(0).clientCloses(1000);
    f.idle();
    FakeChannel again = f.open(upgrade("c4").queryParam("uid", "u4").remoteAddress(from).build());
    f.idle();
    assertThat(again.isOpen()).as("the refused connections were never counted").isTrue();
  }

  @Test
  void upgradesOfOneAddressAtTheSameMomentOpenAtMostItsConnections() throws Exception {
    // The transport's threads ask for the upgrades and open the sockets all at once, round after round.
    server(b -> b.maxConnectionsPerAddress(1));
    int racers = 4;
    ExecutorService threads = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 50; round++) {
        InetSocketAddress from = new InetSocketAddress("203.0.113." + (round + 1), 50000);
        CyclicBarrier together = new CyclicBarrier(racers);
        List<Future<FakeChannel>> opened = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          ServerRequest request = upgrade("c" + round + "-" + i).queryParam("uid", "u" + i).remoteAddress(from)
              .build();
          opened.add(threads.submit(() -> {
            together.await(5, TimeUnit.SECONDS);
            ServerAnswer answer = f.server.handle(request);
            if (!(answer instanceof ServerAnswer.Upgrade u)) {
              return null;
            }
            FakeChannel ch = new FakeChannel();
            ch.listener = u.onOpen().apply(ch);
            return ch;
          }));
        }
        List<FakeChannel> channels = new ArrayList<>();
        for (Future<FakeChannel> ch : opened) {
          channels.add(ch.get(10, TimeUnit.SECONDS));
        }
        f.idle();
        assertThat(channels).as("round %d", round).filteredOn(ch -> ch != null && ch.isOpen()).hasSize(1);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(f.server.metrics().openWebSockets()).isEqualTo(50);
  }

  @Test
  void aUidGetsAtMostItsConnectionsAndAReplacementDoesNotCountTwice() {
    server(b -> b.maxConnectionsPerUid(2));
    f.connect("alice", "a1");
    f.connect("alice", "a2");
    f.connect("alice", "a2"); // replaces the first a2
    FakeChannel third = f.open(ServerFixture.upgrade("alice", "a3"));
    third.awaitClosed();
    assertThat(third.closeCode()).isEqualTo(CloseReason.OVERFLOW.code());
    ServerError e = f.nextError();
    assertThat(e.kind()).as("a connection limit is a rejection, as over Ajax").isEqualTo(ServerError.Kind.REJECTED);
    assertThat(e.message()).isEqualTo("a WebSocket closed with overflow as it opened: the uid has 2 connection(s), "
        + "the most allowed (maxConnectionsPerUid)");
    assertThat(f.server.metrics().rejections()).containsEntry(RejectionReason.TOO_MANY_CONNECTIONS, 1L);
    assertThat(f.server.clientIds("alice")).containsExactlyInAnyOrder("a1", "a2");
    f.connect("bob", "b1"); // others are not affected
  }

  @Test
  void anonymousConnectionsShareTheNilUidAndAreNotLimitedByIt() {
    server(b -> b.maxConnectionsPerUid(1));
    f.connect(null, "anon-1");
    f.connect(null, "anon-2");
    f.connect(null, "anon-3");
    assertThat(f.server.clientIds(null)).containsExactlyInAnyOrder("anon-1", "anon-2", "anon-3");
  }

  @Test
  void tokensAreAcceptedExactlyWhenEqual() {
    ChannelSocketServer s = server(b -> b.csrfToken(ServerSecurityTest::referenceOf));
    Qt.seeded(0xc5efL).forAll(strings().allPossible().ofLengthBetween(1, 12),
        strings().allPossible().ofLengthBetween(0, 12)).checkAssert((reference, given) -> {
          ServerRequest r = upgrade("c1").header("X-Reference", reference).header("X-CSRF-Token", given).build();
          boolean accepted = s.handle(r) instanceof ServerAnswer.Upgrade;
          assertThat(accepted).isEqualTo(!reference.isBlank() && !given.isBlank() && reference.equals(given));
        });
  }

  @Test
  void aRefererPassesOnlyWhenAnAllowedOriginIsFollowedByASlash() {
    String allowed = "https://app.example";
    ChannelSocketServer s = server(b -> b.allowedOrigins(allowed));
    Qt.seeded(0x0e1L).forAll(strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(0, 10),
        integers().between(0, 2)).checkAssert((tail, shape) -> {
          String referer = shape == 0 ? allowed + "/" + tail : shape == 1 ? allowed + "." + tail : allowed + tail;
          boolean accepted = s.handle(upgrade("c1").header("Referer", referer).build()) instanceof ServerAnswer.Upgrade;
          assertThat(accepted).as(referer).isEqualTo(referer.startsWith(allowed + "/"));
        });
  }

  private static String referenceOf(ServerRequest r) {
    return r.header("x-reference").orElse(null);
  }
}
