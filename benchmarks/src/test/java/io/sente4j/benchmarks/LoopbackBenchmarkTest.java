package io.sente4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every method of {@link LoopbackBenchmark} does the work its name says, over real loopback WebSockets. */
class LoopbackBenchmarkTest {

  @Test
  void eventsArrivePushesArriveAndRequestsAreAnswered() throws Exception {
    for (String[] params : new String[][] {{"edn", "default"}, {"json", "default"}, {"edn", "selector"}}) {
      String packer = params[0];
      LoopbackBenchmark b = new LoopbackBenchmark();
      b.packer = packer;
      b.rawClient = params[1];
      b.executors = "library";
      b.warmup = "own";
      b.setUp();
      try {
        int rounds = 3 * LoopbackBenchmark.WINDOW;
        long receivedBefore = b.server.metrics().eventsReceived();
        long pushedBefore = b.server.metrics().eventsPushed();
        for (int i = 0; i < rounds; i++) {
          b.sente4jClientEvents();
          b.rawClientEvents();
          b.rawClientEventsWithCodec();
          b.sente4jPushes();
          b.rawPushes();
          b.rawPushesWithCodec();
        }
        b.awaitInFlight();
        long events = (long) rounds * LoopbackBenchmark.BATCH;
        assertThat(b.sente4jEventsSeen.get()).as(packer + ": events the handler saw").isEqualTo(events);
        assertThat(b.server.metrics().eventsReceived() - receivedBefore).as(packer).isEqualTo(events);
        assertThat(b.rawEventsSeen.get()).as(packer + ": messages the raw server counted (two raw kinds)").isEqualTo(2 * events);
        assertThat(b.server.metrics().eventsPushed() - pushedBefore).as(packer).isEqualTo(events);
        assertThat(b.sente4jPushesInFlight.count()).isZero();
        assertThat(b.rawPushesInFlight.count()).isZero();
        assertThat(b.server.metrics().overflows()).as(packer + ": the events window fits the receive queue").isZero();
        assertThat(b.server.metrics().connectionsOpened()).as(packer + ": one connection throughout").isEqualTo(1);

        // JSON carries no keywords: the reply is the data as the packer delivers it.
        Object asDelivered = b.codec.packer().unpack(b.codec.packer().pack(b.request.data()));
        long repliesBefore = b.server.metrics().repliesSent();
        assertThat(b.sente4jRequestReply()).as(packer).isEqualTo(asDelivered);
        b.sente4jRequestReply();
        // The server counts a reply once its send call returns, and the client may have read it before that: both
        // replies are awaited, or the first one's count could land after a reading taken between the two.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (b.server.metrics().repliesSent() - repliesBefore < 2 && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        assertThat(b.server.metrics().repliesSent() - repliesBefore).isEqualTo(2);
        b.rawRequestReply();
        assertThat(b.rawReply).isDone();
      } finally {
        b.tearDown();
      }
    }
  }

  /** {@code warmup=all} runs every benchmark first and leaves nothing in flight for the measured one. */
  @Test
  void warmingUpWithEveryBenchmarkRunsThemAllAndLeavesNothingBehind() throws Exception {
    LoopbackBenchmark b = new LoopbackBenchmark();
    b.packer = "edn";
    b.rawClient = "default";
    b.executors = "library";
    b.warmup = "all";
    b.warmAllEach = java.time.Duration.ZERO;
    b.setUp();
    try {
      assertThat(b.sente4jEventsSeen.get()).as("sente4j's client events").isPositive();
      assertThat(b.rawEventsSeen.get()).as("the raw client's events").isPositive();
      assertThat(b.server.metrics().eventsPushed()).as("sente4j's pushes").isPositive();
      assertThat(b.server.metrics().repliesSent()).as("sente4j's requests").isPositive();
      assertThat(b.warmedReplies).isNotZero();
      assertThat(b.sente4jEventsInFlight.count()).isZero();
      assertThat(b.sente4jPushesInFlight.count()).isZero();
      assertThat(b.rawEventsInFlight.count()).isZero();
      assertThat(b.rawPushesInFlight.count()).isZero();
      assertThat(b.server.metrics().connectionsOpened()).as("one connection throughout").isEqualTo(1);
    } finally {
      b.tearDown();
    }
  }
}
