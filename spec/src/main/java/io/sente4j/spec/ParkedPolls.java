package io.sente4j.spec;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import io.sente4j.core.ServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts, per client id, the Ajax polls the server has parked: held GETs it watches for the client to stop waiting
 * ({@link HeldResponse#onAbandoned}), which the server does once it has parked a poll and started its long-poll
 * timer. A test that moves time waits for the park first, so that the long-poll timeout and the grace are measured
 * from a known moment, whatever the transport's timing.
 */
final class ParkedPolls {
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  /** The server's answer to {@code request}, with a held GET watched. */
  ServerAnswer watch(ServerRequest request, ServerAnswer answer) {
    if (!(answer instanceof ServerAnswer.Hold hold) || !request.method().equals("GET")) {
      return answer;
    }
    AtomicInteger count = counts.computeIfAbsent(request.param("client-id").orElse(""), k -> new AtomicInteger());
    return new ServerAnswer.Hold(held -> hold.onHeld().accept(new Watched(held, count)));
  }

  /** How many polls of this client the server has parked now. */
  int parked(String clientId) {
    AtomicInteger n = counts.get(clientId);
    return n == null ? 0 : n.get();
  }

  /** A held GET that counts as parked from the server's first {@code onAbandoned} until it ends. */
  private static final class Watched implements HeldResponse {
    private final HeldResponse inner;
    private final AtomicInteger count;
    private final AtomicBoolean watching = new AtomicBoolean();

    Watched(HeldResponse inner, AtomicInteger count) {
      this.inner = inner;
      this.count = count;
    }

    @Override
    public boolean complete(int status, Payload body) {
      end(); // before the client can hear the answer and poll again
      return inner.complete(status, body);
    }

    @Override
    public boolean isOpen() {
      return inner.isOpen();
    }

    @Override
    public void onAbandoned(Runnable action) {
      if (watching.compareAndSet(false, true)) {
        count.incrementAndGet();
      }
      inner.onAbandoned(() -> {
        action.run(); // the server hears of it first, so a count of zero means it has
        end();
      });
    }

    private void end() {
      if (watching.compareAndSet(true, false)) {
        count.decrementAndGet();
      }
    }
  }
}
