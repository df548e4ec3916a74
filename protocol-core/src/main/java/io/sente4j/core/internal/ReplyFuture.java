package io.sente4j.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The future of a request that wants a reply. Cancelling it forgets the request's callback id: a reply that comes
 * later is dropped. Dependent stages are plain {@link CompletableFuture}s.
 *
 * <p>An outcome is <i>delivered</i> (usually on a transport thread) before the executor completes the future, since
 * completing runs the dependent stages, which are application code. A thread blocked in {@link #join()} or {@link
 * #get()} does not wait for the executor: the delivery wakes it with the outcome at once, saving the request's round
 * trip a thread hand-off. From the delivery on the future counts as done, its outcome fixed: {@link #isDone()} is
 * true, the getters return it, and {@link #complete}, {@link #completeExceptionally} and {@link #cancel} do nothing.
 * The first outcome wins, whichever way it comes (a delivery, the application's own {@code complete}, a cancel).
 */
public final class ReplyFuture extends CompletableFuture<Object> {
  private static final VarHandle DELIVERED;
  private static final VarHandle WAITER;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      DELIVERED = lookup.findVarHandle(ReplyFuture.class, "delivered", Outcome.class);
      WAITER = lookup.findVarHandle(ReplyFuture.class, "waiter", Thread.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable onCancel;
  /** The outcome, once fixed (delivered, set by the application, or cancelled); {@code null} before. */
  @SuppressWarnings("unused") // also through DELIVERED
  private volatile Outcome delivered;
  /** The one thread blocked on the delivery, if any; a second waiter waits the ordinary way, for the completion. */
  @SuppressWarnings("unused") // through WAITER
  private volatile Thread waiter;

  ReplyFuture(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  /**
   * Fixes the outcome, unless it is fixed already, wakes a thread blocked on it, then completes the future on {@code
   * executor} (here if the executor refuses: it has been shut down).
   */
  void deliver(Object value, Throwable error, Executor executor) {
    if (!DELIVERED.compareAndSet(this, null, new Outcome(value, error))) {
      return;
    }
    wakeWaiter();
    Runnable complete = () -> {
      if (error == null) {
        super.complete(value);
      } else {
        super.completeExceptionally(error);
      }
    };
    try {
      executor.execute(complete);
    } catch (RejectedExecutionException e) {
      complete.run();
    }
  }

  /** Cancels the request and forgets its callback id; does nothing once the outcome is fixed. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    if (!DELIVERED.compareAndSet(this, null, new Outcome(null, new CancellationException()))) {
      return false;
    }
    super.cancel(mayInterruptIfRunning);
    wakeWaiter();
    onCancel.run();
    return true;
  }

  @Override
  public boolean complete(Object value) {
    if (!DELIVERED.compareAndSet(this, null, new Outcome(value, null))) {
      return false;
    }
    super.complete(value);
    wakeWaiter();
    return true;
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    if (!DELIVERED.compareAndSet(this, null, new Outcome(null, Objects.requireNonNull(error)))) {
      return false;
    }
    super.completeExceptionally(error);
    wakeWaiter();
    return true;
  }

  /** Completes through {@link #complete} and {@link #completeExceptionally}, so that the first outcome still wins. */
  @Override
  public CompletableFuture<Object> completeAsync(Supplier<?> supplier, Executor executor) {
    Objects.requireNonNull(supplier, "supplier");
    executor.execute(() -> {
      try {
        complete(supplier.get());
      } catch (Throwable t) {
        completeExceptionally(t);
      }
    });
    return this;
  }

  @Override
  public CompletableFuture<Object> completeAsync(Supplier<?> supplier) {
    return completeAsync(supplier, defaultExecutor());
  }

  @Override
  public void obtrudeValue(Object value) {
    delivered = new Outcome(value, null);
    super.obtrudeValue(value);
    wakeWaiter();
  }

  @Override
  public void obtrudeException(Throwable error) {
    delivered = new Outcome(null, Objects.requireNonNull(error));
    super.obtrudeException(error);
    wakeWaiter();
  }

  @Override
  public boolean isCancelled() {
    Outcome o = delivered;
    return o != null && o.error instanceof CancellationException;
  }

  @Override
  public boolean isDone() {
    return delivered != null || super.isDone();
  }

  @Override
  public boolean isCompletedExceptionally() {
    Outcome o = delivered;
    return o != null ? o.error != null : super.isCompletedExceptionally();
  }

  @Override
  public Object getNow(Object valueIfAbsent) {
    Outcome o = delivered;
    return o != null ? o.join() : super.getNow(valueIfAbsent);
  }

  @Override
  public Object join() {
    Outcome o;
    try {
      o = awaitDelivery(false, false, 0L);
    } catch (InterruptedException | TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
    return o != null ? o.join() : super.join();
  }

  @Override
  public Object get() throws InterruptedException, ExecutionException {
    Outcome o;
    try {
      o = awaitDelivery(true, false, 0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
    return o != null ? o.get() : super.get();
  }

  @Override
  public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    Outcome o = awaitDelivery(true, true, deadline);
    if (o != null) {
      return o.get();
    }
    long left = deadline - System.nanoTime();
    return super.get(Math.max(0L, left), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits until an outcome is delivered or the future completes another way (a cancel, an application's own
   * {@code complete}); returns the delivered outcome, or {@code null} when the caller should read the completed
   * future (or wait for it the ordinary way, because another thread already waits here).
   *
   * @param interruptible whether an interrupt ends the wait with {@link InterruptedException}; if not, the interrupt
   *     is kept for the caller
   * @param timed whether to give up at {@code deadline} with {@link TimeoutException}
   * @param deadline the {@link System#nanoTime()} to give up at, when timed
   */
  private Outcome awaitDelivery(boolean interruptible, boolean timed, long deadline)
      throws InterruptedException, TimeoutException {
    Outcome o = delivered;
    if (o != null || super.isDone()) {
      return o;
    }
    Thread me = Thread.currentThread();
    if (!WAITER.compareAndSet(this, null, me)) {
      return null;
    }
    boolean interrupted = false;
    try {
      while ((o = delivered) == null && !super.isDone()) {
        if (!timed) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0L) {
            throw new TimeoutException();
          }
          LockSupport.parkNanos(this, left);
        }
        if (Thread.interrupted()) {
          if (interruptible) {
            throw new InterruptedException();
          }
          interrupted = true;
        }
      }
      return o;
    } finally {
      waiter = null;
      if (interrupted) {
        me.interrupt();
      }
    }
  }

  private void wakeWaiter() {
    Thread w = (Thread) WAITER.getVolatile(this);
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  /** A delivered outcome: a value, or the error that ended the request. */
  private record Outcome(Object value, Throwable error) {
    Object join() {
      if (error instanceof CancellationException) {
        throw (CancellationException) error;
      }
      if (error != null) {
        throw new CompletionException(error);
      }
      return value;
    }

    Object get() throws ExecutionException {
      if (error instanceof CancellationException) {
        throw (CancellationException) error;
      }
      if (error != null) {
        throw new ExecutionException(error);
      }
      return value;
    }
  }
}
