package io.sente4j.core.internal;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ClientTransport;
import io.sente4j.core.CloseInfo;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Direction;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.Payload;
import io.sente4j.core.Sente4jException;
import io.sente4j.core.Via;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client connection over a WebSocket from a {@link ClientTransport}. It decodes the server's messages with the
 * client's {@link FrameCodec} on the transport's thread and passes them on; frames sent before the transport has
 * handed over the channel are held and sent in order when it does.
 */
public final class WebSocketConnection implements ClientConnection, ChannelListener {
  private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

  private final ClientTransport transport;
  private final FrameCodec codec;
  private final Events events;
  private Channel channel;
  private List<Early> early = new ArrayList<>();
  private CloseReason closed;

  /**
   * Creates an unopened connection.
   *
   * @param transport opens the WebSocket
   * @param codec encodes and decodes frames
   * @param events receives what happens
   */
  public WebSocketConnection(ClientTransport transport, FrameCodec codec, Events events) {
    this.transport = transport;
    this.codec = codec;
    this.events = events;
  }

  @Override
  public Via via() {
    return Via.WEBSOCKET;
  }

  @Override
  public void open(URI uri, Map<String, List<String>> headers) {
    synchronized (this) {
      if (closed != null) {
        return; // given up before it opened (a disconnect or close() racing the attempt): the server sees nothing
      }
    }
    CompletableFuture<Channel> opening;
    try {
      opening = transport.openWebSocket(uri, headers, this, codec.packer().limits().maxInputBytes());
    } catch (RuntimeException e) {
      events.failed(this, e);
      return;
    }
    opening.whenComplete((ch, error) -> {
      if (error != null) {
        events.failed(this, error instanceof CompletionException && error.getCause() != null ? error.getCause()
            : error);
      } else {
        attach(ch);
      }
    });
  }

  private void attach(Channel ch) {
    CloseReason closeNow;
    List<Early> held;
    List<CompletableFuture<Void>> written = new ArrayList<>();
    synchronized (this) {
      channel = ch;
      closeNow = closed;
      held = early;
      early = null;
      if (closeNow == null) {
        for (Early e : held) {
          written.add(ch.send(e.payload)); // in order, before any later send
        }
      }
    }
    // Outside this connection's lock: completing a held frame's future can take the client's lock (a failed
    // request ends), and a sender holding the client's lock waits for this one.
    for (int i = 0; i < written.size(); i++) {
      forward(written.get(i), held.get(i).sent);
    }
    if (closeNow != null) {
      ch.close(closeNow);
      failHeld(held);
    } else {
      events.opened(this);
    }
  }

  @Override
  public CompletableFuture<Void> send(Frame frame) {
    Payload payload;
    try {
      payload = OutgoingFrames.pack(codec, frame);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    synchronized (this) {
      if (closed != null) {
        return CompletableFuture.failedFuture(new Sente4jException("the WebSocket is closed"));
      }
      if (channel != null) {
        return channel.send(payload);
      }
      CompletableFuture<Void> sent = new CompletableFuture<>();
      early.add(new Early(payload, sent));
      return sent;
    }
  }

  @Override
  public void close(CloseReason reason) {
    Channel ch;
    List<Early> held;
    synchronized (this) {
      if (closed != null) {
        return;
      }
      closed = reason;
      ch = channel;
      held = early;
      early = null;
    }
    if (ch != null) {
      ch.close(reason);
    }
    failHeld(held);
  }

  @Override
  public void onMessage(Payload payload) {
    Frame frame;
    try {
      frame = codec.decode(payload, Direction.FROM_SERVER, Via.WEBSOCKET);
    } catch (FrameException e) {
      events.badFrame(this, e);
      return;
    }
    events.received(this, frame);
  }

  @Override
  public void onClose(int code, String reason) {
    events.closed(this, code, reason);
  }

  @Override
  public void onError(Throwable error) {
    if (error instanceof MessageTooLargeException) {
      // The transport refused a message from the server over this client's frame limit (PROTOCOL.md §11.2).
      LOG.warn("The server sent a WebSocket message over the frame limit, not read: {}; closing (too-large)",
          error.getMessage());
      close(CloseReason.TOO_LARGE);
      // The session hears it now, with the error to report: the message is dropped, which the application must
      // learn (PROTOCOL.md §11.3), and nothing more may be sent on a socket this side has closed.
      events.lost(this, CloseInfo.byClient(CloseReason.TOO_LARGE), error);
      return;
    }
    LOG.debug("WebSocket error (its close follows): {}", error.toString());
  }

  private static void forward(CompletableFuture<Void> from, CompletableFuture<Void> to) {
    from.whenComplete((v, e) -> {
      if (e != null) {
        to.completeExceptionally(e);
      } else {
        to.complete(null);
      }
    });
  }

  private static void failHeld(List<Early> held) {
    if (held != null) {
      for (Early e : held) {
        e.sent.completeExceptionally(new Sente4jException("the WebSocket closed before it opened"));
      }
    }
  }

  private record Early(Payload payload, CompletableFuture<Void> sent) {}
}
