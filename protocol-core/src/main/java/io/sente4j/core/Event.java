package io.sente4j.core;

import java.util.Objects;

/**
 * An application event, {@code [id data]} on the wire: a namespaced keyword id and optional data.
 *
 * <p>An event with {@code null} data is written as the one-element vector {@code [id]}, as Sente writes
 * {@code [:chsk/ws-pong]}; a received {@code [id nil]} reads as the same event.
 *
 * @param id the event id, a namespaced keyword such as {@code :chat/send}
 * @param data the event's data, any value of the data model, or {@code null} for none
 */
public record Event(Keyword id, Object data) {
  /**
   * Checks the id is a namespaced keyword.
   *
   * @throws IllegalArgumentException if the id has no namespace
   */
  public Event {
    Objects.requireNonNull(id, "id");
    if (!id.hasNamespace()) {
      throw new IllegalArgumentException("event id " + id + " has no namespace; event ids look like :my-app/event");
    }
  }

  /** An event without data. */
  public static Event of(Keyword id) {
    return new Event(id, null);
  }

  /** An event with data. */
  public static Event of(Keyword id, Object data) {
    return new Event(id, data);
  }

  /** An event whose id is given as {@code "ns/name"}. */
  public static Event of(String id, Object data) {
    return new Event(Keyword.of(id), data);
  }

  /** Whether the id is in the protocol's reserved {@code chsk} namespace. */
  public boolean isReserved() {
    return id.isIn(Chsk.NAMESPACE);
  }

  /** {@code [:ns/name data]}, the data as {@link Object#toString}. */
  @Override
  public String toString() {
    return data == null ? "[" + id + "]" : "[" + id + " " + data + "]";
  }
}
