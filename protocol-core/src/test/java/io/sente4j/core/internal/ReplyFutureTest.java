package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.Qt;
import io.sente4j.core.ReplyTimeoutException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A reply future's outcome is handed to a thread blocked on it, which completes the future (the dependent stages run
 * there); with nobody blocked, the executor completes it; never the delivering thread. The future's first completion,
 * whichever way it comes, is the only outcome anybody sees.
 */
class ReplyFutureTest {
  /** An executor that keeps its tasks until the test runs them, and remembers which thread ran them. */
  private static final class Held implements Executor {
    final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
      tasks.add(task);
    }

    synchronized void runAll() {
      while (!tasks.isEmpty()) {
        tasks.poll().run();
      }
    }
  }

  private final AtomicInteger cancels = new AtomicInteger();

  private ReplyFuture future() {
    return new ReplyFuture(cancels::incrementAndGet);
  }

  /** Starts a thread blocked in {@code join()} and returns what it got (a value or the exception). */
  private static CompletableFuture<Object> joinInThread(ReplyFuture f, CountDownLatch started) {
    CompletableFuture<Object> got = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      started.countDown();
      try {
        got.complete(f.join());
      } catch (RuntimeException e) {
        got.complete(e);
      }
    }, "joiner");
    t.setDaemon(true);
    t.start();
    return got;
  }

  @Test
  void aBlockedJoinIsHandedTheReplyAndCompletesTheFutureItself() throws Exception {
    ReplyFuture f = future();
    Held executor = new Held();
    AtomicReference<String> stageRanOn = new AtomicReference<>();
    CompletableFuture<Object> stage = f.thenApply(v -> {
      stageRanOn.set(Thread.currentThread().getName());
      return v;
    });
    CompletableFuture<Object> got = blockedJoin(f);

    f.deliver("pong", null, executor);

    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
    assertThat(stage.get(10, TimeUnit.SECONDS)).isEqualTo("pong");
    assertThat(stageRanOn.get()).isEqualTo("joiner");
    assertThat(executor.tasks).as("nothing left for the executor").isEmpty();
  }

  /** A thread blocked in {@code f.join()}, parked by the time this returns; what it got (a value or the exception). */
  private static CompletableFuture<Object> blockedJoin(ReplyFuture f) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Object> got = joinInThread(f, started);
    started.await();
    awaitParked(f);
    return got;
  }

  /** Waits until some thread is parked on {@code f}, so that what the test does next finds it waiting. */
  private static void awaitParked(ReplyFuture f) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (java.util.concurrent.locks.LockSupport.getBlocker(t) == f) {
          return;
        }
      }
      Thread.sleep(1);
    }
    throw new AssertionError("no thread parked on the future");
  }

  @Test
  void withNobodyBlockedTheExecutorCompletesTheFutureAndRunsItsStages() {
    ReplyFuture f = future();
    Held executor = new Held();
    AtomicReference<String> ranOn = new AtomicReference<>();
    CompletableFuture<Object> both = CompletableFuture.allOf(f, CompletableFuture.completedFuture(1))
        .thenApply(v -> {
          ranOn.set(Thread.currentThread().getName());
          return f.join();
        });

    f.deliver("value", null, executor);

    assertThat(f.isDone()).as("not done before the executor completes it").isFalse();
    assertThat(ranOn.get()).as("no stage runs on the delivering thread").isNull();
    Thread runner = new Thread(executor::runAll, "the-executor");
    runner.start();
    assertThat(both.join()).isEqualTo("value");
    assertThat(f.join()).isEqualTo("value");
    assertThat(ranOn.get()).isEqualTo("the-executor");
  }

  @Test
  void aThreadThatStartsWaitingAfterTheDeliveryIsWokenByTheExecutorsCompletion() throws Exception {
    ReplyFuture f = future();
    Held executor = new Held();
    f.deliver("value", null, executor); // nobody waits yet: the completion goes to the executor
    CompletableFuture<Object> got = blockedJoin(f);

    executor.runAll();

    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("value");
  }

  @Test
  void aForkJoinPoolThreadWaitsForTheExecutorsCompletion() throws Exception {
    ReplyFuture f = future();
    java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(1);
    try {
      // One pool thread joins; the delivery's completion needs a pool thread too: the pool must make up for the
      // joiner, which it does only for the ordinary, managed wait.
      java.util.concurrent.ForkJoinTask<Object> joiner = pool.submit(() -> f.join());
      Thread.sleep(20);
      f.deliver("value", null, pool);
      assertThat(joiner.get(10, TimeUnit.SECONDS)).isEqualTo("value");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDeliveredErrorIsThrownTheWayCompletableFutureThrowsIt() {
    ReplyFuture f = future();
    ReplyTimeoutException error = new ReplyTimeoutException("no reply to :x/y within PT1S");
    Held executor = new Held();
    f.deliver(null, error, executor);
    executor.runAll();

    assertThat(f.isCompletedExceptionally()).isTrue();
    assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCause(error);
    assertThatThrownBy(f::get).isInstanceOf(ExecutionException.class).hasCause(error);
    assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(error);
    assertThatThrownBy(() -> f.getNow("absent")).isInstanceOf(CompletionException.class).hasCause(error);
  }

  @Test
  void anExecutorThatRefusesCompletesTheFutureOnTheDeliveringThread() {
    ReplyFuture f = future();
    f.deliver("value", null, task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    });

    assertThat(f.thenApply(v -> v + "!").getNow(null)).isEqualTo("value!");
  }

  @Test
  void anExecutorThatRefusesByThrowingAnythingElseCompletesTheFutureOnTheDeliveringThreadToo() {
    // Regression: only a RejectedExecutionException was a refusal; the IllegalStateException was thrown to the
    // delivering thread and the future was never completed.
    ReplyFuture f = future();
    f.deliver("value", null, task -> {
      throw new IllegalStateException("bounded queue full (expected in this test)");
    });

    assertThat(f.thenApply(v -> v + "!").getNow(null)).isEqualTo("value!");
  }

  @Test
  void aCompletionTheExecutorQueuedBeforeThrowingIsNotRunAgain() {
    ReplyFuture f = future();
    Held queued = new Held();
    f.deliver("value", null, task -> {
      queued.execute(task);
      throw new IllegalStateException("queued, then failed to start a worker (expected in this test)");
    });
    assertThat(f.getNow(null)).isEqualTo("value");
    f.obtrudeValue("changed");
    queued.tasks.forEach(Runnable::run);
    assertThat(f.getNow(null)).as("the queued completion did not run after the refusal").isEqualTo("changed");
  }

  @Test
  void aCancelWakesABlockedJoinAndForgetsTheRequest() throws Exception {
    ReplyFuture f = future();
    CompletableFuture<Object> got = blockedJoin(f);

    assertThat(f.cancel(false)).isTrue();

    assertThat(got.get(10, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThat(cancels).hasValue(1);
  }

  @Test
  void anApplicationsOwnCompleteWakesABlockedJoin() throws Exception {
    ReplyFuture f = future();
    CompletableFuture<Object> got = blockedJoin(f);

    assertThat(f.complete("mine")).isTrue();

    assertThat(got.get(10, TimeUnit.SECONDS)).isEqualTo("mine");
  }

  @Test
  void aSecondWaiterWaitsForTheCompletionItself() throws Exception {
    ReplyFuture f = future();
    Held executor = new Held();
    CountDownLatch started = new CountDownLatch(2);
    CompletableFuture<Object> first = joinInThread(f, started);
    CompletableFuture<Object> second = joinInThread(f, started);
    started.await();
    awaitParked(f);
    Thread.sleep(20); // the other joiner waits the ordinary way, or finds the outcome: either way it gets it

    f.deliver("value", null, executor);
    executor.runAll(); // nothing to run when the first joiner was handed the outcome

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("value");
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("value");
  }

  @Test
  void aTimedGetGivesUpWithATimeoutAndAnInterruptEndsAGet() throws Exception {
    ReplyFuture f = future();
    assertThatThrownBy(() -> f.get(30, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        f.get();
      } catch (Throwable e) {
        thrown.set(e);
      }
    });
    t.start();
    awaitParked(f);
    t.interrupt();
    t.join(10_000);
    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(f.isDone()).isFalse();
  }

  @Test
  void aTimedGetRacingTheDeliveryNeverLosesTheCompletion() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 2_000; i++) {
        ReplyFuture f = future();
        CompletableFuture<Object> stage = f.thenApply(v -> v);
        Thread deliverer = new Thread(() -> f.deliver("v", null, pool));
        deliverer.start();
        try {
          assertThat(f.get(i % 50, TimeUnit.MICROSECONDS)).isEqualTo("v");
        } catch (TimeoutException e) {
          // the delivery came after the get gave up: the executor completes the future instead
        }
        assertThat(stage.get(10, TimeUnit.SECONDS)).as("round " + i).isEqualTo("v");
        deliverer.join();
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void anInterruptDoesNotEndAJoinButIsKept() throws Exception {
    ReplyFuture f = future();
    AtomicReference<Object> got = new AtomicReference<>();
    AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
    Thread t = new Thread(() -> {
      got.set(f.join());
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    t.start();
    awaitParked(f);
    t.interrupt();
    Thread.sleep(20); // time to end the join, which it must not
    assertThat(t.isAlive()).isTrue();
    f.deliver("late", null, Runnable::run);
    t.join(10_000);
    assertThat(got.get()).isEqualTo("late");
    assertThat(stillInterrupted.get()).isTrue();
  }

  /**
   * Any order of a delivery (value or error), an application's complete, completeExceptionally and cancel, with the
   * executor running at any point: the first completion (a delivery completes when the executor runs) fixes the
   * outcome for every getter and every dependent stage.
   */
  @Test
  void theFirstCompletionIsTheOnlyOutcomeAnybodySees() {
    Qt.seeded(0x7e91L)
        .forAll(lists().of(integers().between(0, 4)).ofSizeBetween(1, 6), integers().between(0, 6))
        .checkAssert(this::firstCompletionWins);
  }

  private void firstCompletionWins(List<Integer> ops, int executorRunsAfter) {
    ReplyFuture f = future();
    Held executor = new Held();
    CompletableFuture<Object> dependent = f.handle((v, e) -> e == null ? v : e);
    Object expected = null;
    Object delivery = null;
    for (int i = 0; i < ops.size(); i++) {
      if (i == executorRunsAfter) {
        executor.runAll();
        if (expected == null) {
          expected = delivery;
        }
      }
      Object completion = null;
      switch (ops.get(i)) {
        case 0, 1 -> {
          if (delivery == null) { // the pending table delivers at most once
            delivery = ops.get(i) == 0 ? "reply-" + i : "timeout-" + i;
            if (ops.get(i) == 0) {
              f.deliver("reply-" + i, null, executor);
            } else {
              f.deliver(null, new ReplyTimeoutException("t" + i), executor);
            }
          }
        }
        case 2 -> {
          f.complete("own-" + i);
          completion = "own-" + i;
        }
        case 3 -> {
          f.completeExceptionally(new IllegalStateException("own-error-" + i));
          completion = "own-error-" + i;
        }
        default -> {
          f.cancel(false);
          completion = "cancelled";
        }
      }
      if (expected == null) {
        expected = completion;
      }
    }
    executor.runAll();
    if (expected == null) {
      expected = delivery;
    }
    assertThat(describe(() -> f.join())).isEqualTo(expected);
    assertThat(describe(dependent::join)).isEqualTo(expected);
    assertThat(describe(() -> f.getNow("absent"))).isEqualTo(expected);
    assertThat(f.isDone()).isTrue();
  }

  /** The outcome as the model names it: the value, or the message of the error it carries. */
  private static Object describe(java.util.function.Supplier<Object> read) {
    try {
      Object v = read.get();
      if (v instanceof Throwable) { // the dependent stage's view of an error
        return name((Throwable) v);
      }
      return v;
    } catch (CancellationException e) {
      return "cancelled";
    } catch (CompletionException e) {
      return name(e.getCause());
    }
  }

  private static Object name(Throwable e) {
    if (e instanceof CompletionException) {
      e = e.getCause();
    }
    if (e instanceof CancellationException) {
      return "cancelled";
    }
    if (e instanceof ReplyTimeoutException) {
      return "timeout-" + e.getMessage().substring(1);
    }
    return e.getMessage();
  }
}
