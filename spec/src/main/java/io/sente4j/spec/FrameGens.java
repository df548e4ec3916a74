package io.sente4j.spec;

import io.sente4j.core.Chsk;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;
import io.sente4j.core.Via;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of frames of every {@link Frame.Kind}, each with the direction and exchange it travels
 * in, carrying values from a given generator.
 *
 * <p>Now and then a reply value or user id is one that looks like the protocol's own ({@code "pong"}, {@code
 * "chsk/timeout"}, {@code ":sente/nil-uid"}, {@code "xchsk/timeout"} and the like), so that a codec is seen to tell
 * them apart. Frames the protocol cannot tell apart from its own by design are left out, by the rule of {@link
 * FrameAmbiguity}.
 */
public final class FrameGens {
  private FrameGens() {}

  /** Strings and keywords close to the protocol's own values; which of them are ambiguous depends on the packer. */
  private static final List<Object> LOOKALIKES = List.of(Chsk.PONG, "pong ", "Pong", ":pong", "chsk/timeout",
      ":chsk/timeout", "xchsk/timeout", "chsk/timeout ", "::chsk/timeout", "chsk/dummy-cb-200", ":chsk/dummy-cb-200",
      "chsk/dummy-cb-2000", "sente/nil-uid", ":sente/nil-uid", "taoensso.sente/nil-uid", ":taoensso.sente/nil-uid",
      "xsente/nil-uid", "nil-uid", Chsk.TIMEOUT, Chsk.DUMMY_CB_200, Chsk.WS_PING, Keyword.of("chsk", "timeout2"),
      Keyword.of("timeout"), Chsk.NIL_UID);

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

  /**
   * User ids: strings (most often), keywords, integers, the nil uid, and now and then a lookalike of the protocol's
   * values.
   */
  public static Gen<Object> uids() {
    return Generate.frequency(List.of(
        Pair.of(1, Generate.constant((Object) Chsk.NIL_UID)),
        Pair.of(4, DataModelGens.strings().map(u -> (Object) u)),
        Pair.of(2, DataModelGens.keywords().map(u -> (Object) u)),
        Pair.of(1, DataModelGens.longs().map(u -> (Object) u)),
        Pair.of(1, Generate.pick(LOOKALIKES))));
  }

  /**
   * Frames of every kind, with values from {@code values}, that every packer reads back as written: the cautious
   * choice of {@link #frames(Gen, boolean)} for a packer without keywords.
   */
  public static Gen<GoldenFrames.Case> frames(Gen<Object> values) {
    return frames(values, false);
  }

  /**
   * Frames of every kind, with values from {@code values}, less those that {@link FrameAmbiguity} calls ambiguous
   * for a packer that does, or does not, carry keywords. The test still has to leave out frames that become
   * ambiguous when the packer normalises their values (over JSON, the symbol {@code chsk/timeout} becomes a string).
   */
  public static Gen<GoldenFrames.Case> frames(Gen<Object> values, boolean carriesKeywords) {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    Gen<Event> events = events(values);
    Gen<String> cbs = callbackIds();
    Gen<String> optionalCbs = Generate.frequency(List.of(
        Pair.of(1, Generate.constant((String) null)), Pair.of(2, cbs)));
    Gen<Object> replies = Generate.frequency(List.of(Pair.of(4, values), Pair.of(1, Generate.pick(LOOKALIKES))));
    Gen<Object> uids = uids();
    Gen<Frame.Push> pushes = DataModelGens.listsOf(events, 4).map(Frame.Push::new);
    Gen<GoldenFrames.Case> all = Generate.frequency(List.of(
        Pair.of(2, uids.zip(values, (u, d) -> kase("handshake", s, Via.WEBSOCKET, new Frame.Handshake(u, d)))),
        Pair.of(1, uids.zip(values, (u, d) -> kase("ajax-handshake", s, Via.AJAX_POLL, new Frame.Handshake(u, d)))),
        Pair.of(4, events.zip(optionalCbs,
            (e, cb) -> kase("client-event", c, Via.WEBSOCKET, new Frame.ClientEvent(e, cb)))),
        Pair.of(2, events.zip(Generate.booleans(),
            (e, r) -> kase("ajax-event", c, Via.AJAX_POST, new Frame.AjaxEvent(e, r)))),
        Pair.of(3, replies.zip(cbs, (v, cb) -> kase("reply", s, Via.WEBSOCKET, new Frame.Reply(v, cb)))),
        Pair.of(2, replies.map(v -> kase("ajax-reply", s, Via.AJAX_POST, new Frame.AjaxReply(v)))),
        Pair.of(3, pushes.map(p -> kase("push", s, Via.WEBSOCKET, p))),
        Pair.of(1, pushes.map(p -> kase("ajax-push", s, Via.AJAX_POLL, p))),
        Pair.of(1, Generate.constant(kase("server-ping", s, Via.WEBSOCKET, new Frame.ServerPing()))),
        Pair.of(1, optionalCbs.map(cb -> kase("client-ping", c, Via.WEBSOCKET, new Frame.ClientPing(cb)))),
        Pair.of(1, cbs.map(cb -> kase("pong", s, Via.WEBSOCKET, new Frame.Pong(cb)))),
        Pair.of(1, Generate.constant(kase("client-pong", c, Via.WEBSOCKET, new Frame.ClientPong()))),
        Pair.of(1, Generate.constant(kase("ajax-ack", s, Via.AJAX_POST, new Frame.AjaxAck()))),
        Pair.of(1, Generate.constant(kase("ajax-poll-timeout", s, Via.AJAX_POLL, new Frame.Timeout()))),
        Pair.of(1, Generate.constant(kase("ajax-reply-timeout", s, Via.AJAX_POST, new Frame.Timeout())))));
    return all.assuming(k -> !FrameAmbiguity.isAmbiguous(k.frame(), carriesKeywords));
  }

  private static GoldenFrames.Case kase(String name, Direction from, Via via, Frame frame) {
    return new GoldenFrames.Case(name, from, via, frame);
  }
}
