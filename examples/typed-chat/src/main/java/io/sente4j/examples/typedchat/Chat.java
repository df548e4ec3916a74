package io.sente4j.examples.typedchat;

import io.sente4j.codec.ClientEvent;
import io.sente4j.codec.EventSchema;
import io.sente4j.codec.NameStyle;
import io.sente4j.codec.ServerPush;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The chat's events, described once. codec-generator writes {@code ChatCodecs}, {@code ChatEvents},
 * {@code ChatClient}, {@code ChatHandler}, {@code ChatAsyncHandler} and {@code ChatServer} from it. Keys are in
 * kebab case, as Clojure peers expect.
 */
@EventSchema(namespace = "chat", names = NameStyle.KEBAB_CASE)
public interface Chat {

  /** A user sends a message to a room; the server answers with the id it gave the message. */
  @ClientEvent(name = "send", reply = SendAck.class)
  record Send(String room, String text) {}

  /** A user joins a room and gets its recent history. */
  @ClientEvent(name = "join", reply = History.class)
  record Join(String room) {}

  /** A user is typing; no reply. */
  @ClientEvent(name = "typing")
  record Typing(String room) {}

  /** A message, pushed to every member of its room. */
  @ServerPush(name = "message")
  record Message(long id, String room, String from, String text, Instant at, Optional<Mood> mood) {}

  /** Someone is typing in a room the user has joined. */
  @ServerPush(name = "typing-in")
  record TypingIn(String room, String who) {}

  /** The reply to {@link Send}. */
  record SendAck(long id) {}

  /** The reply to {@link Join}: the room's last messages, oldest first. */
  record History(String room, List<Message> messages) {}

  /** How a message was meant; a keyword on the wire. */
  enum Mood { HAPPY, GRUMPY, DEAD_PAN }
}
