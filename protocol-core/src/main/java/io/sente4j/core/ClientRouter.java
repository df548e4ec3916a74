package io.sente4j.core;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push handler that routes each event by its id to the handler registered for it, and every other event to a
 * fallback. Immutable and thread-safe once built.
 *
 * <pre>{@code
 * ClientRouter router = ClientRouter.builder()
 *     .on(Keyword.of("chat", "message"), event -> show(event.data()))
 *     .fallback(event -> log(event))
 *     .build();
 * ChannelSocketClient.builder(uri, transport).packer(packer).pushHandler(router);
 * }</pre>
 */
public final class ClientRouter implements Consumer<Event> {
  private static final Logger LOG = LoggerFactory.getLogger(ClientRouter.class);

  private final Map<Keyword, Consumer<Event>> routes;
  private final Consumer<Event> fallback;

  private ClientRouter(Map<Keyword, Consumer<Event>> routes, Consumer<Event> fallback) {
    this.routes = Map.copyOf(routes);
    this.fallback = fallback;
  }

  /** A builder with no routes and a fallback that logs the event at DEBUG. */
  public static Builder builder() {
    return new Builder();
  }

  /** Hands {@code event} to the handler of its id, or to the fallback. */
  @Override
  public void accept(Event event) {
    routes.getOrDefault(event.id(), fallback).accept(event);
  }

  /** The ids that have a handler. */
  public Set<Keyword> ids() {
    return routes.keySet();
  }

  /** Collects the routes of a {@link ClientRouter}. */
  public static final class Builder {
    private final Map<Keyword, Consumer<Event>> routes = new HashMap<>();
    private final Set<Keyword> duplicates = new LinkedHashSet<>();
    private Consumer<Event> fallback = event -> LOG.debug("no handler for pushed event {}", event.id());

    private Builder() {}

    /** Routes events with id {@code id} to {@code handler}. */
    public Builder on(Keyword id, Consumer<Event> handler) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(handler, "handler");
      if (routes.putIfAbsent(id, handler) != null) {
        duplicates.add(id);
      }
      return this;
    }

    /** Receives the events no route matches. */
    public Builder fallback(Consumer<Event> fallback) {
      this.fallback = Objects.requireNonNull(fallback, "fallback");
      return this;
    }

    /**
     * Builds the router.
     *
     * @throws IllegalArgumentException if an id was routed more than once
     */
    public ClientRouter build() {
      if (!duplicates.isEmpty()) {
        throw new IllegalArgumentException("more than one handler for event id(s) " + duplicates);
      }
      return new ClientRouter(routes, fallback);
    }
  }
}
