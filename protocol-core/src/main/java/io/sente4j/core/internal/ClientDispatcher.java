package io.sente4j.core.internal;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a client's application callbacks (state listener, push handler, error listener) on its executor, one at a
 * time and in submission order, with the client's ids in the MDC. A callback that throws is logged and reported to
 * the error listener; the next one runs regardless.
 */
public final class ClientDispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ClientDispatcher.class);

  private final Executor executor;
  private final String clientId;
  private final Consumer<Throwable> errorListener;
  private final ArrayDeque<Task> queue = new ArrayDeque<>();
  private boolean running;

  /**
   * Creates a dispatcher.
   *
   * @param executor where the callbacks run
   * @param clientId the client id, for the MDC
   * @param errorListener receives failures of callbacks (its own failures are only logged)
   */
  public ClientDispatcher(Executor executor, String clientId, Consumer<Throwable> errorListener) {
    this.executor = executor;
    this.clientId = clientId;
    this.errorListener = errorListener;
  }

  /** Queues a callback, to run with {@code uid} in the MDC; {@code what} names it in logs. */
  public void submit(Object uid, String what, Runnable callback) {
    enqueue(new Task(uid, what, callback, null, null));
  }

  /**
   * Queues {@code callback} once for each item, in order, as one task: a batch of pushes takes the queue's lock and
   * sets the MDC once, not once per event (a profile of the push path showed the per-event hand-off). Each call
   * still fails on its own: one that throws is logged and reported, and the next item runs regardless.
   *
   * @param items the items, which must not change afterwards (a push frame's events cannot)
   */
  public <T> void submitEach(Object uid, String what, List<T> items, Consumer<? super T> callback) {
    if (items.isEmpty()) {
      return;
    }
    @SuppressWarnings("unchecked")
    Consumer<Object> each = (Consumer<Object>) callback;
    enqueue(new Task(uid, what, null, items, each));
  }

  private void enqueue(Task task) {
    synchronized (queue) {
      queue.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    Handoff.execute(executor, this::drain, this::refused);
  }

  /**
   * The executor refused the drain, whatever it threw to refuse ({@link Handoff}): the queued callbacks are dropped
   * and the dispatcher is free again, or it would stay running for good and no later callback would ever run.
   */
  private void refused(Throwable e) {
    synchronized (queue) {
      running = false;
      LOG.debug("client {}: executor refused the callbacks{} ({} queued, dropped): {}", clientId,
          Handoff.describe(e), queue.size(), e.toString());
      queue.clear();
    }
  }

  /** Queues a report of {@code error} to the error listener. */
  public void reportError(Object uid, Throwable error) {
    submit(uid, "error listener", () -> errorListener.accept(error));
  }

  private void drain() {
    while (true) {
      Task task;
      synchronized (queue) {
        task = queue.poll();
        if (task == null) {
          running = false;
          return;
        }
      }
      if (task.items == null) {
        ClientMdc.run(task.uid, clientId, () -> call(task, task.callback));
      } else {
        ClientMdc.run(task.uid, clientId, () -> {
          for (Object item : task.items) {
            call(task, () -> task.each.accept(item));
          }
        });
      }
    }
  }

  private void call(Task task, Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException | Error e) {
      LOG.warn("client {}: the {} threw", clientId, task.what, e);
      if (!task.what.equals("error listener")) {
        reportError(task.uid, e);
      }
    }
  }

  /** One callback ({@code callback}), or one callback per item ({@code items} and {@code each}). */
  private record Task(Object uid, String what, Runnable callback, List<?> items, Consumer<Object> each) {}
}
