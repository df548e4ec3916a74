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
 * <p>An outcome is <i>delivered</i>, usually on a transport thread, which must not complete the future itself, since
 * completing runs the dependent stages, which are application code. If a thread is blocked in {@link #join()} or
 * {@link #get()}, the delivery hands the outcome to it: it wakes and completes the future, so the stages run on that
 * application thread. Otherwise the executor completes it. A blocking request/reply thus costs one thread wake-up
 * after the reply is read, not two. From the delivery on the future counts as done, its outcome fixed: {@link
 * #isDone()} is true, the getters return it, and {@link #complete}, {@link #completeExceptionally} and {@link
 * #cancel} do nothing. The first outcome wins, whichever way it comes (a delivery, the application's own {@code
 * complete}, a cancel).
 */
public final class ReplyFuture extends CompletableFuture<Object> {
  private static final VarHandle DELIVERED;
  private static final VarHandle WAITER;
  /** In {@link #waiter}: a delivery chose the blocked thread to complete the future. */
  private static final Object CLAIMED = new Object();

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      DELIVERED = lookup.findVarHandle(ReplyFuture.class, "delivered", Outcome.class);
      WAITER = lookup.findVarHandle(ReplyFuture.class, "waiter", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable onCancel;
  /** The outcome, once fixed (delivered, set by the application, or cancelled); {@code null} before. */
  @SuppressWarnings("unused") // also through DELIVERED
  private volatile Outcome delivered;
  /**
   * The one thread blocked on the delivery, if any, or {@link #CLAIMED} once a delivery has handed it the outcome to
   * complete the future with; a second waiter waits the ordinary way, for the completion.
   */
  private volatile Object waiter;

  ReplyFuture(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  /**
   * Fixes the outcome, unless it is fixed already; then hands it to a thread blocked on it, which completes the
   * future, or else completes the future on {@code executor} (here if the executor refuses: it has been shut down).
   */
  void deliver(Object value, Throwable error, Executor executor) {
    Outcome outcome = new Outcome(value, error);
    if (!DELIVERED.compareAndSet(this, null, outcome)) {
      return;
    }
    Object w = waiter;
    if (w instanceof Thread t && WAITER.compareAndSet(this, t, CLAIMED)) {
      LockSupport.unpark(t);
      return;
    }
    try {
      executor.execute(() -> completeWith(outcome));
    } catch (RejectedExecutionException e) {
      completeWith(outcome);
    }
  }

  private void completeWith(Outcome o) {
    if (o.error == null) {
      super.complete(o.value);
    } else {
      super.completeExceptionally(o.error);
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
   * {@code complete}); returns the outcome, or {@code null} when the caller should read the completed future (or
   * wait for it the ordinary way, because another thread already waits here). If the delivery claimed this thread,
   * it completes the future before it returns.
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
      while (true) {
        if (waiter == CLAIMED) {
          o = delivered;
          completeWith(o);
          return o;
        }
        o = delivered;
        if (o != null || super.isDone()) {
          // Fixed without a claim (yet): leave, unless a delivery claims this thread first; then loop to complete.
          if (WAITER.compareAndSet(this, me, null)) {
            return o;
          }
          continue;
        }
        if (!timed) {
          LockSupport.park(this);
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0L) {
            if (WAITER.compareAndSet(this, me, null)) {
              throw new TimeoutException();
            }
            continue;
          }
          LockSupport.parkNanos(this, left);
        }
        if (Thread.interrupted()) {
          if (interruptible && WAITER.compareAndSet(this, me, null)) {
            throw new InterruptedException();
          }
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        me.interrupt();
      }
    }
  }

  private void wakeWaiter() {
    if (waiter instanceof Thread t) {
      LockSupport.unpark(t);
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
