package io.sente4j.core;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What the core tells a server transport to do with a {@link ServerRequest}: reject it, answer it now, upgrade it to
 * a WebSocket, or hold the response open (an Ajax long-poll) until the core completes it.
 */
public sealed interface ServerAnswer {

  /**
   * Answer with an error status and a short text body.
   *
   * @param status the HTTP status (400, 401, 403, ...)
   * @param body the body, plain text
   */
  record Reject(int status, String body) implements ServerAnswer {
    /** Checks the body is present. */
    public Reject {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Answer now with a packed body: {@code text/plain; charset=utf-8} for text, {@code application/octet-stream} for
   * binary.
   *
   * @param status the HTTP status
   * @param body the body
   */
  record Respond(int status, Payload body) implements ServerAnswer {
    /** Checks the body is present. */
    public Respond {
      Objects.requireNonNull(body, "body");
    }
  }

  /**
   * Upgrade to a WebSocket. Once the socket is open the transport calls {@code onOpen} with its {@link Channel}, on
   * an I/O thread, and delivers the socket's events to the listener it returns.
   *
   * @param onOpen called once with the open channel; returns the channel's listener
   */
  record Upgrade(Function<Channel, ChannelListener> onOpen) implements ServerAnswer {
    /** Checks the callback is present. */
    public Upgrade {
      Objects.requireNonNull(onOpen, "onOpen");
    }
  }

  /**
   * Hold the response open without holding a thread; the core completes it later (a long-poll, or a POST waiting
   * for its reply).
   *
   * @param onHeld called once with the held response
   */
  record Hold(Consumer<HeldResponse> onHeld) implements ServerAnswer {
    /** Checks the callback is present. */
    public Hold {
      Objects.requireNonNull(onHeld, "onHeld");
    }
  }
}
