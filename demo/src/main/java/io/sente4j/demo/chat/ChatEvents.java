package io.sente4j.demo.chat;

import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ConnectedUids;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Keyword;
import io.sente4j.core.ServerRouter;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The chat's events on the channel socket. Requests, each answered with a map that holds either the result or
 * {@code :error} (words for the user):
 * <ul>
 *   <li>{@code [:chat/join {:room r}]}: {@code {:room r :joined [..] :history [msg ..]}}; the user's other tabs get
 *       {@code [:chat/joined {:joined [..]}]}
 *   <li>{@code [:chat/leave {:room r}]}: {@code {:room r :joined [..]}}, and the same push
 *   <li>{@code [:chat/send {:room r :text t}]}: the acknowledgement {@code {:id n :room r}}; every tab of every
 *       member of the room gets {@code [:chat/message {:id n :room r :from u :text t :at "2026-..Z"}]}
 *   <li>{@code [:demo/echo x]}: {@code {:echo x}}
 * </ul>
 * The handshake data is {@code {:user u :rooms [..] :joined [..] :online [..] :epoch n}}, {@code :epoch} telling
 * one run of the server from the next (message ids start from 1 in each).
 */
final class ChatEvents {
  static final Keyword JOIN = Keyword.of("chat", "join");
  static final Keyword LEAVE = Keyword.of("chat", "leave");
  static final Keyword SEND = Keyword.of("chat", "send");
  static final Keyword MESSAGE = Keyword.of("chat", "message");
  static final Keyword JOINED = Keyword.of("chat", "joined");
  static final Keyword ECHO = Keyword.of("demo", "echo");

  private final Rooms rooms;
  private final int maxMessageChars;
  private final Supplier<ChannelSocketServer> server;
  private final long epoch;

  /** {@code epoch} tells this run of the server from others: message ids start from 1 in every run. */
  ChatEvents(Rooms rooms, int maxMessageChars, Supplier<ChannelSocketServer> server, long epoch) {
    this.rooms = rooms;
    this.epoch = epoch;
    this.maxMessageChars = maxMessageChars;
    this.server = server;
  }

  ServerRouter router() {
    return ServerRouter.builder()
        .onRequest(JOIN, m -> answer(() -> join(m)))
        .onRequest(LEAVE, m -> answer(() -> leave(m)))
        .onRequest(SEND, m -> answer(() -> send(m)))
        .onRequest(ECHO, m -> Collections.singletonMap(Keyword.of("echo"), m.data())) // the data may be nil
        .build();
  }

  /** The data of a new connection's handshake. */
  Map<Keyword, Object> handshakeData(String user, ConnectedUids now) {
    return Wire.map("user", user, "rooms", rooms.names(), "joined", rooms.joined(user), "online", Wire.online(now),
        "epoch", epoch);
  }

  private Map<Keyword, Object> join(EventMessage m) {
    String user = (String) m.uid();
    String room = Wire.text(m.data(), "room");
    List<Rooms.Message> history = rooms.join(user, room);
    List<String> joined = rooms.joined(user);
    server.get().send(user, Event.of(JOINED, Wire.map("joined", joined)));
    return Wire.map("room", room, "joined", joined, "history", history.stream().map(Wire::message).toList());
  }

  private Map<Keyword, Object> leave(EventMessage m) {
    String user = (String) m.uid();
    String room = Wire.text(m.data(), "room");
    rooms.leave(user, room);
    List<String> joined = rooms.joined(user);
    server.get().send(user, Event.of(JOINED, Wire.map("joined", joined)));
    return Wire.map("room", room, "joined", joined);
  }

  private Map<Keyword, Object> send(EventMessage m) {
    String room = Wire.text(m.data(), "room");
    String text = Wire.text(m.data(), "text").strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("The message is empty.");
    }
    int length = text.codePointCount(0, text.length());
    if (length > maxMessageChars) {
      throw new IllegalArgumentException("A message has at most " + maxMessageChars + " characters; this one has "
          + length + ".");
    }
    ChannelSocketServer s = server.get();
    Rooms.Message posted = rooms.post((String) m.uid(), room, text, (members, message) -> {
      Event push = Event.of(MESSAGE, Wire.message(message));
      members.forEach(member -> s.send(member, push)); // inside the rooms' lock: every queue in id order
    });
    return Wire.map("id", posted.id(), "room", room);
  }

  /** The handler's result, or {@code {:error "..."}} for a request the user got wrong. */
  private static Map<Keyword, Object> answer(Supplier<Map<Keyword, Object>> handler) {
    try {
      return handler.get();
    } catch (IllegalArgumentException | Rooms.RoomException e) {
      return Wire.map("error", e.getMessage());
    }
  }
}
