package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Checks that the transport's timeouts run on its own timer thread, not on the JVM's shared delay thread. */
final class TransportTimerAssertions {
  private TransportTimerAssertions() {}

  /**
   * Asserts that {@code thread} (the name of the thread a timeout's handling ran on, which now waits on {@code
   * release}) is the transport's timer, and that another timeout of the JVM fires meanwhile; then releases it.
   */
  static void assertTimedOnTheTransportsTimer(CompletableFuture<String> thread, CountDownLatch release)
      throws Exception {
    try {
      assertThat(thread.get(10, TimeUnit.SECONDS)).isEqualTo("sente4j-jdk-timer");
      CompletableFuture<Object> unrelated = new CompletableFuture<>().orTimeout(1, TimeUnit.MILLISECONDS);
      assertThatThrownBy(() -> unrelated.get(10, TimeUnit.SECONDS)).as("another timeout of the JVM, meanwhile")
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TimeoutException.class);
    } finally {
      release.countDown();
    }
  }
}
