package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  /** An executor that queues what it is given until the test runs it. */
  private static final class Manual implements Executor {
    final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    boolean refuse;

    @Override
    public void execute(Runnable r) {
      if (refuse) {
        throw new RejectedExecutionException("shut down");
      }
      queue.add(r);
    }

    void runAll() {
      while (!queue.isEmpty()) {
        queue.poll().run();
      }
    }
  }

  @Test
  void runsTasksInOrderOneDrainAtATime() {
    Manual delegate = new Manual();
    SerialExecutor serial = new SerialExecutor(delegate);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      serial.execute(() -> ran.add(n));
    }
    assertThat(delegate.queue).hasSize(1);
    assertThat(serial.pending()).isEqualTo(10);
    delegate.runAll();
    assertThat(ran).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(serial.pending()).isZero();
  }

  @Test
  void aLongQueueYieldsItsThreadBetweenBursts() {
    Manual delegate = new Manual();
    SerialExecutor serial = new SerialExecutor(delegate);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      int n = i;
      serial.execute(() -> ran.add(n));
    }
    delegate.queue.poll().run();
    assertThat(ran).hasSize(64);
    assertThat(delegate.queue).hasSize(1); // the rest waits its turn behind other work
    delegate.runAll();
    assertThat(ran).hasSize(100).isSorted();
  }

  @Test
  void aFailingTaskDoesNotStopTheQueue() {
    Manual delegate = new Manual();
    SerialExecutor serial = new SerialExecutor(delegate);
    List<String> ran = new ArrayList<>();
    serial.execute(() -> {
      throw new IllegalStateException("boom");
    });
    serial.execute(() -> ran.add("after"));
    delegate.runAll();
    assertThat(ran).containsExactly("after");
  }

  @Test
  void tasksARefusingDelegateCannotRunAreDroppedAndTheQueueRecovers() {
    Manual delegate = new Manual();
    SerialExecutor serial = new SerialExecutor(delegate);
    delegate.refuse = true;
    serial.execute(() -> {});
    assertThat(serial.pending()).isZero();
    delegate.refuse = false;
    List<String> ran = new ArrayList<>();
    serial.execute(() -> ran.add("later"));
    delegate.runAll();
    assertThat(ran).containsExactly("later");
  }

  @Test
  void aDelegateThatRefusesWithAnotherExceptionDropsTheTasksAndTheQueueRecovers() {
    // Regression: only RejectedExecutionException was taken for a refusal. A bounded executor throwing
    // IllegalStateException left the queue scheduled for good, so nothing queued on it ever ran again, and a
    // Refusable task (a WebSocket event, counted in its connection's receive queue) was never told.
    SerialExecutor[] serial = new SerialExecutor[1];
    boolean[] refuse = {true};
    List<Runnable> queue = new ArrayList<>();
    serial[0] = new SerialExecutor(task -> {
      if (refuse[0]) {
        throw new IllegalStateException("bounded queue full (expected in this test)");
      }
      queue.add(task);
    });
    List<String> told = new ArrayList<>();
    serial[0].execute(new SerialExecutor.Refusable() {
      @Override
      public void run() {
        told.add("ran");
      }

      @Override
      public void refused(Throwable error) {
        told.add("refused: " + error.getMessage());
      }
    });
    assertThat(told).containsExactly("refused: bounded queue full (expected in this test)");
    assertThat(serial[0].pending()).isZero();
    refuse[0] = false;
    serial[0].execute(() -> told.add("later"));
    queue.forEach(Runnable::run);
    assertThat(told).endsWith("later");
  }

  @Test
  void anInlineQueueRunsWhatWasQueuedMeanwhileWithoutNestingADrainPerBurst() {
    // Regression (SerialListener's queue): over Runnable::run, the hand-back after each burst of 64 was a nested drain,
    // so calls queued while another ran deepened the stack by a few frames per 64.
    SerialExecutor serial = SerialExecutor.inline();
    List<Integer> depths = new ArrayList<>();
    serial.execute(() -> {
      for (int i = 0; i < 6_400; i++) {
        serial.execute(() -> depths.add(Thread.currentThread().getStackTrace().length)); // queued: one is running
      }
    });
    assertThat(depths).hasSize(6_400);
    assertThat(depths.get(depths.size() - 1) - depths.get(0)).as("stack growth over 100 bursts").isLessThan(5);
  }
}
