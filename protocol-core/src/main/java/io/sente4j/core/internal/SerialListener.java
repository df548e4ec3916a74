package io.sente4j.core.internal;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A channel's listener as the {@link ChannelListener} contract asks for it: one call at a time, in order, nothing after
 * {@code onClose}. For transports, which read a socket's messages on one thread at a time while the close can come
 * from elsewhere as a message is still being delivered: the thread of a {@code Channel.close} whose close frame
 * could not be written, a send's completion, a timer (Jetty's idle timeout, the JDK client's close timeout). A call
 * made while another runs is queued and made by the running thread as soon as that one returns; no thread waits
 * for another, so this cannot deadlock with the locks of the core, whose listener closes the channel while it is
 * being called.
 */
public final class SerialListener implements ChannelListener {
  private static final ChannelListener NOBODY = new ChannelListener() {
    @Override
    public void onMessage(Payload payload) {}

    @Override
    public void onClose(int code, String reason) {}

    @Override
    public void onError(Throwable error) {}
  };

  private final SerialExecutor calls = SerialExecutor.inline();
  // Both are read and written only inside calls, which run one at a time and hand over under the executor's lock.
  private ChannelListener target = NOBODY;
  private boolean closed;

  /** A serial listener whose listener comes later, from {@link #open}; calls made before then wait for it. */
  public SerialListener() {}

  /** A serial listener over {@code target}, known from the start. */
  public static SerialListener of(ChannelListener target) {
    Objects.requireNonNull(target, "target");
    SerialListener serial = new SerialListener();
    serial.open(() -> target);
    return serial;
  }

  /**
   * Asks for the listener as the first call: calls made meanwhile (a close during the opening) go to it afterwards.
   *
   * @param open returns the listener, or {@code null} for none (calls are then dropped)
   */
  public void open(Supplier<ChannelListener> open) {
    calls.execute(() -> {
      ChannelListener l = open.get();
      target = l == null ? NOBODY : l;
    });
  }

  @Override
  public void onMessage(Payload payload) {
    calls.execute(() -> {
      if (!closed) {
        target.onMessage(payload);
      }
    });
  }

  @Override
  public void onError(Throwable error) {
    calls.execute(() -> {
      if (!closed) {
        target.onError(error);
      }
    });
  }

  @Override
  public void onClose(int code, String reason) {
    calls.execute(() -> {
      if (!closed) {
        closed = true;
        target.onClose(code, reason);
      }
    });
  }
}
