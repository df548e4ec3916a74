package io.sente4j.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One event as the server application's {@link EventHandler} receives it: the event, who sent it, over which
 * connection, and, when the client asked for one, a way to reply once. Immutable apart from that reply; safe to use
 * from any thread.
 */
public final class EventMessage {
  private static final Logger LOG = LoggerFactory.getLogger(EventMessage.class);

  private final Event event;
  private final Object uid;
  private final String clientId;
  private final ServerRequest request;
  private final Via via;
  private final Predicate<Object> replies;
  private final AtomicBoolean replied = new AtomicBoolean();

  /**
   * A message.
   *
   * @param replies sends a reply and says whether it went out, or {@code null} when the client wants none
   */
  EventMessage(Event event, Object uid, String clientId, ServerRequest request, Via via, Predicate<Object> replies) {
    this.event = Objects.requireNonNull(event, "event");
    this.uid = uid;
    this.clientId = clientId;
    this.request = request;
    this.via = Objects.requireNonNull(via, "via");
    this.replies = replies;
  }

  /** The event. */
  public Event event() {
    return event;
  }

  /** The event's id. */
  public Keyword id() {
    return event.id();
  }

  /** The event's data, or {@code null}. */
  public Object data() {
    return event.data();
  }

  /** The user id of the connection ({@link Chsk#NIL_UID} when the server does not know the user). */
  public Object uid() {
    return uid;
  }

  /** The client id of the connection. */
  public String clientId() {
    return clientId;
  }

  /** The request that opened the connection (for a WebSocket, the upgrade request). */
  public ServerRequest request() {
    return request;
  }

  /** The transport the event came by. */
  public Via via() {
    return via;
  }

  /** Whether the client waits for a reply. */
  public boolean wantsReply() {
    return replies != null;
  }

  /** Whether a reply has been given. */
  public boolean hasReplied() {
    return replied.get();
  }

  /**
   * Replies to the event. Only the first reply counts (PROTOCOL.md §9.2): later calls return false and are logged at
   * WARN; a call when the client wanted no reply returns false and is logged at DEBUG. A reply whose connection has
   * closed is dropped, reported as {@link ServerError.Kind#REPLY_DROPPED}, and returns false.
   *
   * @param value the reply, any value the packer carries ({@code :chsk/error} tells the client the request failed)
   * @return whether the reply was handed to the connection
   * @throws PackerException if the value cannot be packed; the message can then still be replied to
   */
  public boolean reply(Object value) {
    if (replies == null) {
      LOG.debug("No reply wanted for {} from {}; reply dropped", event.id(), clientId);
      return false;
    }
    if (!replied.compareAndSet(false, true)) {
      LOG.warn("{} from {} was already replied to; this reply is ignored", event.id(), clientId);
      return false;
    }
    try {
      return replies.test(value);
    } catch (RuntimeException e) {
      replied.set(false);
      throw e;
    }
  }

  @Override
  public String toString() {
    return "EventMessage" + event + " from uid " + uid + ", client " + clientId + " via " + via
        + (wantsReply() ? " (wants a reply)" : "");
  }
}
