package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Callbacks the executor refuses are dropped; whatever it throws to refuse them, later callbacks still run, and an
 * inline executor's callback that throws is reported, not taken for a refusal.
 */
class ClientDispatcherTest {
  private final List<String> ran = new ArrayList<>();
  private final List<Throwable> reported = new ArrayList<>();
  private RuntimeException refusal;
  private final Executor executor = task -> {
    if (refusal != null) {
      throw refusal;
    }
    task.run();
  };
  private final ClientDispatcher dispatcher = new ClientDispatcher(executor, "c1", reported::add);

  @Test
  void callbacksAfterARejectedOneStillRun() {
    refusal = new RejectedExecutionException("full (expected in this test)");
    dispatcher.submit("u", "push handler", () -> ran.add("dropped"));
    refusal = null;
    dispatcher.submit("u", "push handler", () -> ran.add("later"));
    assertThat(ran).containsExactly("later");
  }

  @Test
  void callbacksAfterOneRefusedByThrowingAnythingElseStillRun() {
    // Regression: the IllegalStateException was thrown to the caller (a transport thread) and the dispatcher stayed
    // scheduled for good: no callback ever ran again.
    refusal = new IllegalStateException("bounded queue full (expected in this test)");
    dispatcher.submit("u", "push handler", () -> ran.add("dropped"));
    refusal = null;
    dispatcher.submit("u", "push handler", () -> ran.add("later"));
    assertThat(ran).containsExactly("later");
  }

  @Test
  void aCallbackThatThrowsOnAnInlineExecutorIsReportedAndTheNextRuns() {
    IllegalStateException own = new IllegalStateException("the handler's own bug (expected in this test)");
    dispatcher.submit("u", "push handler", () -> {
      throw own;
    });
    dispatcher.submit("u", "push handler", () -> ran.add("next"));
    assertThat(reported).containsExactly(own);
    assertThat(ran).containsExactly("next");
  }
}
