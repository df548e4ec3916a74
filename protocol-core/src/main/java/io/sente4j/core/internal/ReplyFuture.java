package io.sente4j.core.internal;

import java.util.concurrent.CompletableFuture;

/**
 * The future of a request that wants a reply. Cancelling it forgets the request's callback id: a reply that comes
 * later is dropped. Dependent stages are plain {@link CompletableFuture}s.
 */
public final class ReplyFuture extends CompletableFuture<Object> {
  private final Runnable onCancel;

  ReplyFuture(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  /** Cancels the request and forgets its callback id. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      onCancel.run();
    }
    return cancelled;
  }
}
