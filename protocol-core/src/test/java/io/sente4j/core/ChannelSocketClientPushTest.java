package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.internal.ClientMdc;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ChannelSocketClientPushTest {
  private final ClientFixture f = new ClientFixture(4, ToyPacker.TEXT);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void pushesReachTheHandlerOneAtATimeInOrder() throws InterruptedException {
    int n = 200;
    List<Long> seen = new ArrayList<>();
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    CountDownLatch all = new CountDownLatch(n);
    f.start(f.builder(ToyPacker.TEXT).pushHandler(event -> {
      if (inside.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      Thread.yield();
      synchronized (seen) {
        seen.add((Long) event.data());
      }
      inside.decrementAndGet();
      all.countDown();
    }));
    FakeConnection c = f.connectOpen("alice");
    for (long i = 0; i < n; i += 4) {
      c.push(Frame.Push.of(Event.of("app/n", i), Event.of("app/n", i + 1), Event.of("app/n", i + 2),
          Event.of("app/n", i + 3)));
    }
    assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(overlaps.get()).isZero();
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      expected.add(i);
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void aHandlerThatThrowsIsReportedAndTheNextPushStillArrives() {
    RuntimeException boom = new IllegalStateException("boom");
    f.start(f.builder(ToyPacker.TEXT).pushHandler(event -> {
      if (event.data().equals(1L)) {
        throw boom;
      }
      f.pushes.add(event);
    }));
    FakeConnection c = f.connectOpen("alice");
    c.push(Frame.Push.of(Event.of("app/n", 1L), Event.of("app/n", 2L)));
    assertThat(f.nextError()).isSameAs(boom);
    assertThat(f.nextPush()).isEqualTo(Event.of("app/n", 2L));
  }

  @Test
  void aHandlerThatThrowsInsideABatchIsReportedOnceAndTheRestOfTheBatchStillArrivesInOrder() {
    RuntimeException boom = new IllegalStateException("boom");
    f.start(f.builder(ToyPacker.TEXT).pushHandler(event -> {
      if (event.data().equals(2L)) {
        throw boom;
      }
      f.pushes.add(event);
    }));
    FakeConnection c = f.connectOpen("alice");
    c.push(Frame.Push.of(Event.of("app/n", 1L), Event.of("app/n", 2L), Event.of("app/n", 3L)));
    c.push(Frame.Push.of(Event.of("app/n", 4L)));
    assertThat(f.nextPush()).isEqualTo(Event.of("app/n", 1L));
    assertThat(f.nextPush()).isEqualTo(Event.of("app/n", 3L));
    assertThat(f.nextPush()).isEqualTo(Event.of("app/n", 4L));
    assertThat(f.nextError()).isSameAs(boom);
  }

  @Test
  void handlersRunWithTheUidAndClientIdInTheMdc() {
    List<String> mdc = new ArrayList<>();
    f.start(f.builder(ToyPacker.TEXT).pushHandler(event -> {
      synchronized (mdc) {
        mdc.add(MDC.get(ClientMdc.UID) + " " + MDC.get(ClientMdc.CLIENT_ID));
      }
      f.pushes.add(event);
    }));
    FakeConnection c = f.connectOpen("alice");
    c.push(Frame.Push.of(Event.of("app/n", 1L)));
    f.nextPush();
    synchronized (mdc) {
      // slf4j without a provider keeps no MDC; with one, the values are there
      assertThat(mdc).hasSize(1);
      assertThat(mdc.get(0)).isIn("alice c1", "null null");
    }
  }
}
