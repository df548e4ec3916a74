package io.sente4j.demo.chat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The chat app's options, each with a sane default; build with {@link #builder(SessionKey)}. */
public final class ChatSettings {
  final String host;
  final int port;
  final SessionKey key;
  final Duration sessionLifetime;
  final List<String> rooms;
  final int maxUserNameChars;
  final int maxMessageChars;
  final int historyPerRoom;
  final int maxFormBytes;
  final Duration disconnectGrace;
  final Clock clock;

  private ChatSettings(Builder b) {
    this.host = b.host;
    this.port = b.port;
    this.key = b.key;
    this.sessionLifetime = b.sessionLifetime;
    this.rooms = b.rooms;
    this.maxUserNameChars = b.maxUserNameChars;
    this.maxMessageChars = b.maxMessageChars;
    this.historyPerRoom = b.historyPerRoom;
    this.maxFormBytes = b.maxFormBytes;
    this.disconnectGrace = b.disconnectGrace;
    this.clock = b.clock;
  }

  /** Options signing sessions with {@code key}, the rest at their defaults. */
  public static Builder builder(SessionKey key) {
    return new Builder(key);
  }

  /** Builds {@link ChatSettings}. */
  public static final class Builder {
    private final SessionKey key;
    private String host = "localhost";
    private int port = 8080;
    private Duration sessionLifetime = Duration.ofDays(7);
    private List<String> rooms = List.of("lobby", "java", "clojure");
    private int maxUserNameChars = 32;
    private int maxMessageChars = 1000;
    private int historyPerRoom = 50;
    private int maxFormBytes = 4096;
    private Duration disconnectGrace;
    private Clock clock = Clock.systemUTC();

    private Builder(SessionKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /** The interface to listen on; default {@code localhost}. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port, 0 for any free one; default 8080. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0 to 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** How long a login lasts; default 7 days. */
    public Builder sessionLifetime(Duration lifetime) {
      this.sessionLifetime = positive(lifetime, "sessionLifetime");
      return this;
    }

    /** The rooms, in the order shown; the first is where every user starts. Default lobby, java, clojure. */
    public Builder rooms(List<String> rooms) {
      if (rooms.isEmpty() || rooms.stream().anyMatch(r -> r == null || r.isBlank())) {
        throw new IllegalArgumentException("rooms must be a non-empty list of names: " + rooms);
      }
      this.rooms = List.copyOf(rooms);
      return this;
    }

    /** The longest user name, in characters; default 32. */
    public Builder maxUserNameChars(int max) {
      this.maxUserNameChars = atLeastOne(max, "maxUserNameChars");
      return this;
    }

    /** The longest message, in characters; default 1,000. */
    public Builder maxMessageChars(int max) {
      this.maxMessageChars = atLeastOne(max, "maxMessageChars");
      return this;
    }

    /** How many recent messages a room keeps for those who join it; default 50. */
    public Builder historyPerRoom(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("historyPerRoom must be 0 or more: " + count);
      }
      this.historyPerRoom = count;
      return this;
    }

    /** The largest login or logout form body read, in bytes; default 4 KiB. */
    public Builder maxFormBytes(int max) {
      this.maxFormBytes = atLeastOne(max, "maxFormBytes");
      return this;
    }

    /** The channel socket's presence grace for WebSocket and Ajax clients; default the library's (2.5 s, 5 s). */
    public Builder disconnectGrace(Duration grace) {
      this.disconnectGrace = positive(grace, "disconnectGrace");
      return this;
    }

    /** The clock sessions expire by; default the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The settings. */
    public ChatSettings build() {
      return new ChatSettings(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    private static int atLeastOne(int n, String name) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be at least 1: " + n);
      }
      return n;
    }
  }
}
