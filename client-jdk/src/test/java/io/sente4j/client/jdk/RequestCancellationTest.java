package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.HttpCall;
import io.sente4j.core.HttpReply;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request the caller cancels, or that is in flight when the transport closes, really ends: its connection closes
 * and the server (which holds it, as it holds a parked poll) sees it go at once, not at its ten-minute idle timeout.
 */
class RequestCancellationTest {
  private final BlockingQueue<HeldResponse> held = new LinkedBlockingQueue<>();
  private final CountDownLatch abandoned = new CountDownLatch(2);
  private JettyChannelServer jetty;

  @AfterEach
  void stop() {
    if (jetty != null) {
      jetty.close();
    }
  }

  private HttpCall heldCall() {
    if (jetty == null) {
      jetty = JettyChannelServer.builder(r -> new ServerAnswer.Hold(h -> {
        h.onAbandoned(abandoned::countDown);
        held.add(h);
      })).host("127.0.0.1").port(0).httpIdleTimeout(Duration.ofMinutes(10)).start();
    }
    return new HttpCall("GET", URI.create(jetty.httpUri() + "?client-id=c1"), Map.of(), Payload.text(""), null,
        Duration.ofMinutes(5));
  }

  @Test
  @Timeout(60)
  void cancellingARequestClosesItsConnectionAndClosingTheTransportCancelsTheRest() throws Exception {
    JdkClientTransport transport = JdkClientTransport.create();
    CompletableFuture<HttpReply> first = transport.request(heldCall());
    assertThat(held.poll(20, TimeUnit.SECONDS)).isNotNull();
    first.cancel(false);
    awaitCount(abandoned, 1);

    CompletableFuture<HttpReply> second = transport.request(heldCall());
    HeldResponse h = held.poll(20, TimeUnit.SECONDS);
    assertThat(h).isNotNull();
    transport.close();
    assertThat(abandoned.await(20, TimeUnit.SECONDS)).as("the server saw the second request go").isTrue();
    assertThat(h.isOpen()).isFalse();
    assertThatThrownBy(() -> second.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(java.io.IOException.class).hasMessageContaining("the transport closed");
    assertThatThrownBy(() -> transport.request(heldCall()).get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  private static void awaitCount(CountDownLatch latch, long remaining) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (latch.getCount() > remaining) {
      assertThat(System.nanoTime()).as("the server to see the cancelled request go").isLessThan(deadline);
      Thread.sleep(5);
    }
  }
}
