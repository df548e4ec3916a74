package io.sente4j.core.internal;

import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameException;
import io.sente4j.core.Via;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One connection attempt of a client over one transport: what the client's session needs from a WebSocket ({@link
 * WebSocketConnection}) or an Ajax long-poll loop ({@link AjaxConnection}). The connection reads the server's frames
 * and hands them to its {@link Events}; it never runs application code. Implementations are thread-safe.
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
   * @return completes when the transport has written the frame (over Ajax: when the server has answered the POST),
   *     or exceptionally (a packer failure, a closed connection, a transport error, an HTTP error status; a {@link
   *     io.sente4j.core.ReplyFailedException} when the outcome is already known)
   */
  CompletableFuture<Void> send(Frame frame);

  /** Closes the connection; the {@link Events} hear nothing more from it. */
  void close(CloseReason reason);

  /**
   * What a connection tells its session; called on transport threads. A WebSocket never calls concurrently; an Ajax
   * connection may (a POST's answer beside a poll's), so implementations synchronize.
   */
  interface Events {
    /** The transport opened the connection (the WebSocket is open); the handshake has not necessarily come. */
    void opened(ClientConnection connection);

    /** The frame was read from the server. */
    void received(ClientConnection connection, Frame frame);

    /** A message from the server was not a frame the client may receive; it is dropped. */
    void badFrame(ClientConnection connection, FrameException error);

    /** The connection closed, with the close code and text as received. */
    void closed(ClientConnection connection, int code, String text);

    /** The connection could not be opened. */
    void failed(ClientConnection connection, Throwable error);

    /**
     * The connection ended without a close frame from the server (an Ajax request failed or was refused), or this
     * side closed it on its own (a WebSocket message over the frame limit).
     *
     * @param info the close as the client records it
     * @param error what went wrong, to report to the application, or {@code null} when {@code info} says it all
     */
    void lost(ClientConnection connection, CloseInfo info, Throwable error);
  }
}
