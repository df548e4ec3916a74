package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FallbackExecutorTest {

  @Test
  void tasksTheExecutorTakesRunThere() {
    List<String> ran = new CopyOnWriteArrayList<>();
    FallbackExecutor e = new FallbackExecutor(Runnable::run, "fallback");
    e.execute(() -> ran.add(Thread.currentThread().getName()));
    assertThat(ran).containsExactly(Thread.currentThread().getName());
  }

  @Test
  void tasksTheExecutorRefusesRunInOrderOnTheFallbackThreadNeverTheCallers() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    FallbackExecutor e = new FallbackExecutor(task -> {
      throw new RejectedExecutionException("shut down (expected in this test)");
    }, "fallback");
    for (int i = 0; i < 3; i++) {
      int n = i;
      e.execute(() -> {
        ran.add(n + " on " + Thread.currentThread().getName());
        done.countDown();
      });
    }
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).containsExactly("0 on fallback", "1 on fallback", "2 on fallback");
  }

  @Test
  void aTaskTheExecutorRefusesByThrowingAnythingElseRunsOnTheFallbackThreadToo() throws Exception {
    // Regression: only a RejectedExecutionException was a refusal; the IllegalStateException was thrown to the
    // caller (a transport thread delivering a reply) and the task never ran.
    CompletableFuture<String> ran = new CompletableFuture<>();
    FallbackExecutor e = new FallbackExecutor(task -> {
      throw new IllegalStateException("bounded queue full (expected in this test)");
    }, "fallback");
    e.execute(() -> ran.complete(Thread.currentThread().getName()));
    assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("fallback");
  }

  @Test
  void aTaskTheExecutorQueuedBeforeThrowingRunsOnceOnly() throws Exception {
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    FallbackExecutor e = new FallbackExecutor(task -> {
      queued.add(task);
      throw new IllegalStateException("queued, then failed to start a worker (expected in this test)");
    }, "fallback");
    e.execute(() -> {
      runs.incrementAndGet();
      done.countDown();
    });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    queued.forEach(Runnable::run);
    assertThat(runs).hasValue(1);
  }

  @Test
  void anInlineExecutorsTaskFailureIsThrownToTheCallerNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    FallbackExecutor e = new FallbackExecutor(Runnable::run, "fallback");
    assertThatThrownBy(() -> e.execute(() -> {
      runs.incrementAndGet();
      throw new IllegalStateException("the task's own failure (expected in this test)");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(runs).hasValue(1);
  }
}
