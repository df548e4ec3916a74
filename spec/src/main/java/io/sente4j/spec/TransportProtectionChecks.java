package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import io.sente4j.core.QueueLimit;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ServerError;
import io.sente4j.core.ServerRouter;
import io.sente4j.core.UpgradeRefusedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The protective part of {@link TransportConformanceKit}, each test with a server of its own: the security checks
 * refuse upgrades over the transport with their statuses, a message over the frame limit closes the connection, a
 * full receive queue loses no request, and one server serves clients on two packers.
 */
abstract class TransportProtectionChecks extends TransportModelChecks {
  private static final Keyword ECHO = Keyword.of("kit", "echo");
  private static final Keyword BLOCK = Keyword.of("kit", "block");
  private static final String TOKEN = "kit-csrf-token";
  private static final String ORIGIN = "https://kit.test";

  /** A packer other than {@link #packer()}, for a server that serves clients on both. */
  protected abstract Packer otherPacker();

  @Test
  @Timeout(60)
  void csrfOriginAndAuthorizerRefusalsReachTheClientAsRefusedUpgrades() {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).csrfToken(r -> TOKEN).allowedOrigins(ORIGIN)
          .authorizer((r, clientId) -> !"mallory".equals(r.queryParam(KitHarness.UID_PARAM).orElse(""))));
      assertThat(refusal(w, "alice", b -> b.headers(() -> Map.of("Origin", List.of(ORIGIN)))))
          .hasMessageEndingWith("HTTP 403: Bad CSRF token");
      assertThat(refusal(w, "alice",
          b -> b.csrfToken(TOKEN).headers(() -> Map.of("Origin", List.of("https://x.test")))))
          .hasMessageEndingWith("HTTP 403: Unauthorized origin");
      assertThat(refusal(w, "mallory", b -> b.csrfToken(TOKEN).headers(() -> Map.of("Origin", List.of(ORIGIN)))))
          .hasMessageEndingWith("HTTP 401: Unauthorized request");
      ChannelSocketClient ok = w.connected("alice", e -> {},
          b -> b.csrfToken(TOKEN).headers(() -> Map.of("Origin", List.of(ORIGIN))));
      assertThat(ok.state().uid()).isEqualTo("alice");
      assertThat(w.errors).extracting(ServerError::kind).containsOnly(ServerError.Kind.REJECTED);
    }
  }

  private UpgradeRefusedException refusal(KitHarness w, String uid, Consumer<ChannelSocketClient.Builder> options) {
    List<Throwable> seen = new CopyOnWriteArrayList<>();
    ChannelSocketClient c = w.client(uid, e -> {}, b -> {
      options.accept(b);
      b.errorListener(seen::add);
    });
    c.connect();
    w.await("the refusal of " + uid + "'s upgrade", () -> !seen.isEmpty());
    c.disconnect();
    assertThat(c.state().isOpen()).isFalse();
    assertThat(seen.get(0)).isInstanceOf(UpgradeRefusedException.class);
    return (UpgradeRefusedException) seen.get(0);
  }

  @Test
  @Timeout(60)
  void aMessageOverTheFrameLimitClosesTheConnectionWithTooLarge() {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}));
      ChannelSocketClient c = w.connected("alice", e -> {}, b -> {});
      int limit = packer().limits().maxInputBytes();
      byte[] big = new byte[limit + 1];
      java.util.Arrays.fill(big, (byte) ' ');
      Payload oversize = packer().isBinary() ? Payload.binary(io.sente4j.core.Bytes.wrap(big))
          : Payload.text(new String(big, java.nio.charset.StandardCharsets.US_ASCII));
      w.transport.channel(c.state().clientId()).send(oversize);
      w.await("the server to close with too-large", () -> c.state().lastClose()
          .filter(close -> close.reason() == CloseReason.TOO_LARGE).isPresent());
      w.await("the server to report it", () -> w.errors.stream()
          .anyMatch(e -> e.kind() == ServerError.Kind.BAD_FRAME && e.message().contains("over the frame limit")));
    }
  }

  @Test
  @Timeout(60)
  void aFullReceiveQueueAnswersEveryRequestItCannotTake() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).receiveQueue(QueueLimit.of(4, 1 << 20))
          .eventHandler(ServerRouter.builder().onRequest(BLOCK, m -> {
            awaitQuietly(release);
            return m.data();
          }).build()));
      ChannelSocketClient c = w.connected("alice", e -> {}, b -> {});
      List<CompletableFuture<Object>> sent = new ArrayList<>();
      for (long i = 0; i < 20; i++) {
        sent.add(c.send(Event.of(BLOCK, i), Duration.ofMinutes(10)));
      }
      w.await("the refused requests to be answered", () -> sent.stream().filter(CompletableFuture::isDone).count()
          >= 16);
      release.countDown();
      int replied = 0;
      int refused = 0;
      for (int i = 0; i < sent.size(); i++) {
        try {
          assertThat(sent.get(i).get(10, TimeUnit.SECONDS)).isEqualTo((long) i);
          replied++;
        } catch (ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ReplyErrorException.class);
          refused++;
        }
      }
      assertThat(replied).isEqualTo(4);
      assertThat(refused).isEqualTo(16);
      assertThat(w.server().metrics().overflows()).isEqualTo(16);
    } finally {
      release.countDown();
    }
  }

  @Test
  @Timeout(60)
  void oneServerServesClientsOnTwoPackers() throws Exception {
    try (KitHarness w = world()) {
      w.start(w.serverBuilder(m -> {}).additionalPackers(otherPacker())
          .eventHandler(ServerRouter.builder().onRequest(ECHO, m -> m.data()).build()));
      List<Event> mine = new CopyOnWriteArrayList<>();
      List<Event> other = new CopyOnWriteArrayList<>();
      ChannelSocketClient a = w.connected("alice", mine::add, b -> {});
      ChannelSocketClient b = w.connected("alice", other::add, o -> o.packer(otherPacker()));
      assertThat(a.send(Event.of(ECHO, "in " + packer().name()), Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS))
          .isEqualTo("in " + packer().name());
      assertThat(b.send(Event.of(ECHO, 42L), Duration.ofSeconds(10)).get(10, TimeUnit.SECONDS)).isEqualTo(42L);
      w.server().sendNow("alice", Event.of("kit/news", List.of("both", 2L)));
      w.await("the push in both packers", () -> mine.size() == 1 && other.size() == 1);
      assertThat(mine).isEqualTo(other).containsExactly(Event.of("kit/news", List.of("both", 2L)));
    }
  }

  /** A fresh world for a test that builds a server of its own. */
  KitHarness world() {
    return new KitHarness(createFixture(), packer(), Theories.seed());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
