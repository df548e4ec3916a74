package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class HandoffTest {
  private final List<String> ran = new ArrayList<>();
  private final List<Throwable> refusals = new ArrayList<>();

  @Test
  void aTaskTheExecutorRunsIsNotRefused() {
    Handoff.execute(Runnable::run, () -> ran.add("task"), refusals::add);
    assertThat(ran).containsExactly("task");
    assertThat(refusals).isEmpty();
  }

  @Test
  void aRejectedExecutionExceptionIsARefusal() {
    RejectedExecutionException full = new RejectedExecutionException("full");
    Handoff.execute(task -> {
      throw full;
    }, () -> ran.add("task"), refusals::add);
    assertThat(refusals).containsExactly(full);
    assertThat(ran).isEmpty();
  }

  @Test
  void anyOtherExceptionThrownBeforeTheTaskStartedIsARefusalToo() {
    IllegalStateException full = new IllegalStateException("bounded queue full");
    Handoff.execute(task -> {
      throw full;
    }, () -> ran.add("task"), refusals::add);
    assertThat(refusals).containsExactly(full);
    assertThat(ran).isEmpty();
  }

  @Test
  void aTaskQueuedByAnExecutorThatThenThrewNeverRunsAfterItsRefusal() {
    List<Runnable> queued = new ArrayList<>();
    Handoff.execute(task -> {
      queued.add(task);
      throw new IllegalStateException("queued, then failed to start a worker");
    }, () -> ran.add("task"), refusals::add);
    assertThat(refusals).hasSize(1);
    queued.forEach(Runnable::run);
    assertThat(ran).as("the refusal was handled in its place").isEmpty();
  }

  @Test
  void anInlineTasksOwnFailureIsNoRefusalAndIsThrownOn() {
    IllegalStateException own = new IllegalStateException("the task's own bug");
    assertThatThrownBy(() -> Handoff.execute(Runnable::run, () -> {
      throw own;
    }, refusals::add)).isSameAs(own);
    assertThat(refusals).as("taken for a refusal, the task's resources would be given back twice").isEmpty();

    OutOfMemoryError fatal = new OutOfMemoryError("(expected in this test)");
    assertThatThrownBy(() -> Handoff.execute(Runnable::run, () -> {
      throw fatal;
    }, refusals::add)).isSameAs(fatal);
    assertThat(refusals).isEmpty();
  }

  @Test
  void anExecutorThatThrowsAfterRunningTheTaskDidNotRefuseIt() {
    Executor runsThenThrows = task -> {
      task.run();
      throw new IllegalStateException("after the task");
    };
    assertThatThrownBy(() -> Handoff.execute(runsThenThrows, () -> ran.add("task"), refusals::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(ran).containsExactly("task");
    assertThat(refusals).isEmpty();
  }

  @Test
  void aFatalErrorThrownInsteadOfStartingTheTaskIsHandledAsARefusalThenThrownOn() {
    OutOfMemoryError noThread = new OutOfMemoryError("unable to create native thread (expected in this test)");
    assertThatThrownBy(() -> Handoff.execute(task -> {
      throw noThread;
    }, () -> ran.add("task"), refusals::add)).isSameAs(noThread);
    assertThat(refusals).containsExactly(noThread);
  }

  @Test
  void reportsNameWhatAnExecutorThrewInsteadOfRejectedExecutionException() {
    RejectedExecutionException rejected = new RejectedExecutionException("full");
    IllegalStateException other = new IllegalStateException("full");
    assertThat(Handoff.describe(rejected)).isEmpty();
    assertThat(Handoff.reportedCause(rejected)).isNull();
    assertThat(Handoff.describe(other))
        .isEqualTo(" (it threw java.lang.IllegalStateException: full instead of RejectedExecutionException)");
    assertThat(Handoff.reportedCause(other)).isSameAs(other);
  }
}
