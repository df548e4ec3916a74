package io.sente4j.transport.inmemory;

import io.sente4j.core.HeldResponse;
import io.sente4j.core.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP response held open for the server endpoint ({@link io.sente4j.core.ServerAnswer.Hold}): completed at most
 * once, or abandoned when the client stops waiting (its timeout, a cancel, the network closing).
 */
final class HeldExchange implements HeldResponse {
  private static final Logger LOG = LoggerFactory.getLogger(HeldExchange.class);

  /** Where a completed response goes. */
  interface Replier {
    /** Sends the response to the waiting client. */
    void reply(int status, Payload body);
  }

  private enum State { OPEN, COMPLETED, ABANDONED }

  private final Replier replier;
  private final Consumer<HeldExchange> released;
  private final List<Runnable> abandonActions = new ArrayList<>();
  private State state = State.OPEN;

  HeldExchange(Replier replier, Consumer<HeldExchange> released) {
    this.replier = replier;
    this.released = released;
  }

  @Override
  public boolean complete(int status, Payload body) {
    Objects.requireNonNull(body, "body");
    synchronized (this) {
      if (state != State.OPEN) {
        return false;
      }
      state = State.COMPLETED;
      abandonActions.clear();
    }
    released.accept(this);
    replier.reply(status, body);
    return true;
  }

  @Override
  public synchronized boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public void onAbandoned(Runnable action) {
    Objects.requireNonNull(action, "action");
    synchronized (this) {
      if (state == State.OPEN) {
        abandonActions.add(action);
        return;
      }
      if (state == State.COMPLETED) {
        return;
      }
    }
    run(action);
  }

  /** The client went away: runs the abandon actions once, unless the response was completed first. */
  void abandon() {
    List<Runnable> actions;
    synchronized (this) {
      if (state != State.OPEN) {
        return;
      }
      state = State.ABANDONED;
      actions = List.copyOf(abandonActions);
      abandonActions.clear();
    }
    released.accept(this);
    actions.forEach(HeldExchange::run);
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("an onAbandoned action of a held in-memory HTTP response threw", e);
    }
  }
}
