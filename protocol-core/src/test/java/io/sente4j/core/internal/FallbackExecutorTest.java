package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
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
}
