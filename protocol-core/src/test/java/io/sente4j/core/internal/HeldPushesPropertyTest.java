package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.Bytes;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.core.Qt;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * {@link HeldPushes} counts a text batch's bytes only when its decision needs them; every decision must be the one
 * exact counting makes. Checked against a model that counts every batch's UTF-8 bytes as it comes, over random
 * steps: batches of one- to four-byte text and binary, near and past the byte limit, expiries, takes and put-backs.
 */
class HeldPushesPropertyTest {
  private static final String[] UNITS = {"a", "\u00e9", "\u20ac", "\ud83d\ude00"};

  /** A step: 0-5 add a batch of that many events and {@code size} units, 6 expires, 7 takes all and puts back some. */
  private record Step(int kind, int size, int unit, boolean binary) {}

  private static Gen<Step> steps() {
    return integers().between(0, 7).zip(integers().between(0, 40), integers().between(0, 3),
        integers().between(0, 4), (kind, size, unit, binary) -> new Step(kind, size, unit, binary == 0));
  }

  private static Payload payload(Step s) {
    String text = UNITS[s.unit()].repeat(s.size());
    return s.binary() ? Payload.binary(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8))) : Payload.text(text);
  }

  @Test
  void decidesAsExactCountingDoes() {
    Qt.seeded(0x4e1dL).forAll(integers().between(1, 12), integers().between(1, 90), lists().of(steps())
        .ofSizeBetween(1, 60)).checkAssert((maxEvents, maxBytes, steps) -> {
          HeldPushes held = new HeldPushes(maxEvents, maxBytes);
          ArrayDeque<HeldPushes.Batch> model = new ArrayDeque<>();
          long now = 0;
          for (Step s : steps) {
            now += 10;
            if (s.kind() <= 5) {
              List<Event> events = Collections.nCopies(s.kind(), new Event(Keyword.of("n", "n"), 1L));
              HeldPushes.Batch b = new HeldPushes.Batch(events, payload(s), now + s.size());
              assertThat(held.add(b)).as("dropped").isEqualTo(modelAdd(model, b, maxEvents, maxBytes));
            } else if (s.kind() == 6) {
              List<HeldPushes.Batch> expired = new ArrayList<>();
              while (!model.isEmpty() && model.peekFirst().deadlineNanos() - now <= 0) {
                expired.add(model.removeFirst());
              }
              assertThat(held.expire(now)).as("expired").isEqualTo(expired);
            } else {
              List<HeldPushes.Batch> all = held.takeAll();
              assertThat(all).isEqualTo(new ArrayList<>(model));
              List<HeldPushes.Batch> back = all.subList(Math.min(all.size(), s.size() % 3), all.size());
              held.putBack(back);
              model.clear();
              model.addAll(back);
            }
            assertThat(held.eventCount()).isEqualTo(model.stream().mapToInt(b -> b.events().size()).sum());
            if (s.size() % 5 == 0) { // now and then: counting everything must not change later decisions
              assertThat(held.byteCount()).isEqualTo(bytes(model));
            }
          }
        });
  }

  private static List<HeldPushes.Batch> modelAdd(ArrayDeque<HeldPushes.Batch> model, HeldPushes.Batch b,
      int maxEvents, long maxBytes) {
    long size = b.packed().byteLength();
    if (b.events().size() > maxEvents || size > maxBytes) {
      return List.of(b);
    }
    List<HeldPushes.Batch> dropped = new ArrayList<>();
    while (events(model) + b.events().size() > maxEvents || bytes(model) + size > maxBytes) {
      dropped.add(model.removeFirst());
    }
    model.addLast(b);
    return dropped;
  }

  private static int events(ArrayDeque<HeldPushes.Batch> model) {
    return model.stream().mapToInt(b -> b.events().size()).sum();
  }

  private static long bytes(ArrayDeque<HeldPushes.Batch> model) {
    return model.stream().mapToLong(b -> b.packed().byteLength()).sum();
  }
}
