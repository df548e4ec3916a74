package io.sente4j.core;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a server transport serves on the channel-socket path: it turns every HTTP request there into a
 * {@link ServerRequest}, asks the endpoint, and carries out the {@link ServerAnswer}. A {@code ChannelSocketServer} is
 * one; a transport depends on this interface only.
 */
@FunctionalInterface
public interface ServerEndpoint {

  /**
   * Decides what to do with one request. Called on a transport thread; returns at once. The core runs only the
   * application's quick request checks here (the CSRF token function and the authorizer of a {@link
   * ChannelSocketServer}); everything else of the application runs on the core's own executor.
   */
  ServerAnswer handle(ServerRequest request);

  /**
   * How long an open WebSocket may carry no traffic before this endpoint pings it (PROTOCOL.md §7.1), if it pings. A
   * transport that closes idle WebSockets on its own refuses an idle timeout that is not longer, which would close
   * healthy connections before their ping. Empty, the default, for an endpoint that sends no pings.
   */
  default Optional<Duration> pingInterval() {
    return Optional.empty();
  }

  /**
   * The longest this endpoint keeps an HTTP request unanswered on purpose: a parked long-poll, or an Ajax POST waiting
   * for its handler's reply (PROTOCOL.md §7.2). Nothing is sent on such a request's connection meanwhile, so a
   * transport that closes HTTP connections idle for a set time checks that time against this one: a shorter one cuts
   * every such request before the endpoint answers it. Empty, the default, for an endpoint that holds no request.
   */
  default Optional<Duration> longestHeldRequest() {
    return Optional.empty();
  }

  /**
   * The largest frame this endpoint reads, in bytes: the largest {@link PackerLimits#maxInputBytes()} among the
   * packers it offers. A transport that bounds messages and bodies itself sizes its bound to this unless its
   * application sets one, so that raising a packer's limit is enough to receive larger frames. Empty, the default,
   * for an endpoint that does not say. An endpoint that wraps another (to log or meter its requests) forwards this,
   * {@link #pingInterval} and {@link #longestHeldRequest}, or the transport falls back to its own defaults.
   */
  default OptionalInt maxFrameBytes() {
    return OptionalInt.empty();
  }
}
