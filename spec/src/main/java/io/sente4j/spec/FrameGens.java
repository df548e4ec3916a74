package io.sente4j.spec;

import io.sente4j.core.Chsk;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.Via;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of frames of every kind, each with the direction and exchange it travels in, carrying
 * values from a given generator.
 *
 * <p>Values that the protocol cannot tell apart from its own are left out, because they do not round trip by
 * design (see PROTOCOL.md): a WebSocket reply of {@code "pong"} reads as a {@link Frame.Pong}; a POST reply of
 * {@code :chsk/timeout} or {@code :chsk/dummy-cb-200} (or, for packers without keywords, those strings) reads as the
 * timeout or the ack.
 */
public final class FrameGens {
  private FrameGens() {}

  /** Callback ids: Sente's 6 hex characters, and arbitrary strings. */
  public static Gen<String> callbackIds() {
    Gen<String> hex = DataModelGens.listsOf(Generate.pick(List.of("0123456789abcdef".split(""))), 6)
        .map(parts -> String.join("", parts));
    return Generate.frequency(List.of(Pair.of(3, hex), Pair.of(1, DataModelGens.strings())));
  }

  /** Application events with data from {@code values} (sometimes none). */
  public static Gen<Event> events(Gen<Object> values) {
    Gen<Object> data = Generate.frequency(List.of(Pair.of(1, Generate.constant((Object) null)), Pair.of(4, values)));
    return DataModelGens.eventIds().zip(data, Event::new);
  }

  /** Frames of every kind, with values from {@code values}. */
  public static Gen<GoldenFrames.Case> frames(Gen<Object> values) {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    Gen<Event> events = events(values);
    Gen<String> cbs = callbackIds();
    Gen<String> optionalCbs = Generate.frequency(List.of(
        Pair.of(1, Generate.constant((String) null)), Pair.of(2, cbs)));
    Gen<Object> replies = values.assuming(v -> !Chsk.PONG.equals(v));
    Gen<Object> ajaxReplies = values.assuming(v -> !isChskMarker(v));
    Gen<Object> uids = Generate.frequency(List.of(
        Pair.of(1, Generate.constant((Object) Chsk.NIL_UID)),
        Pair.of(3, DataModelGens.strings().assuming(u -> !isChskMarker(u)).map(u -> (Object) u))));
    Gen<Frame.Push> pushes = DataModelGens.listsOf(events, 4).map(Frame.Push::new);
    return Generate.frequency(List.of(
        Pair.of(2, uids.zip(values, (u, d) -> kase("handshake", s, Via.WEBSOCKET, new Frame.Handshake(u, d)))),
        Pair.of(1, uids.zip(values, (u, d) -> kase("ajax-handshake", s, Via.AJAX_POLL, new Frame.Handshake(u, d)))),
        Pair.of(4, events.zip(optionalCbs,
            (e, cb) -> kase("client-event", c, Via.WEBSOCKET, new Frame.ClientEvent(e, cb)))),
        Pair.of(2, events.zip(Generate.booleans(),
            (e, r) -> kase("ajax-event", c, Via.AJAX_POST, new Frame.AjaxEvent(e, r)))),
        Pair.of(3, replies.zip(cbs, (v, cb) -> kase("reply", s, Via.WEBSOCKET, new Frame.Reply(v, cb)))),
        Pair.of(2, ajaxReplies.map(v -> kase("ajax-reply", s, Via.AJAX_POST, new Frame.AjaxReply(v)))),
        Pair.of(3, pushes.map(p -> kase("push", s, Via.WEBSOCKET, p))),
        Pair.of(1, pushes.map(p -> kase("ajax-push", s, Via.AJAX_POLL, p))),
        Pair.of(1, Generate.constant(kase("server-ping", s, Via.WEBSOCKET, new Frame.ServerPing()))),
        Pair.of(1, optionalCbs.map(cb -> kase("client-ping", c, Via.WEBSOCKET, new Frame.ClientPing(cb)))),
        Pair.of(1, cbs.map(cb -> kase("pong", s, Via.WEBSOCKET, new Frame.Pong(cb)))),
        Pair.of(1, Generate.constant(kase("client-pong", c, Via.WEBSOCKET, new Frame.ClientPong()))),
        Pair.of(1, Generate.constant(kase("ajax-ack", s, Via.AJAX_POST, new Frame.AjaxAck()))),
        Pair.of(1, Generate.constant(kase("poll-timeout", s, Via.AJAX_POLL, new Frame.Timeout())))));
  }

  private static GoldenFrames.Case kase(String name, Direction from, Via via, Frame frame) {
    return new GoldenFrames.Case(name, from, via, frame);
  }

  private static boolean isChskMarker(Object v) {
    if (Chsk.TIMEOUT.equals(v) || Chsk.DUMMY_CB_200.equals(v) || Chsk.NIL_UID.equals(v)
        || Chsk.LEGACY_NIL_UID.equals(v)) {
      return true;
    }
    if (v instanceof String) {
      String s = ((String) v).startsWith(":") ? ((String) v).substring(1) : (String) v;
      return s.equals("chsk/timeout") || s.equals("chsk/dummy-cb-200") || s.equals("sente/nil-uid")
          || s.equals("taoensso.sente/nil-uid");
    }
    return false;
  }
}
