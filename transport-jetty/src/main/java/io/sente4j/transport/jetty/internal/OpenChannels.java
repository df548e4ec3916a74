package io.sente4j.transport.jetty.internal;

import io.sente4j.core.CloseReason;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open WebSockets of one handler, so that a stopping server closes them with {@code server-stop} (1001). Jetty
 * stops its connectors before its handlers, and stopping a connector drops its connections without a close frame:
 * left to Jetty, every client would see 1006 (an error) however the server was stopped. Public only for the handler;
 * not an API.
 */
public final class OpenChannels {
  private final Set<JettyChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean stopping;

  /** Adds a channel that has just opened; false if the server is stopping, when the caller closes it. */
  boolean add(JettyChannel channel) {
    open.add(channel);
    if (stopping) { // read after the add: either this sees the stop or the stop's sweep sees the channel
      open.remove(channel);
      return false;
    }
    return true;
  }

  /** Forgets a channel that has closed. */
  void remove(JettyChannel channel) {
    open.remove(channel);
  }

  /** The server is starting: channels are welcome again. */
  public void starting() {
    stopping = false;
  }

  /** The server is stopping: closes every open channel with server-stop, and any that opens from now on. */
  public void stopping() {
    stopping = true;
    for (JettyChannel channel : open) {
      if (open.remove(channel)) {
        channel.close(CloseReason.SERVER_STOP);
      }
    }
  }
}
