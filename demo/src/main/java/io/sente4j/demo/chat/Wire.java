package io.sente4j.demo.chat;

import io.sente4j.core.ConnectedUids;
import io.sente4j.core.Keyword;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chat's data as it goes on the wire: maps with keyword keys (edn peers see {@code {:room "lobby"}}, JSON
 * browsers {@code {"room":"lobby"}}), and the reading of what clients send, whose keys are keywords (edn) or
 * strings (JSON).
 */
final class Wire {
  private Wire() {}

  /** A map of keyword keys to values, in the order given: {@code map("room", "lobby", "text", "hi")}. */
  static Map<Keyword, Object> map(Object... keysAndValues) {
    Map<Keyword, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(Keyword.of((String) keysAndValues[i]), keysAndValues[i + 1]);
    }
    return map;
  }

  /** A pushed or replayed message. */
  static Map<Keyword, Object> message(Rooms.Message m) {
    return map("id", m.id(), "room", m.room(), "from", m.from(), "text", m.text(), "at", m.at().toString());
  }

  /** Who is online and over what: {@code [{:user "alice" :ws true :ajax false} ...]}, sorted by user. */
  static List<Map<Keyword, Object>> online(ConnectedUids now) {
    return now.any().stream()
        .filter(String.class::isInstance)
        .map(String.class::cast)
        .sorted()
        .map(user -> map("user", user, "ws", now.ws().contains(user), "ajax", now.ajax().contains(user)))
        .toList();
  }

  /**
   * The text under {@code key} in a client's map.
   *
   * @throws IllegalArgumentException if the data is not a map or the value is not text
   */
  static String text(Object data, String key) {
    if (!(data instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected a map with :" + key + ", got " + describe(data));
    }
    Object value = map.containsKey(Keyword.of(key)) ? map.get(Keyword.of(key)) : map.get(key);
    if (!(value instanceof String s)) {
      throw new IllegalArgumentException("expected text under :" + key + ", got " + describe(value));
    }
    return s;
  }

  private static String describe(Object value) {
    return value == null ? "nil" : value.getClass().getSimpleName() + " " + Objects.toString(value);
  }
}
