package io.sente4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Frame;
import org.junit.jupiter.api.Test;

/** Every method of {@link ChannelSocketBenchmark} does the work its name says, with each packer. */
class ChannelSocketBenchmarkTest {

  @Test
  void pushesArriveRequestsAreAnsweredAndTheBaselinesReadBackTheBatch() throws InterruptedException {
    for (String packer : new String[] {"edn", "json"}) {
      ChannelSocketBenchmark b = new ChannelSocketBenchmark();
      b.packer = packer;
      b.setUp(false);
      try {
        b.pushBatched();
        b.pushBatched();
        assertThat(b.pushed.availablePermits()).as(packer + ": no extra pushes").isZero();
        b.pushBatchedServerOnly();
        b.pushBatchedServerOnly();
        b.pushBatchedServerOnlyLarge();
        assertThat(b.rawFrames.availablePermits()).as(packer + ": one frame per batch").isZero();
        assertThat(b.packerEncodeOnlyLarge().byteLength()).isGreaterThan(9 * b.packedBatch.byteLength());
        // JSON carries no keywords: the reply is the data as the packer delivers it.
        Object asDelivered = b.codec.packer().unpack(b.codec.packer().pack(b.request.data()));
        assertThat(b.requestReply()).as(packer).isEqualTo(asDelivered);
        Frame read = b.packerEncodeAndDecode();
        assertThat(read).as(packer).isEqualTo(b.packerDecodeOnly());
        assertThat(((Frame.Push) read).events()).as(packer).hasSize(ChannelSocketBenchmark.BATCH);
        assertThat(b.packerEncodeOnly()).as(packer).isEqualTo(b.packedBatch);

        // Streamed: more batches than the window holds, every one of them read, once the iteration ends.
        long pushedBefore = b.server.metrics().eventsPushed();
        int batches = 3 * ChannelSocketBenchmark.STREAM_WINDOW;
        for (int i = 0; i < batches; i++) {
          b.pushStreamed();
          b.pushStreamedServerOnly();
          b.transportOnly();
        }
        b.awaitStreamed();
        assertThat(b.streamed.count()).as(packer).isLessThanOrEqualTo(0);
        assertThat(b.rawStreamed.count()).as(packer).isLessThanOrEqualTo(0); // the lockstep frames above counted too
        assertThat(b.bareStreamed.count()).as(packer).isZero();
        assertThat(b.server.metrics().eventsPushed() - pushedBefore).as(packer)
            .isEqualTo(2L * batches * ChannelSocketBenchmark.BATCH);
      } finally {
        b.tearDown();
      }
    }
  }

  @Test
  void largeStreamedBatchesArriveWhole() throws InterruptedException {
    for (String packer : new String[] {"edn", "json"}) {
      ChannelSocketBenchmark b = new ChannelSocketBenchmark();
      b.packer = packer;
      b.setUp(true);
      try {
        long pushedBefore = b.server.metrics().eventsPushed();
        int batches = 3 * ChannelSocketBenchmark.LARGE_STREAM_WINDOW;
        for (int i = 0; i < batches; i++) {
          b.pushStreamedLarge();
          b.pushStreamedServerOnlyLarge();
          b.transportOnlyLarge();
        }
        b.awaitStreamed();
        assertThat(b.streamed.count()).as(packer).isZero();
        assertThat(b.rawStreamed.count()).as(packer).isZero();
        assertThat(b.bareStreamed.count()).as(packer).isZero();
        assertThat(b.rawFrames.availablePermits()).as(packer + ": one frame per batch").isEqualTo(batches);
        assertThat(b.server.metrics().eventsPushed() - pushedBefore).as(packer)
            .isEqualTo(2L * batches * ChannelSocketBenchmark.LARGE_BATCH);
      } finally {
        b.tearDown();
      }
    }
  }
}
