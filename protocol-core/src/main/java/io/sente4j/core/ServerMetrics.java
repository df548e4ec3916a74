package io.sente4j.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of a {@link ChannelSocketServer}'s counters, from {@link ChannelSocketServer#metrics()}. Every count is
 * since the server was built, except {@link #openWebSockets()} and {@link #openAjaxClients()}, which are now. Enum-keyed maps hold
 * every constant, zeros included, so a metrics exporter can register each series once.
 *
 * @param openWebSockets WebSocket connections open now
 * @param openAjaxClients Ajax clients connected now
 * @param connectionsOpened connections that completed their handshake
 * @param connectionsClosed open connections that closed, by reason
 * @param eventsReceived client events read (admitted to the handler or refused for overflow)
 * @param eventsPushed events sent in push frames, counted once per connection that was handed the frame
 * @param repliesSent replies with an application value handed to the transport
 * @param errorRepliesSent {@code :chsk/error} replies: the handler threw, or the receive queue was full
 * @param errors every reported {@link ServerError}, by kind ({@link ServerError.Kind#OVERFLOW} counts overflows,
 *     {@link ServerError.Kind#REPLY_DROPPED} replies whose connection had closed)
 * @param badFrames bad frames from clients, by reason
 * @param rejections refused requests, by reason
 */
public record ServerMetrics(
    long openWebSockets,
    long openAjaxClients,
    long connectionsOpened,
    Map<CloseReason, Long> connectionsClosed,
    long eventsReceived,
    long eventsPushed,
    long repliesSent,
    long errorRepliesSent,
    Map<ServerError.Kind, Long> errors,
    Map<FrameException.Reason, Long> badFrames,
    Map<RejectionReason, Long> rejections) {

  /** Copies the maps, unmodifiable. */
  public ServerMetrics {
    connectionsClosed = frozen(connectionsClosed, CloseReason.class);
    errors = frozen(errors, ServerError.Kind.class);
    badFrames = frozen(badFrames, FrameException.Reason.class);
    rejections = frozen(rejections, RejectionReason.class);
  }

  /** The overflows reported: {@code errors().get(OVERFLOW)}. */
  public long overflows() {
    return errors.get(ServerError.Kind.OVERFLOW);
  }

  private static <K extends Enum<K>> Map<K, Long> frozen(Map<K, Long> counts, Class<K> type) {
    Map<K, Long> all = new EnumMap<>(type);
    for (K k : type.getEnumConstants()) {
      all.put(k, Objects.requireNonNull(counts, "counts").getOrDefault(k, 0L));
    }
    return Collections.unmodifiableMap(all);
  }
}
