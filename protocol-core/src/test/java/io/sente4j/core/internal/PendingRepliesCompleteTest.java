package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** A future {@link PendingReplies#complete} is given is completed whatever the executor throws to refuse it. */
class PendingRepliesCompleteTest {

  @Test
  void aCompletionTheExecutorRejectsRunsOnTheCallersThread() {
    CompletableFuture<String> f = new CompletableFuture<>();
    PendingReplies.complete(task -> {
      throw new RejectedExecutionException("shut down (expected in this test)");
    }, f, "value", null);
    assertThat(f.getNow(null)).isEqualTo("value");
  }

  @Test
  void aCompletionTheExecutorRefusesByThrowingAnythingElseRunsOnTheCallersThreadToo() {
    // Regression: only a RejectedExecutionException was a refusal; the IllegalStateException was thrown to the caller
    // and the future was never completed.
    CompletableFuture<String> f = new CompletableFuture<>();
    IllegalStateException failure = new IllegalStateException("the send failed");
    PendingReplies.complete(task -> {
      throw new IllegalStateException("bounded queue full (expected in this test)");
    }, f, null, failure);
    assertThat(f).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class).withCause(failure);
  }
}
