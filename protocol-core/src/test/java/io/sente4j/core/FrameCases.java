package io.sente4j.core;

import static org.quicktheories.generators.SourceDSL.lists;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators of frames of every kind, each with the direction and exchange it travels in. Values that
 * the protocol cannot tell apart from its own by design are left out: a WebSocket reply of {@code "pong"} (reads as
 * a {@link Frame.Pong}) and a POST reply of {@code :chsk/timeout} or {@code :chsk/dummy-cb-200} (reads as the timeout
 * or the ack); for a packer without keywords, also the strings that name those keywords or the nil user id.
 */
final class FrameCases {
  private FrameCases() {}

  /** A frame, who sends it and how. */
  record Case(Frame frame, Direction from, Via via) {}

  /** Strings from a small alphabet that includes the toy format's escapes and a non-ASCII letter. */
  static Gen<String> strings() {
    Gen<String> chars = Generate.pick(List.of("a", "b", "/", ":", " ", "\"", "\\", "é", "-"));
    Gen<String> random = lists().of(chars).ofSizeBetween(0, 6).map(parts -> String.join("", parts));
    Gen<String> lookalikes = Generate.pick(List.of("pong", "chsk/ws-ping", ":chsk/timeout", "my-app/x", "ajax", ""));
    return Generate.frequency(List.of(Pair.of(4, random), Pair.of(1, lookalikes)));
  }

  /** Keywords, including the protocol's own, which must survive in application positions. */
  static Gen<Keyword> keywords() {
    return Generate.pick(List.of(Keyword.of("a"), Keyword.of("my-app", "x"), Keyword.of("x.y", "z?"),
        Chsk.WS_PING, Chsk.TIMEOUT, Chsk.DUMMY_CB_200, Chsk.HANDSHAKE, Chsk.NIL_UID, Chsk.AJAX_MARKER));
  }

  /** Values the toy packer can carry: nil, booleans, longs, strings, keywords (if asked) and vectors of them. */
  static Gen<Object> toyValues(boolean withKeywords) {
    return toyValues(withKeywords, 2);
  }

  private static Gen<Object> toyValues(boolean withKeywords, int depth) {
    Gen<Object> nil = Generate.constant((Object) null);
    Gen<Object> booleans = Generate.booleans().map(b -> (Object) b);
    Gen<Object> longs = Generate.longRange(-1000, 1000).map(l -> (Object) l);
    Gen<Object> strings = strings().map(s -> (Object) s);
    Gen<Object> leaves = withKeywords
        ? Generate.oneOf(nil, booleans, longs, strings, keywords().map(k -> (Object) k))
        : Generate.oneOf(nil, booleans, longs, strings);
    if (depth == 0) {
      return leaves;
    }
    Gen<Object> vectors = lists().of(toyValues(withKeywords, depth - 1)).ofSizeBetween(0, 3)
        .map(l -> (Object) Collections.unmodifiableList(l));
    return Generate.frequency(List.of(Pair.of(3, leaves), Pair.of(1, vectors)));
  }

  /** Richer values for {@code toWire}/{@code fromWire}, which never pack: maps, bytes and tagged values too. */
  static Gen<Object> richValues() {
    Gen<Object> toy = toyValues(true);
    Gen<Object> maps = toy.zip(toy, (k, v) -> (Object) Collections.singletonMap(k, v));
    Gen<Object> others = Generate.pick(List.of(Bytes.fromHex("00ff"), new Tagged(Symbol.of("my.app/point"), 1L),
        Map.of(Keyword.of("plan"), Keyword.of("pro")), 1.5d, Symbol.of("chsk/ws-ping")));
    return Generate.frequency(List.of(Pair.of(6, toy), Pair.of(1, maps), Pair.of(1, others)));
  }

  /** Application events with data from {@code values}, sometimes none. */
  static Gen<Event> events(Gen<Object> values) {
    Gen<Keyword> ids = Generate.pick(List.of(Keyword.of("my-app", "some-req"), Keyword.of("a.b", "c"),
        Keyword.of("x", "chsk"), Keyword.of("chsk.not-reserved", "ws-ping")));
    Gen<Object> data = Generate.frequency(List.of(Pair.of(1, Generate.constant((Object) null)), Pair.of(4, values)));
    return ids.zip(data, Event::new);
  }

