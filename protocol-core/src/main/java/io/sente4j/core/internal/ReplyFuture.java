package io.sente4j.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The future of a request that wants a reply. Cancelling it forgets the request's callback id: a reply that comes
 * later is dropped. Dependent stages are plain {@link CompletableFuture}s.
 *
 * <p>A reply is <i>delivered</i>, usually on a transport thread, which must not complete the future itself, since
 * completing runs the dependent stages, which are application code. If a thread is blocked in {@link #join()} or
 * {@link #get()}, the delivery hands the outcome to it: it wakes and completes the future, so the stages run on that
 * application thread. Otherwise the executor completes it. A blocking request/reply thus costs one thread wake-up
 * after the reply is read, not two. Until the future is completed it is not done: every getter and stage sees the
 * completed future, as with any {@link CompletableFuture}. A thread of a {@link java.util.concurrent.ForkJoinPool}
 * waits the ordinary way (the pool may need to make up for it), for the executor's completion.
 */
public final class ReplyFuture extends CompletableFuture<Object> {
  private static final VarHandle WAITER;
  /** In {@link #waiter}: a delivery chose the blocked thread to complete the future. */
  private static final Object CLAIMED = new Object();

  static {
    try {
      WAITER = MethodHandles.lookup().findVarHandle(ReplyFuture.class, "waiter", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Runnable onCancel;
  /** The delivered reply or failure, for the claimed waiter; set once, before the claim. */
  private volatile Outcome delivered;
  /**
   * The one thread blocked here, if any, or {@link #CLAIMED} once a delivery has handed it the outcome to complete
   * the future with; a second waiter waits the ordinary way, for the completion.
   */
  private volatile Object waiter;

  ReplyFuture(Runnable onCancel) {
    this.onCancel = onCancel;
  }

  /**
   * Completes the future with the reply ({@code error == null}) or the failure: by the thread blocked on it, if there
   * is one, or else on {@code executor}. The client's executor never refuses (a {@link FallbackExecutor}): the
   * delivering thread is a transport thread holding the client's lock, so it completes here only when an executor
   * that does refuse (whatever it throws to refuse, see {@link Handoff}) is given. The pending table delivers at most
   * once; a future already completed (cancelled, say) stays as it is.
   */
  void deliver(Object value, Throwable error, Executor executor) {
    Outcome outcome = new Outcome(value, error);
    delivered = outcome;
    Object w = waiter;
    if (w instanceof Thread t && WAITER.compareAndSet(this, t, CLAIMED)) {
      LockSupport.unpark(t);
      return;
    }
    Handoff.execute(executor, () -> completeWith(outcome), refusal -> completeWith(outcome));
  }

  /** Completes the future with {@code o}, and wakes a thread that began waiting after the delivery looked. */
  private void completeWith(Outcome o) {
    if (o.error == null) {
      super.complete(o.value);
    } else {
      super.completeExceptionally(o.error);
    }
    wakeWaiter();
  }

  /** Cancels the request and forgets its callback id. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    wakeWaiter();
    if (cancelled) {
      onCancel.run();
    }
    return cancelled;
  }

  @Override
  public boolean complete(Object value) {
    boolean completed = super.complete(value);
    wakeWaiter();
    return completed;
  }

  @Override
  public boolean completeExceptionally(Throwable error) {
    boolean completed = super.completeExceptionally(error);
    wakeWaiter();
    return completed;
  }

  /** Completes through {@link #complete} and {@link #completeExceptionally}, which wake a blocked thread. */
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
    super.obtrudeValue(value);
    wakeWaiter();
  }

  @Override
  public void obtrudeException(Throwable error) {
    super.obtrudeException(error);
    wakeWaiter();
  }

  @Override
  public Object join() {
    try {
      awaitCompletion(false, false, 0L);
    } catch (InterruptedException | TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
    return super.join();
  }

  @Override
  public Object get() throws InterruptedException, ExecutionException {
    try {
      awaitCompletion(true, false, 0L);
    } catch (TimeoutException impossible) {
      throw new AssertionError(impossible);
    }
    return super.get();
  }

  @Override
  public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    awaitCompletion(true, true, deadline);
    return super.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /**
   * Waits as the one registered waiter until the future is completed, completing it first if a delivery claims this
   * thread. Returns at once, leaving the caller to wait the ordinary way, when another thread is registered already
   * or this is a fork-join pool's thread.
   *
   * @param interruptible whether an interrupt ends the wait with {@link InterruptedException}; if not, the interrupt
   *     is kept for the caller
   * @param timed whether to give up at {@code deadline} with {@link TimeoutException}
   * @param deadline the {@link System#nanoTime()} to give up at, when timed
   */
  private void awaitCompletion(boolean interruptible, boolean timed, long deadline)
      throws InterruptedException, TimeoutException {
    Thread me = Thread.currentThread();
    if (super.isDone() || me instanceof ForkJoinWorkerThread || !WAITER.compareAndSet(this, null, me)) {
      return;
    }
    boolean interrupted = false;
    try {
      while (true) {
        if (waiter == CLAIMED) {
          completeWith(delivered);
          return;
        }
        if (super.isDone()) {
          // Completed another way (a cancel, the application's own complete, the executor): leave, unless a
          // delivery claims this thread first; then loop, to complete (which does nothing now) and leave.
          if (WAITER.compareAndSet(this, me, null)) {
            return;
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

  /** A delivered outcome: a reply, or the failure that ended the request. */
  private record Outcome(Object value, Throwable error) {}
}
