package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Event;
import io.sente4j.core.LiveTimers;
import io.sente4j.core.RushingScheduler;
import io.sente4j.core.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A uid's push buffer when its window's timer fires before {@code schedule} has returned. */
class PushBuffersRushedTimerTest {
  private static final Duration WINDOW = Duration.ofMillis(30);

  private final VirtualScheduler time = new VirtualScheduler();
  private final List<List<Event>> flushed = new CopyOnWriteArrayList<>();
  private final List<List<Event>> dropped = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> refused = new CopyOnWriteArrayList<>();

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void aWindowThatEndsAsItStartsFlushesItsEventAndTheNextWindowStillEnds(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    PushBuffers buffers = new PushBuffers(timers, Runnable::run, WINDOW, 100, (uid, batch) -> flushed.add(batch),
        (uid, batch) -> dropped.add(batch), (uid, e) -> refused.add(e));
    rushing.rush(1, WINDOW::equals);

    buffers.add("u", Event.of("app/one", 1));
    rushing.awaitRushed();

    assertThat(rushing.rushed()).isEqualTo(1);
    assertThat(rushing.failures()).isEmpty();
    assertThat(flushed).containsExactly(List.of(Event.of("app/one", 1)));

    buffers.add("u", Event.of("app/two", 2));
    buffers.add("u", Event.of("app/three", 3));
    time.advance(WINDOW);

    assertThat(flushed).containsExactly(List.of(Event.of("app/one", 1)),
        List.of(Event.of("app/two", 2), Event.of("app/three", 3)));
    buffers.stop();
    assertThat(dropped).isEmpty();
    assertThat(refused).isEmpty();
    assertThat(timers.live()).isZero();
  }

  @ParameterizedTest
  @EnumSource(RushingScheduler.Mode.class)
  void everyWindowEndingAsItStartsStillFlushesEveryEventInOrder(RushingScheduler.Mode mode)
      throws InterruptedException {
    RushingScheduler rushing = new RushingScheduler(time, mode);
    LiveTimers timers = new LiveTimers(rushing);
    PushBuffers buffers = new PushBuffers(timers, Runnable::run, WINDOW, 100, (uid, batch) -> flushed.add(batch),
        (uid, batch) -> dropped.add(batch), (uid, e) -> refused.add(e));
    rushing.rush(delay -> true);

    for (int i = 0; i < 20; i++) {
      buffers.add("u", Event.of("app/n", i));
      if (i % 3 == 0) {
        buffers.flushThen("u", () -> null);
      }
    }
    rushing.awaitRushed();

    assertThat(rushing.failures()).isEmpty();
    assertThat(flushed.stream().flatMap(List::stream).map(Event::data).toList())
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 20).boxed().toList());
    buffers.stop();
    assertThat(dropped).isEmpty();
    assertThat(timers.live()).isZero();
  }
}
