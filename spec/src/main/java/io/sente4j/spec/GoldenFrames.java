package io.sente4j.spec;

import io.sente4j.core.Chsk;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;
import io.sente4j.core.Via;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The golden frame cases: each message kind with Sente's worked example data, named as the vector files in {@code
 * spec/vectors/<packer>/frames/} and {@code spec/vectors/<packer>/legacy/} are. {@code spec/vectors/README.md}
 * shows every case's logical value in edn.
 *
 * <p>The example data: the event {@code [:my-app/some-req {:name "Rich"}]}, callback id {@code "3f9c2a"}, pushes
 * {@code [:my-app/alert {:n 1}]} and {@code [:my-app/alert {:n 2}]}, user id {@code "alice"}, handshake data {@code
 * {:plan :pro}}, reply {@code {:result 42}}.
 */
public final class GoldenFrames {
  private GoldenFrames() {}

  /**
   * One golden case.
   *
   * @param name the vector file's name, without extension
   * @param from who sends the frame
   * @param via the exchange it travels in
   * @param frame the frame
   */
  public record Case(String name, Direction from, Via via, Frame frame) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The callback id of the examples. */
  public static final String CB = "3f9c2a";

  /** {@code [:my-app/some-req {:name "Rich"}]}. */
  public static final Event REQUEST = Event.of("my-app/some-req", map(Keyword.of("name"), "Rich"));

  /** {@code {:result 42}}. */
  public static final Object RESULT = map(Keyword.of("result"), 42L);

  /** {@code {:plan :pro}}. */
  public static final Object PLAN = map(Keyword.of("plan"), Keyword.of("pro"));

  /** {@code [[:my-app/alert {:n 1}] [:my-app/alert {:n 2}]]} as a push. */
  public static final Frame.Push PUSH = Frame.Push.of(
      Event.of("my-app/alert", map(Keyword.of("n"), 1L)), Event.of("my-app/alert", map(Keyword.of("n"), 2L)));

  /**
   * The cases every packer writes and reads: encoding the frame gives exactly the vector's bytes, and decoding the
   * bytes gives the frame (its values normalised by the packer's rule).
   */
  public static List<Case> written() {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    return List.of(
        new Case("handshake", s, Via.WEBSOCKET, new Frame.Handshake("alice", null)),
        new Case("handshake-with-data", s, Via.WEBSOCKET, new Frame.Handshake("alice", PLAN)),
        new Case("handshake-nil-uid-with-data", s, Via.WEBSOCKET, new Frame.Handshake(Chsk.NIL_UID, PLAN)),
        new Case("client-event", c, Via.WEBSOCKET, new Frame.ClientEvent(REQUEST, null)),
        new Case("client-event-with-callback", c, Via.WEBSOCKET, new Frame.ClientEvent(REQUEST, CB)),
        new Case("reply", s, Via.WEBSOCKET, new Frame.Reply(RESULT, CB)),
        new Case("push", s, Via.WEBSOCKET, PUSH),
        new Case("server-ping", s, Via.WEBSOCKET, new Frame.ServerPing()),
        new Case("client-ping", c, Via.WEBSOCKET, new Frame.ClientPing(CB)),
        new Case("pong", s, Via.WEBSOCKET, new Frame.Pong(CB)),
        new Case("client-pong", c, Via.WEBSOCKET, new Frame.ClientPong()),
        new Case("ajax-handshake", s, Via.AJAX_POLL, new Frame.Handshake("alice", PLAN)),
        new Case("ajax-push", s, Via.AJAX_POLL, PUSH),
        new Case("ajax-poll-timeout", s, Via.AJAX_POLL, new Frame.Timeout()),
        new Case("ajax-event-reply-wanted", c, Via.AJAX_POST, new Frame.AjaxEvent(REQUEST, true)),
        new Case("ajax-event-no-reply", c, Via.AJAX_POST, new Frame.AjaxEvent(REQUEST, false)),
        new Case("ajax-reply", s, Via.AJAX_POST, new Frame.AjaxReply(RESULT)),
        new Case("ajax-ack", s, Via.AJAX_POST, new Frame.AjaxAck()),
        new Case("ajax-reply-timeout", s, Via.AJAX_POST, new Frame.Timeout()));
  }

  /**
   * The cases a text packer reads but never writes: Sente 1.17's {@code +} and 1.16's {@code -} prefixed forms, the
   * one-element frames of Sente 1.18 to 1.20, and the Ajax marker {@code 0}. Decoding the vector gives the frame.
   */
  public static List<Case> readOnly() {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    return List.of(
        new Case("v117-client-event", c, Via.WEBSOCKET, new Frame.ClientEvent(REQUEST, null)),
        new Case("v117-client-event-with-callback", c, Via.WEBSOCKET, new Frame.ClientEvent(REQUEST, CB)),
        new Case("v117-reply", s, Via.WEBSOCKET, new Frame.Reply(RESULT, CB)),
        new Case("v117-push", s, Via.WEBSOCKET, PUSH),
        new Case("v117-handshake", s, Via.WEBSOCKET, new Frame.Handshake("alice", null)),
        new Case("v117-handshake-nil-uid", s, Via.WEBSOCKET, new Frame.Handshake(Chsk.NIL_UID, null)),
        new Case("v117-handshake-with-data", s, Via.WEBSOCKET, new Frame.Handshake("alice", PLAN)),
        new Case("v117-server-ping", s, Via.WEBSOCKET, new Frame.ServerPing()),
        new Case("v117-client-ping", c, Via.WEBSOCKET, new Frame.ClientPing(null)),
        new Case("v117-ajax-event-reply-wanted", c, Via.AJAX_POST, new Frame.AjaxEvent(REQUEST, true)),
        new Case("v117-ajax-event-no-reply", c, Via.AJAX_POST, new Frame.AjaxEvent(REQUEST, false)),
        new Case("v117-ajax-reply", s, Via.AJAX_POST, new Frame.AjaxReply(RESULT)),
        new Case("v117-ajax-ack", s, Via.AJAX_POST, new Frame.AjaxAck()),
        new Case("v117-ajax-poll-timeout", s, Via.AJAX_POLL, new Frame.Timeout()),
        new Case("v116-push", s, Via.WEBSOCKET, PUSH),
        new Case("v116-handshake", s, Via.WEBSOCKET, new Frame.Handshake("alice", null)),
        new Case("v118-client-event", c, Via.WEBSOCKET, new Frame.ClientEvent(REQUEST, null)),
        new Case("v118-server-ping", s, Via.WEBSOCKET, new Frame.ServerPing()),
        new Case("v119-client-pong", c, Via.WEBSOCKET, new Frame.ClientPong()),
        new Case("v118-ajax-event-marker-zero", c, Via.AJAX_POST, new Frame.AjaxEvent(REQUEST, true)));
  }

  private static Map<Object, Object> map(Object k, Object v) {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(k, v);
    return java.util.Collections.unmodifiableMap(m);
  }
}
