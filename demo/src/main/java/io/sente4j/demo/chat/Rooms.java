package io.sente4j.demo.chat;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The chat rooms: a fixed list, who is in which, and the messages, numbered in one order. A user is put in the
 * first room when first seen. Membership and the recent history of each room live in memory only.
 *
 * <p>{@link #post} numbers a message and hands it, with the room's members, to the delivery inside the same lock, so
 * every member's pushes are queued in the order of the numbers.
 */
final class Rooms {
  /** A message in a room, numbered from 1 in the order the server took it. */
  record Message(long id, String room, String from, String text, Instant at) {}

  /** A room name that is not one of the rooms, or a post to a room the user is not in. */
  static final class RoomException extends RuntimeException {
    RoomException(String message) {
      super(message, null, false, false);
    }
  }

  private final List<String> names;
  private final int historyPerRoom;
  private final Clock clock;
  private final Map<String, Set<String>> roomsOfUser = new HashMap<>();
  private final Map<String, Set<String>> membersOfRoom = new LinkedHashMap<>();
  private final Map<String, Deque<Message>> history = new HashMap<>();
  private long lastId;

  Rooms(List<String> names, int historyPerRoom, Clock clock) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("at least one room is needed");
    }
    this.names = List.copyOf(names);
    this.historyPerRoom = historyPerRoom;
    this.clock = clock;
    for (String name : names) {
      membersOfRoom.put(name, new LinkedHashSet<>());
      history.put(name, new ArrayDeque<>());
    }
  }

  /** Every room, in the configured order. */
  List<String> names() {
    return names;
  }

  /** The rooms {@code user} is in, in the configured order; a user seen for the first time joins the first room. */
  synchronized List<String> joined(String user) {
    Set<String> rooms = roomsOfUser.computeIfAbsent(user, u -> {
      membersOfRoom.get(names.get(0)).add(u);
      return new LinkedHashSet<>(List.of(names.get(0)));
    });
    return names.stream().filter(rooms::contains).toList();
  }

  /** Puts {@code user} in {@code room} (again, harmlessly) and returns the room's recent messages, oldest first. */
  synchronized List<Message> join(String user, String room) {
    known(room);
    joined(user);
    roomsOfUser.get(user).add(room);
    membersOfRoom.get(room).add(user);
    return List.copyOf(history.get(room));
  }

  /** Takes {@code user} out of {@code room} (if in it). */
  synchronized void leave(String user, String room) {
    known(room);
    joined(user);
    roomsOfUser.get(user).remove(room);
    membersOfRoom.get(room).remove(user);
  }

  /**
   * Numbers a message from {@code user} to {@code room}, keeps it in the room's history and hands it to
   * {@code delivery} with the room's members, all under one lock.
   *
   * @throws RoomException if there is no such room or the user is not in it
   */
  synchronized Message post(String user, String room, String text, BiConsumer<Set<String>, Message> delivery) {
    known(room);
    if (!joined(user).contains(room)) {
      throw new RoomException("You are not in " + room + "; join it first.");
    }
    Message message = new Message(++lastId, room, user, text, clock.instant());
    Deque<Message> kept = history.get(room);
    kept.addLast(message);
    while (kept.size() > historyPerRoom) {
      kept.removeFirst();
    }
    delivery.accept(Set.copyOf(membersOfRoom.get(room)), message);
    return message;
  }

  /** The members of {@code room}, in the order they joined. */
  synchronized List<String> members(String room) {
    known(room);
    return new ArrayList<>(membersOfRoom.get(room));
  }

  private void known(String room) {
    if (!membersOfRoom.containsKey(room)) {
      throw new RoomException("There is no room \"" + room + "\"; the rooms are " + String.join(", ", names) + ".");
    }
  }
}
