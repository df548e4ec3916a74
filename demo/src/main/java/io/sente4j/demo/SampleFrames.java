package io.sente4j.demo;

import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;
import io.sente4j.core.Via;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small chat conversation as frames: one of every kind, with the direction and exchange each travels in. */
final class SampleFrames {
  private SampleFrames() {}

  /**
   * One sample frame.
   *
   * @param title what the frame is, for the reader
   * @param from who sends it
   * @param via the exchange it travels in
   * @param frame the frame
   */
  record Sample(String title, Direction from, Via via, Frame frame) {}

  static List<Sample> all() {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    Event send = Event.of("chat/send", map("room", "lobby", "text", "hello, sente4j"));
    Event message = Event.of("chat/message",
        map("room", "lobby", "from", "alice", "text", "hello, sente4j", "at", Instant.parse("2026-11-28T09:00:00Z")));
    Event typing = Event.of("chat/typing", map("room", "lobby", "who", "bob"));
    Object ack = map("id", 1042L);
    return List.of(
        new Sample("handshake", s, Via.WEBSOCKET, new Frame.Handshake("alice", map("server", "sente4j-demo"))),
        new Sample("event, reply wanted", c, Via.WEBSOCKET, new Frame.ClientEvent(send, "7ab481")),
        new Sample("event, no reply", c, Via.WEBSOCKET, new Frame.ClientEvent(typing, null)),
        new Sample("reply", s, Via.WEBSOCKET, new Frame.Reply(ack, "7ab481")),
        new Sample("push batch", s, Via.WEBSOCKET, Frame.Push.of(message, typing)),
        new Sample("server ping", s, Via.WEBSOCKET, new Frame.ServerPing()),
        new Sample("client pong", c, Via.WEBSOCKET, new Frame.ClientPong()),
        new Sample("client ping", c, Via.WEBSOCKET, new Frame.ClientPing("58b8e4")),
        new Sample("pong", s, Via.WEBSOCKET, new Frame.Pong("58b8e4")),
        new Sample("Ajax handshake", s, Via.AJAX_POLL, new Frame.Handshake("bob", null)),
        new Sample("Ajax poll: push", s, Via.AJAX_POLL, Frame.Push.of(message)),
        new Sample("Ajax poll: timeout", s, Via.AJAX_POLL, new Frame.Timeout()),
        new Sample("Ajax POST, reply wanted", c, Via.AJAX_POST, new Frame.AjaxEvent(send, true)),
        new Sample("Ajax POST reply", s, Via.AJAX_POST, new Frame.AjaxReply(ack)),
        new Sample("Ajax POST, no reply", c, Via.AJAX_POST, new Frame.AjaxEvent(typing, false)),
        new Sample("Ajax no-reply ack", s, Via.AJAX_POST, new Frame.AjaxAck()));
  }

  private static Map<Keyword, Object> map(Object... kvs) {
    Map<Keyword, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(Keyword.of((String) kvs[i]), kvs[i + 1]);
    }
    return m;
  }
}
