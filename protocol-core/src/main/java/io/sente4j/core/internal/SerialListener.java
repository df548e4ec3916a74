package io.sente4j.core.internal;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's listener as the {@link ChannelListener} contract asks for it: one call at a time, in order, nothing after
 * {@code onClose}. For transports, which read a socket's messages on one thread at a time while the close can come
 * from elsewhere as a message is still being delivered: the thread of a {@code Channel.close} whose close frame
 * could not be written, a send's completion, a timer (Jetty's idle timeout, the JDK client's close timeout). A call
 * made while another runs is queued and made by the running thread as soon as that one returns; no thread waits
 * for another, so this cannot deadlock with the locks of the core, whose listener closes the channel while it is
 * being called.
 *
 * <p>What the listener throws never stops the queue: the calls queued behind a failed one are still made. A
 * {@code RuntimeException} is logged and that call alone is lost, as a listener that keeps to its contract never
 * throws. An {@code Error} (or anything thrown while the listener is being had, which leaves the channel without one)
 * leaves the listener in a state nobody knows: it is logged, the listener hears nothing more but the close, and the
 * transport is told to close the channel ({@code failed}), so that no connection stays open with nobody listening;
 * a {@code VirtualMachineError} then goes on to the transport's thread, after the calls queued behind it were made.
 */
public final class SerialListener implements ChannelListener {
  private static final Logger LOG = LoggerFactory.getLogger(SerialListener.class);

  private final SerialExecutor calls = SerialExecutor.inline();
  private final Consumer<Throwable> failed;
  // These are read and written only inside calls, which run one at a time and hand over under the executor's lock.
  private ChannelListener target = ChannelListener.ignoring();
  private boolean closed;
  private boolean broken;

  /**
   * A serial listener whose listener comes later, from {@link #open}; calls made before then wait for it.
   *
   * @param failed closes the channel (as {@code CloseReason.ERROR}) once the listener failed (the throwable, logged
   *     already, says how); called inside a listener call, so it must not wait for another
   */
  public SerialListener(Consumer<Throwable> failed) {
    this.failed = Objects.requireNonNull(failed, "failed");
  }

  /** A serial listener over {@code target}, known from the start; {@code failed} as for the constructor. */
  public static SerialListener of(ChannelListener target, Consumer<Throwable> failed) {
    Objects.requireNonNull(target, "target");
    SerialListener serial = new SerialListener(failed);
    serial.open(() -> target);
    return serial;
  }

  /**
   * Asks for the listener as the first call: calls made meanwhile (a close during the opening) go to it afterwards.
   * If {@code open} throws, the channel has no listener and is closed ({@code failed}).
   *
   * @param open returns the listener, or {@code null} for none (calls are then dropped)
   */
  public void open(Supplier<ChannelListener> open) {
    calls.execute(() -> {
      ChannelListener l;
      try {
        l = open.get();
      } catch (Throwable t) {
        fail("the listener's opening", t);
        return;
      }
      target = l == null ? ChannelListener.ignoring() : l;
    });
  }

  @Override
  public void onMessage(Payload payload) {
    calls.execute(() -> {
      if (!closed && !broken) {
        call("onMessage", () -> target.onMessage(payload));
      }
    });
  }

  @Override
  public void onError(Throwable error) {
    calls.execute(() -> {
      if (!closed && !broken) {
        call("onError", () -> target.onError(error));
      }
    });
  }

  @Override
  public void onClose(int code, String reason) {
    calls.execute(() -> {
      if (!closed) {
        closed = true;
        call("onClose", () -> target.onClose(code, reason)); // a broken listener too: its one chance to clean up
      }
    });
  }

  private void call(String name, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.error("The channel's listener threw from {}; that call is lost", name, e);
    } catch (Error e) {
      fail(name, e);
    }
  }

  private void fail(String where, Throwable t) {
    broken = true;
    LOG.error("The channel's listener failed in {}; the channel is closed", where, t);
    try {
      failed.accept(t);
    } catch (RuntimeException e) {
      LOG.error("The channel could not be closed after its listener failed", e);
    }
    if (t instanceof VirtualMachineError fatal) {
      throw fatal; // the queue runs what is behind it, then hands it on (SerialExecutor)
    }
  }
}
