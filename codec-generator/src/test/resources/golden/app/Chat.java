package app;

import io.sente4j.codec.ClientEvent;
import io.sente4j.codec.EventSchema;
import io.sente4j.codec.ServerPush;
import java.time.Instant;

/** The README's schema. */
@EventSchema(namespace = "chat")
public interface Chat {
  @ClientEvent(name = "send", reply = SendAck.class) record Send(String room, String text) {}

  @ClientEvent record Typing(String room) {}

  @ServerPush(name = "message") record Message(String room, String from, String text, Instant at) {}

  record SendAck(long id) {}
}