  /**
   * Frames of every kind. {@code keywordsAsStrings} leaves out the values a packer without keywords cannot tell
   * from the protocol's keywords (the values themselves must then hold no keywords).
   */
  static Gen<Case> frames(Gen<Object> values, boolean keywordsAsStrings) {
    Direction c = Direction.FROM_CLIENT;
    Direction s = Direction.FROM_SERVER;
    Gen<Event> events = events(values);
    Gen<String> cbs = Generate.frequency(List.of(Pair.of(3, Generate.pick(List.of("3f9c2a", "58b8e4", "7ab481"))),
        Pair.of(1, strings())));
    Gen<String> optionalCbs = Generate.frequency(List.of(
        Pair.of(1, Generate.constant((String) null)), Pair.of(2, cbs)));
    Predicate<Object> ambiguousReply = v -> !Chsk.PONG.equals(v);
    Predicate<Object> ambiguousAjaxReply = v -> !looksLike(v, keywordsAsStrings, Chsk.TIMEOUT, Chsk.DUMMY_CB_200);
    Gen<Object> uids = Generate.frequency(List.of(
        Pair.of(1, Generate.constant((Object) Chsk.NIL_UID)),
        Pair.of(1, Generate.constant((Object) null)),
        Pair.of(3, values.assuming(v -> !looksLike(v, keywordsAsStrings, Chsk.NIL_UID, Chsk.LEGACY_NIL_UID)))));
    Gen<Frame.Push> pushes = lists().of(events).ofSizeBetween(0, 3).map(Frame.Push::new);
    return Generate.frequency(List.of(
        Pair.of(2, uids.zip(values, (u, d) -> new Case(new Frame.Handshake(u, d), s, Via.WEBSOCKET))),
        Pair.of(1, uids.zip(values, (u, d) -> new Case(new Frame.Handshake(u, d), s, Via.AJAX_POLL))),
        Pair.of(4, events.zip(optionalCbs, (e, cb) -> new Case(new Frame.ClientEvent(e, cb), c, Via.WEBSOCKET))),
        Pair.of(2, events.zip(Generate.booleans(), (e, r) -> new Case(new Frame.AjaxEvent(e, r), c, Via.AJAX_POST))),
        Pair.of(3, values.assuming(ambiguousReply)
            .zip(cbs, (v, cb) -> new Case(new Frame.Reply(v, cb), s, Via.WEBSOCKET))),
        Pair.of(2, values.assuming(ambiguousAjaxReply)
            .map(v -> new Case(new Frame.AjaxReply(v), s, Via.AJAX_POST))),
        Pair.of(3, pushes.map(p -> new Case(p, s, Via.WEBSOCKET))),
        Pair.of(1, pushes.map(p -> new Case(p, s, Via.AJAX_POLL))),
        Pair.of(1, Generate.constant(new Case(new Frame.ServerPing(), s, Via.WEBSOCKET))),
        Pair.of(1, optionalCbs.map(cb -> new Case(new Frame.ClientPing(cb), c, Via.WEBSOCKET))),
        Pair.of(1, cbs.map(cb -> new Case(new Frame.Pong(cb), s, Via.WEBSOCKET))),
        Pair.of(1, Generate.constant(new Case(new Frame.ClientPong(), c, Via.WEBSOCKET))),
        Pair.of(1, Generate.constant(new Case(new Frame.AjaxAck(), s, Via.AJAX_POST))),
        Pair.of(1, Generate.constant(new Case(new Frame.Timeout(), s, Via.AJAX_POST))),
        Pair.of(1, Generate.constant(new Case(new Frame.Timeout(), s, Via.AJAX_POLL)))));
  }

  /** Whether {@code v} is one of the keywords, or (for a packer without keywords) a string naming one. */
  private static boolean looksLike(Object v, boolean keywordsAsStrings, Keyword... keywords) {
    for (Keyword k : keywords) {
      if (k.equals(v)) {
        return true;
      }
      if (keywordsAsStrings && (k.qualifiedName().equals(v) || k.toString().equals(v))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The wire value as a packer without keywords reads it back: every keyword turned into a string, {@code "ns/name"}
   * or {@code ":ns/name"} (alternately, so both forms are read).
   */
  static Object keywordsToStrings(Object wire, boolean withColon) {
    if (wire instanceof Keyword) {
      return withColon ? wire.toString() : ((Keyword) wire).qualifiedName();
    }
    if (wire instanceof List) {
      List<?> items = (List<?>) wire;
      Object[] out = new Object[items.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = keywordsToStrings(items.get(i), withColon);
      }
      return Collections.unmodifiableList(java.util.Arrays.asList(out));
    }
    return wire;
  }
}
