package io.sente4j.transport.jetty;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sits in front of a handler and records what it does to Jetty's exchange: how it completes the callback and whether
 * it fails the request. It also counts the calls into the handler that are still running (its {@code handle} and
 * the read-demand callbacks it registered), so a test can wait until the handler can no longer touch the exchange
 * before asserting what it did.
 */
final class ExchangeRecorder extends Handler.Wrapper {
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();

  ExchangeRecorder(Handler handler) {
    super(handler);
  }

  /** In order: {@code succeeded}, {@code failed: <exception>}, {@code request failed: <exception>}. */
  List<String> events() {
    return List.copyOf(events);
  }

  /** Whether the exchange's callback was completed and no call into the handler is still running. */
  boolean settled() {
    return running.get() == 0 && events.stream().anyMatch(e -> e.equals("succeeded") || e.startsWith("failed"));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    running.incrementAndGet();
    try {
      return super.handle(new RecordedRequest(request), response, new Callback.Nested(callback) {
        @Override
        public void succeeded() {
          events.add("succeeded");
          super.succeeded();
        }

        @Override
        public void failed(Throwable x) {
          events.add("failed: " + x);
          super.failed(x);
        }
      });
    } finally {
      running.decrementAndGet();
    }
  }

  private final class RecordedRequest extends Request.Wrapper {
    RecordedRequest(Request wrapped) {
      super(wrapped);
    }

    @Override
    public void demand(Runnable demandCallback) {
      running.incrementAndGet();
      super.demand(() -> {
        try {
          demandCallback.run();
        } finally {
          running.decrementAndGet();
        }
      });
    }

    @Override
    public void fail(Throwable failure) {
      events.add("request failed: " + failure);
      super.fail(failure);
    }
  }
}
