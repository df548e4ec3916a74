package io.sente4j.benchmarks;

import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The benchmark corpus: realistic payloads, as data-model values (whole wire frames where that is what travels). */
final class Payloads {
  private Payloads() {}

  /** The payload names, in the order BENCHMARKS.md lists them. */
  static final String[] NAMES = {"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"};

  static Object get(String name) {
    switch (name) {
      case "chat-message":
        return FrameCodec.toWire(new Frame.ClientEvent(chatSend(0), "7ab481"));
      case "presence-update":
        return FrameCodec.toWire(Frame.Push.of(Event.of("presence/update", map(
            "room", "lobby",
            "online", set("alice", "bob", "carol", "dave", "erin"),
            "transports", map("alice", kw("ws"), "bob", kw("ajax"), "carol", kw("ws")),
            "since", Instant.parse("2026-11-28T09:00:00Z")))));
      case "dashboard-batch": {
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
          points.add(i % 3 == 0 ? (Object) (long) (i * 37 % 1000) : (Object) (i * 1.25 + 0.01 * (i % 7)));
        }
        return FrameCodec.toWire(Frame.Push.of(Event.of("dashboard/points", map(
            "series", kw("cpu.load"), "from", 1764320400000L, "step-ms", 1000L, "values", points))));
      }
      case "nested-config":
        return map(
            "service", map("name", "chat-gateway", "version", "2.4.1", "id",
                UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")),
            "http", map("port", 8080L, "path", "/chsk", "allowed-origins",
                list("https://example.com", "https://app.example.com"), "tls", map("enabled", true,
                    "protocols", set("TLSv1.2", "TLSv1.3"))),
            "limits", map("max-frame-bytes", 1048576L, "max-depth", 128L, "queue", map("count", 1000L,
                "bytes", 4194304L, "overflow", kw("drop-oldest"))),
            "timeouts", map("ping-ms", 25000L, "pong-ms", 10000L, "long-poll-ms", 20000L, "grace", map(
                "ws-ms", 2500L, "ajax-ms", 5000L)),
            "features", list(map("name", kw("presence"), "on", true), map("name", kw("replay"), "on", false),
                map("name", kw("compression"), "on", true, "level", 6L)));
      case "push-batch": {
        Event[] events = new Event[20];
        for (int i = 0; i < 20; i++) {
          events[i] = Event.of("chat/message", map("room", "lobby", "from", i % 2 == 0 ? "alice" : "bob",
              "text", "message number " + i + " \u2014 caf\u00e9", "seq", (long) i,
              "at", Instant.parse("2026-11-28T09:00:00Z").plusMillis(i * 1500L)));
        }
        return FrameCodec.toWire(Frame.Push.of(events));
      }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  static Event chatSend(int i) {
    return Event.of("chat/send", map("room", "lobby", "text", "Hello, everyone! Shall we meet at 10?",
        // 0b0c7a31-5c1e-4f55-9d1f-2b7e4b1f3a90 plus i: the same ids as before for 0-9, and valid for any i.
        "client-msg-id", new UUID(0x0b0c7a315c1e4f55L, 0x9d1f2b7e4b1f3a90L + i)));
  }

  private static Keyword kw(String name) {
    return Keyword.of(name);
  }

  private static Map<Object, Object> map(Object... kvs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(kvs[i] instanceof String ? Keyword.of((String) kvs[i]) : kvs[i], kvs[i + 1]);
    }
    return m;
  }

  private static List<Object> list(Object... items) {
    return Arrays.asList(items);
  }

  private static Set<Object> set(Object... items) {
    return new LinkedHashSet<>(Arrays.asList(items));
  }
}
