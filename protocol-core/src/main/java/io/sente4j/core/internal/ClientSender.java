package io.sente4j.core.internal;

import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.ReplyClosedException;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ReplyFailedException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/**
 * The sending half of a {@link ClientSession}: events with and without a reply, on the open connection or, while
 * not open, held by the {@link OutboundQueue} or failed at once, as the offline policy says. Runs under the
 * session's lock.
 */
public final class ClientSender {
  private final ClientSession session;
  private final OutboundQueue held;
  private final Executor executor;
  private final Predicate<OutboundQueue.Item> ended;

  ClientSender(ClientSession session, OutboundQueue held) {
    this.session = session;
    this.held = held;
    this.executor = session.completions;
    this.ended = item -> item.callbackId() != null ? !session.pending.contains(item.callbackId())
        : item.sent().isDone();
  }

  /** Sends an event that wants no reply. */
  public CompletableFuture<Void> send(Event event) {
    requireApplicationEvent(event);
    CompletableFuture<Void> sent = new CompletableFuture<>();
    synchronized (session.lock) {
      if (session.openConnection() != null) {
        sendPlain(event, sent, true);
      } else if (refusesSends() || !held.offer(new OutboundQueue.Item(event, null, sent), ended)) {
        PendingReplies.complete(executor, sent, null, notOpen(event));
      }
    }
    return sent;
  }

  /** Sends an event that wants a reply within {@code timeout}. */
  public CompletableFuture<Object> send(Event event, Duration timeout) {
    requireApplicationEvent(event);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a reply timeout must be positive, got " + timeout);
    }
    synchronized (session.lock) {
      if (refusesSends()) {
        // Not registered: its timer would outlive the client (and be refused by a scheduler close() shut down).
        CompletableFuture<Object> closed = new CompletableFuture<>();
        PendingReplies.complete(executor, closed, null, notOpen(event));
        return closed;
      }
      PendingReplies.Registered r = session.pending.register(event.id(), timeout);
      if (!session.pending.contains(r.callbackId())) {
        return r.future(); // failed: the scheduler refused its timeout, and a request that cannot time out is not sent
      }
      if (session.openConnection() != null) {
        sendRequest(event, r.callbackId());
      } else if (!held.offer(new OutboundQueue.Item(event, r.callbackId(), null), ended)) {
        session.pending.fail(r.callbackId(), notOpen(event));
      }
      return r.future();
    }
  }

  /** Sends a protocol frame on the open connection, if there is one. */
  void transmit(Frame frame) {
    ClientConnection c = session.openConnection();
    if (c != null) {
      session.keepAlive.traffic();
      c.send(frame);
    }
  }

  /** After a handshake: sends the held events, oldest first, skipping those that ended meanwhile. */
  void flushHeld() {
    for (OutboundQueue.Item item : held.drain()) {
      if (ended.test(item)) {
        continue;
      }
      if (item.callbackId() != null) {
        sendRequest(item.event(), item.callbackId());
      } else {
        sendPlain(item.event(), item.sent(), false);
      }
    }
  }

  /** Fails every held send with {@link ReplyClosedException}; held requests are failed by the pending table. */
  void failHeld(String why) {
    for (OutboundQueue.Item item : held.drain()) {
      if (item.sent() != null) {
        PendingReplies.complete(executor, item.sent(), null,
            new ReplyClosedException(why + " before " + item.event().id() + " was sent"));
      }
    }
  }

  /**
   * Sends an event that wants no reply; {@code sent} completes when the transport has written it. {@code fresh}: the
   * caller has not handed {@code sent} out yet, so nothing can depend on it.
   */
  private void sendPlain(Event event, CompletableFuture<Void> sent, boolean fresh) {
    session.keepAlive.traffic();
    CompletableFuture<Void> written = session.openConnection().send(new Frame.ClientEvent(event, null));
    if (fresh && written.isDone()) {
      // Written at once, on the sender's own thread, and nothing depends on `sent` yet: completing it here runs no
      // user code, and saves a hand-off to the executor (a thread wake-up) per event.
      written.whenComplete((v, error) -> {
        if (error == null) {
          sent.complete(null);
        } else {
          sent.completeExceptionally(sendFailed(event, error));
        }
      });
      return;
    }
    written.whenComplete((v, error) ->
        PendingReplies.complete(executor, sent, null, error == null ? null : sendFailed(event, error)));
  }

  private void sendRequest(Event event, String cb) {
    session.pending.markSent(cb);
    session.keepAlive.traffic();
    session.openConnection().send(new Frame.ClientEvent(event, cb)).whenComplete((v, error) -> {
      if (error != null) {
        session.pending.fail(cb, sendFailed(event, error));
      }
    });
  }

  /** Whether every send fails at once: the client is closed, or stays closed until connect(); under the lock. */
  private boolean refusesSends() {
    return session.terminated() || session.stopped() != null;
  }

  private ReplyClosedException notOpen(Event event) {
    if (session.terminated()) {
      return new ReplyClosedException("the client is closed; " + event.id() + " was not sent");
    }
    if (session.stopped() != null) {
      return new ReplyClosedException(session.stopped() + "; " + event.id()
          + " was not sent (the client stays closed until connect() or reconnect())");
    }
    if (held.max() > 0) {
      return new ReplyClosedException("not open and the offline queue is full (" + held.max()
          + " events); the newest send, " + event.id() + ", was not sent");
    }
    return new ReplyClosedException("not open (" + session.state().status() + "); " + event.id()
        + " was not sent");
  }

  private static ReplyFailedException sendFailed(Event event, Throwable error) {
    if (error instanceof java.util.concurrent.CompletionException && error.getCause() != null) {
      error = error.getCause();
    }
    if (error instanceof ReplyFailedException) {
      return (ReplyFailedException) error; // the connection already knows the outcome (an Ajax POST's)
    }
    return new ReplyErrorException("could not send " + event.id() + ": " + error.getMessage(), error);
  }

  private static void requireApplicationEvent(Event event) {
    Objects.requireNonNull(event, "event");
    if (event.isReserved()) {
      throw new IllegalArgumentException("event id " + event.id()
          + " is in the reserved chsk namespace; applications send events in their own namespaces");
    }
  }
}
