package io.sente4j.transport.jetty.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Things that must be closed when a server stops (open WebSockets, accepted connections), whichever comes first: the
 * stop, or a thing joining after it began. Public only for the transport's own classes; not an API.
 *
 * @param <T> what is closed
 */
public final class ClosedOnStop<T> {
  private final Set<T> open = ConcurrentHashMap.newKeySet();
  private final Consumer<T> close;
  private volatile boolean stopping;

  /** @param close closes one thing; called at most once per thing added, on the thread that found it to close */
  public ClosedOnStop(Consumer<T> close) {
    this.close = close;
  }

  /** Adds a thing; closed at once if the stop has begun. */
  public void add(T thing) {
    open.add(thing);
    if (stopping) { // read after the add: either this sees the stop or the stop's sweep sees the thing
      closeAll();
    }
  }

  /** Forgets a thing that has closed by itself. */
  public void remove(T thing) {
    open.remove(thing);
  }

  /** How many things it holds: added and neither closed by it nor removed. */
  public int size() {
    return open.size();
  }

  /** The server starts (again): things are kept until the next stop. */
  public void starting() {
    stopping = false;
  }

  /** The server stops: closes every thing held, and every one added from now until {@link #starting}. */
  public void stopping() {
    stopping = true;
    closeAll();
  }

  private void closeAll() {
    for (T thing : open) {
      if (open.remove(thing)) {
        close.accept(thing);
      }
    }
  }
}
