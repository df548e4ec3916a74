package io.sente4j.transport.jetty.internal;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import io.sente4j.core.internal.SerialExecutor;
import java.util.function.Supplier;

/**
 * A channel's listener as the {@link ChannelListener} contract asks for it: one call at a time, in order, nothing after
 * {@code onClose}. Jetty reads a socket's messages on one thread at a time, but the close can come from elsewhere:
 * the thread of a {@code Channel.close} whose close frame could not be written (the peer reset the connection), or
 * Jetty's scheduler at an idle timeout, while a message is still being delivered. A call made while another runs is
 * queued and made by the running thread as soon as that one returns; no thread waits for another, so this cannot
 * deadlock with the locks of the core, whose listener closes the channel while it is being called.
 */
final class SerialListener implements ChannelListener {
  private static final ChannelListener NOBODY = new ChannelListener() {
    @Override
    public void onMessage(Payload payload) {}

    @Override
    public void onClose(int code, String reason) {}

    @Override
    public void onError(Throwable error) {}
  };

  private final SerialExecutor calls = new SerialExecutor(Runnable::run);
  // Both are read and written only inside calls, which run one at a time and hand over under the executor's lock.
  private ChannelListener target = NOBODY;
  private boolean closed;

  /**
   * Asks for the listener as the first call: calls made meanwhile (a close during the opening) go to it afterwards.
   *
   * @param open returns the listener, or {@code null} for none (calls are then dropped)
   */
  void open(Supplier<ChannelListener> open) {
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
