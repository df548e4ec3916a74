package io.sente4j.core;

import static io.sente4j.core.AjaxCalls.handshake;
import static io.sente4j.core.AjaxCalls.poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The batches held for an Ajax client between polls, of random sizes, under a packer with random collection and frame
 * limits (each pushed batch within the frame limit; the server's push encoder holds one over the collection limit as
 * several frames): every poll answer is a frame the client can read (its events within the collection limit, its
 * bytes within the frame limit), it takes as many of the held frames as fit (the next one would not), and the polls
 * bring every event once, in send order.
 */
class HeldPushJoinPropertyTest {

  /** One example: the events of each batch (their padding lengths), the collection limit, bytes over the largest. */
  private record Example(List<List<Integer>> batches, int maxCollectionSize, int spareBytes) {}

  @Test
  void eachPollTakesTheLongestRunOfHeldBatchesTheClientCanRead() {
    Qt.seeded(0x501dL).withExamples(Integer.getInteger("sente4j.qt.examples", 40))
        .forAll(lists().of(lists().of(integers().between(0, 12)).ofSizeBetween(1, 4)).ofSizeBetween(1, 8)
            .zip(integers().between(1, 8), integers().between(0, 80), Example::new))
        .checkAssert(HeldPushJoinPropertyTest::run);
  }

  private static Event ev(long seq, int padding) {
    return Event.of("n/n", List.of(seq, "x".repeat(padding)));
  }

  private static int bytes(List<Event> events) {
    return FakeChannel.CODEC.encode(new Frame.Push(events)).byteLength();
  }

  private static void run(Example x) {
    List<List<Event>> batches = new ArrayList<>();
    long seq = 0;
    for (List<Integer> paddings : x.batches()) {
      List<Event> batch = new ArrayList<>();
      for (int padding : paddings) {
        batch.add(ev(seq++, padding));
      }
      batches.add(batch);
    }
    int maxBytes = batches.stream().mapToInt(HeldPushJoinPropertyTest::bytes).max().orElseThrow() + x.spareBytes();
    PackerLimits limits = PackerLimits.builder().maxCollectionSize(x.maxCollectionSize()).maxInputBytes(maxBytes)
        .build();
    List<List<Event>> held = new ArrayList<>(); // the frames the push encoder makes of the batches
    for (List<Event> batch : batches) {
      for (int from = 0; from < batch.size(); from += x.maxCollectionSize()) {
        held.add(batch.subList(from, Math.min(batch.size(), from + x.maxCollectionSize())));
      }
    }
    try (ServerFixture f = new ServerFixture(ToyPacker.textWithLimits(limits), b -> b)) {
      handshake(f, "alice", "c1");
      batches.forEach(batch -> f.pushBatch("alice", batch));
      int next = 0; // the first batch not yet polled
      List<Event> received = new ArrayList<>();
      while (next < held.size()) {
        FakeHeld answer = poll(f, "alice", "c1");
        List<Event> pushed = answer.pushedEvents();
        assertThat(answer.body().fitsIn(maxBytes)).as("within the frame limit").isTrue();
        int taken = 0;
        List<Event> run = new ArrayList<>();
        while (run.size() < pushed.size()) {
          run.addAll(held.get(next + taken++));
        }
        assertThat(pushed).as("whole frames, in order").isEqualTo(run);
        assertThat(pushed.size()).as("within the collection limit").isLessThanOrEqualTo(x.maxCollectionSize());
        if (next + taken < held.size()) {
          List<Event> more = new ArrayList<>(run);
          more.addAll(held.get(next + taken));
          assertThat(more.size() > x.maxCollectionSize() || bytes(more) > maxBytes)
              .as("the next batch would not fit with them").isTrue();
        }
        received.addAll(pushed);
        next += taken;
      }
      assertThat(received).isEqualTo(batches.stream().flatMap(List::stream).toList());
      assertThat(poll(f, "alice", "c1").isAnswered()).as("nothing more held: parked").isFalse();
      f.idle();
      assertThat(f.errors).isEmpty();
    }
  }
}
