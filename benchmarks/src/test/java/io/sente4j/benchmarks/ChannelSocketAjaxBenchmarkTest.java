package io.sente4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Direction;
import io.sente4j.core.Frame;
import io.sente4j.core.Via;
import org.junit.jupiter.api.Test;

/** Every method of {@link ChannelSocketAjaxBenchmark} does the work its name says, with each packer. */
class ChannelSocketAjaxBenchmarkTest {

  @Test
  void pushesReachTheAjaxClientAndRequestsAreAnsweredOverAjax() throws InterruptedException {
    for (String packer : new String[] {"edn", "json"}) {
      ChannelSocketAjaxBenchmark b = new ChannelSocketAjaxBenchmark();
      b.packer = packer;
      b.warmup = "own";
      b.setUp();
      try {
        assertThat(b.client.state().via()).as(packer).isEqualTo(Via.AJAX_POLL);
        for (int i = 0; i < 5; i++) {
          b.pushBatchedAjax();
        }
        assertThat(b.pushed.availablePermits()).as(packer + ": no extra pushes").isZero();
        assertThat(b.server.metrics().eventsPushed()).as(packer)
            .isEqualTo(5L * ChannelSocketAjaxBenchmark.BATCH);
        for (int i = 0; i < 3 * ChannelSocketAjaxBenchmark.STREAM_WINDOW; i++) {
          b.pushStreamedAjax();
        }
        b.awaitStreamed();
        assertThat(b.server.metrics().eventsPushed()).as(packer + ": none dropped")
            .isEqualTo((5L + 3 * ChannelSocketAjaxBenchmark.STREAM_WINDOW) * ChannelSocketAjaxBenchmark.BATCH);
        long before = b.server.metrics().eventsPushed();
        for (int i = 0; i < 3 * ChannelSocketAjaxBenchmark.STREAM_WINDOW; i++) {
          b.pushStreamedAjaxServerOnly();
        }
        b.awaitStreamed();
        assertThat(b.server.metrics().eventsPushed() - before).as(packer + ": the raw poller took every event")
            .isEqualTo(3L * ChannelSocketAjaxBenchmark.STREAM_WINDOW * ChannelSocketAjaxBenchmark.BATCH);
        assertThat(b.rawStreamed.count()).as(packer).isZero();
        Object asDelivered = b.codec.packer().unpack(b.codec.packer().pack(b.request.data()));
        assertThat(b.requestReplyAjax()).as(packer).isEqualTo(asDelivered);
        assertThat(b.requestReplyAjax()).as(packer).isEqualTo(asDelivered);
        Frame read = b.codec.decode(b.packerEncodeOnly(), Direction.FROM_SERVER, Via.AJAX_POLL);
        assertThat(((Frame.Push) read).events()).as(packer).hasSize(ChannelSocketAjaxBenchmark.BATCH);
      } finally {
        b.tearDown();
      }
    }
  }

  /** {@code warmup=all} runs the other benchmarks first and leaves nothing in flight for the measured one. */
  @Test
  void warmingUpWithEveryBenchmarkRunsThemAllAndLeavesNothingBehind() throws InterruptedException {
    ChannelSocketAjaxBenchmark b = new ChannelSocketAjaxBenchmark();
    b.packer = "edn";
    b.warmup = "all";
    b.warmAllEach = java.time.Duration.ZERO;
    b.setUp();
    try {
      assertThat(b.warmedBytes).as("the packer ran").isPositive();
      assertThat(b.server.metrics().eventsPushed()).as("pushes to both the client and the raw poller")
          .isGreaterThan(2L * ChannelSocketAjaxBenchmark.BATCH);
      assertThat(b.streamed.count()).isZero();
      assertThat(b.rawStreamed.count()).isZero();
      assertThat(b.pushed.availablePermits()).isZero();
      long before = b.server.metrics().eventsPushed();
      b.pushBatchedAjax();
      assertThat(b.server.metrics().eventsPushed() - before).isEqualTo(ChannelSocketAjaxBenchmark.BATCH);
      assertThat(b.pushed.availablePermits()).isZero();
    } finally {
      b.tearDown();
    }
  }
}
