package io.sente4j.transport.inmemory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded waits for other threads: polling with a deadline, futures with a timeout. */
final class Await {
  private Await() {}

  /** Polls {@code condition} until it holds, failing after {@link Recorder#WAIT}. */
  static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Recorder.WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + Recorder.WAIT + " waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  /** The future's value, failing after {@link Recorder#WAIT}; rethrows its failure as is. */
  static <T> T result(CompletableFuture<T> f) {
    try {
      return f.get(Recorder.WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + Recorder.WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The future's failure (unwrapped), failing if it succeeds or takes longer than {@link Recorder#WAIT}. */
  static Throwable failure(CompletableFuture<?> f) {
    try {
      Object value = f.get(Recorder.WAIT.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure, got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("no result within " + Recorder.WAIT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (java.util.concurrent.CancellationException e) {
      return e;
    }
  }
}
