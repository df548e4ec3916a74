package io.sente4j.core.internal;

import io.sente4j.core.CloseReason;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameException;
import io.sente4j.core.Via;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection attempt of a client over one transport: what the client's session needs from a WebSocket (and,
 * later, from an Ajax long-poll loop). The connection reads the server's frames and hands them to its {@link
 * Events}; it never runs application code. Implementations are thread-safe.
 */
public interface ClientConnection {

  /** How this connection carries frames. */
  Via via();

  /**
   * Starts opening the connection; the outcome reaches the {@link Events}.
   *
   * @param uri the address, query included
   * @param headers the request headers
   */
  void open(URI uri, Map<String, List<String>> headers);

  /**
   * Sends one client frame. Frames sent before the connection is open are held and sent, in order, once it is.
   *
   * @return completes when the transport has written the frame, or exceptionally (a packer failure, a closed
   *     connection, a transport error)
   */
  CompletableFuture<Void> send(Frame frame);

  /** Closes the connection; the {@link Events} hear nothing more from it. */
  void close(CloseReason reason);

  /** What a connection tells its session; called on transport threads, never concurrently for one connection. */
  interface Events {
    /** The frame was read from the server. */
    void received(ClientConnection connection, Frame frame);

    /** A message from the server was not a frame the client may receive; it is dropped. */
    void badFrame(ClientConnection connection, FrameException error);

    /** The connection closed, with the close code and text as received. */
    void closed(ClientConnection connection, int code, String text);

    /** The connection could not be opened. */
    void failed(ClientConnection connection, Throwable error);
  }
}
