package io.sente4j.codec;

import io.sente4j.core.Keyword;
import java.util.Objects;
import java.util.Optional;

/**
 * One event of a schema, for documentation and validation: its id, its direction, its data record and, for a
 * client event that wants one, its reply record.
 *
 * @param id the event id, such as {@code :chat/send}
 * @param kind the direction
 * @param data the record that is the event's data
 * @param reply the record the server replies with; empty when the event wants no reply (always for a push)
 */
public record EventSpec(Keyword id, Kind kind, Class<? extends Record> data, Optional<Class<? extends Record>> reply) {

  /** The direction of an event. */
  public enum Kind {
    /** Sent by a client to the server ({@link ClientEvent}). */
    CLIENT_EVENT,
    /** Pushed by the server to users ({@link ServerPush}). */
    SERVER_PUSH
  }

  /** Checks the parts. */
  public EventSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(reply, "reply");
    if (kind == Kind.SERVER_PUSH && reply.isPresent()) {
      throw new IllegalArgumentException("a server push has no reply: " + id);
    }
  }

  /** Whether the event wants a reply. */
  public boolean wantsReply() {
    return reply.isPresent();
  }
}
