package io.sente4j.core;

import io.sente4j.core.internal.Mdc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EventHandler} that routes each event by its id to the handler registered for it.
 *
 * <pre>{@code
 * ServerRouter router = ServerRouter.builder()
 *     .on(Chsk.UIDPORT_OPEN, msg -> log.info("{} is here", msg.data()))
 *     .onRequest(Keyword.of("math", "double"), msg -> 2 * (Long) msg.data())
 *     .onRequestAsync(Keyword.of("db", "get"), msg -> db.fetchAsync(msg.data()))
 *     .build();
 * }</pre>
 *
 * <p>A request handler's return value (or its stage's result) is the reply. A request handler that throws, or
 * whose stage fails, makes the client's request fail with {@code :chsk/error}. A failed stage is logged here; a
 * synchronous throw is rethrown after the reply, so the server logs and reports it
 * ({@link ServerError.Kind#HANDLER_FAILED}). Immutable and thread-safe.
 */
public final class ServerRouter implements EventHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRouter.class);

  private final Map<Keyword, Consumer<EventMessage>> routes;
  private final Consumer<EventMessage> fallback;

  private ServerRouter(Map<Keyword, Consumer<EventMessage>> routes, Consumer<EventMessage> fallback) {
    this.routes = Map.copyOf(routes);
    this.fallback = fallback;
  }

  /** A builder without routes. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the handler registered for the event's id, or the fallback. */
  @Override
  public void handle(EventMessage message) {
    routes.getOrDefault(message.id(), fallback).accept(message);
  }

  private static void logUnrouted(EventMessage msg) {
    LOG.debug("No route for {}{}", msg.id(), msg.wantsReply() ? "; no reply (the client's request will time out)"
        : "");
  }

  private static Consumer<EventMessage> request(Function<EventMessage, ?> replyFn) {
    return msg -> {
      Object value;
      try {
        value = replyFn.apply(msg);
      } catch (RuntimeException | Error e) {
        LOG.debug("The request handler for {} threw; replying :chsk/error", msg.id(), e); // the server logs it
        msg.reply(Chsk.ERROR);
        throw e;
      }
      msg.reply(value);
    };
  }

  private static Consumer<EventMessage> requestAsync(Function<EventMessage, ? extends CompletionStage<?>> fn) {
    return msg -> {
      CompletionStage<?> stage;
      try {
        stage = Objects.requireNonNull(fn.apply(msg), "the handler returned no stage");
      } catch (RuntimeException | Error e) {
        LOG.debug("The request handler for {} threw; replying :chsk/error", msg.id(), e); // the server logs it
        msg.reply(Chsk.ERROR);
        throw e;
      }
      stage.whenComplete((value, error) -> {
        if (error == null) {
          msg.reply(value);
          return;
        }
        Mdc.run(msg.uid(), msg.clientId(),
            () -> LOG.warn("The request handler for {} failed; replying :chsk/error", msg.id(), error));
        msg.reply(Chsk.ERROR);
      });
    };
  }

  /** Builds a {@link ServerRouter}. */
  public static final class Builder {
    private final List<Map.Entry<Keyword, Consumer<EventMessage>>> routes = new ArrayList<>();
    private Consumer<EventMessage> fallback = ServerRouter::logUnrouted;

    private Builder() {}

    /** Routes events with this id to a handler that replies by itself, if at all. */
    public Builder on(Keyword id, Consumer<EventMessage> handler) {
      routes.add(Map.entry(Objects.requireNonNull(id, "id"), Objects.requireNonNull(handler, "handler")));
      return this;
    }

    /** Routes requests with this id to a function whose return value is the reply. */
    public Builder onRequest(Keyword id, Function<EventMessage, ?> replyFn) {
      return on(id, request(Objects.requireNonNull(replyFn, "replyFn")));
    }

    /**
     * Routes requests with this id to a function whose stage's result is the reply; a failed stage replies {@code
     * :chsk/error}. The stage may complete on any thread.
     */
    public Builder onRequestAsync(Keyword id, Function<EventMessage, ? extends CompletionStage<?>> fn) {
      return on(id, requestAsync(Objects.requireNonNull(fn, "fn")));
    }

    /**
     * Handles events no route matches. Default: log at DEBUG and, if a reply was wanted, give none (the client's
     * request times out).
     */
    public Builder fallback(Consumer<EventMessage> fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalArgumentException if an id was routed twice
     */
    public ServerRouter build() {
      Map<Keyword, Consumer<EventMessage>> map = new HashMap<>();
      for (Map.Entry<Keyword, Consumer<EventMessage>> route : routes) {
        if (map.putIfAbsent(route.getKey(), route.getValue()) != null) {
          throw new IllegalArgumentException("more than one route for " + route.getKey());
        }
      }
      return new ServerRouter(map, fallback);
    }
  }
}
