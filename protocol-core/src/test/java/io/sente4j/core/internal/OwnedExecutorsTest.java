package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OwnedExecutorsTest {

  @Test
  void theHandlerPoolRunsTasksOnNamedDaemonThreadsWithTheBuildersContextClassLoader() throws Exception {
    ClassLoader builders = new URLClassLoader(new URL[0], getClass().getClassLoader());
    Thread builder = Thread.currentThread();
    ClassLoader before = builder.getContextClassLoader();
    OwnedExecutors owned = new OwnedExecutors("test");
    Executor handlers;
    try {
      builder.setContextClassLoader(builders);
      handlers = owned.handlerExecutor(null);
    } finally {
      builder.setContextClassLoader(before);
    }
    try {
      CompletableFuture<Thread> ranOn = new CompletableFuture<>();
      handlers.execute(() -> ranOn.complete(Thread.currentThread()));
      Thread t = ranOn.get(5, TimeUnit.SECONDS);
      assertThat(t.getName()).startsWith("sente4j-test-handler-");
      assertThat(t.isDaemon()).isTrue();
      assertThat(t.getContextClassLoader()).isSameAs(builders);
    } finally {
      owned.shutdown();
    }
  }

  @Test
  void shutdownLetsTheHandlerPoolFinishItsQueuedTasksAndRefusesNewOnes() throws Exception {
    OwnedExecutors owned = new OwnedExecutors("test");
    Executor handlers = owned.handlerExecutor(null);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> ran = new CopyOnWriteArrayList<>();
    int queued = 200;
    CountDownLatch allRan = new CountDownLatch(queued);
    // Serial, as the server hands its work over: one connection's tasks queued behind one that blocks, more of them
    // than one burst (64), so that the queue hands its drain back to the pool after the shutdown, from a pool thread.
    SerialExecutor serial = new SerialExecutor(handlers);
    serial.execute(() -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    for (int i = 0; i < queued; i++) {
      int n = i;
      serial.execute(() -> {
        ran.add(n);
        allRan.countDown();
      });
    }
    owned.shutdown();
    release.countDown();
    assertThat(allRan.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasSize(queued).isSorted();
    assertThatThrownBy(() -> handlers.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
  }

  @Test
  void aGivenHandlerExecutorIsUsedAsItIsAndNotShutDown() {
    OwnedExecutors owned = new OwnedExecutors("test");
    List<Runnable> given = new CopyOnWriteArrayList<>();
    Executor mine = given::add;
    assertThat(owned.handlerExecutor(mine)).isSameAs(mine);
    owned.shutdown();
    owned.handlerExecutor(mine).execute(() -> {});
    assertThat(given).hasSize(1);
  }
}
