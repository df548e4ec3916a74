package io.sente4j.demo.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoomsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T09:00:00Z"));
  private final Rooms rooms = new Rooms(List.of("lobby", "java", "clojure"), 3, clock);
  private final List<String> delivered = new ArrayList<>();

  @Test
  void everyoneStartsInTheFirstRoomAndJoinsAndLeavesOthers() {
    assertThat(rooms.joined("alice")).containsExactly("lobby");
    rooms.join("alice", "clojure");
    rooms.join("alice", "java");
    rooms.join("alice", "java");
    assertThat(rooms.joined("alice")).containsExactly("lobby", "java", "clojure");
    rooms.leave("alice", "lobby");
    rooms.leave("alice", "lobby");
    assertThat(rooms.joined("alice")).containsExactly("java", "clojure");
    assertThat(rooms.members("java")).containsExactly("alice");
    assertThat(rooms.members("lobby")).isEmpty();
  }

  @Test
  void messagesAreNumberedAndDeliveredToTheMembers() {
    rooms.join("bob", "lobby");
    rooms.joined("carol");
    rooms.leave("carol", "lobby");
    Rooms.Message m = rooms.post("bob", "lobby", "hi", this::deliver);
    Rooms.Message n = rooms.post("bob", "lobby", "again", this::deliver);
    assertThat(m).isEqualTo(new Rooms.Message(1, "lobby", "bob", "hi", clock.instant()));
    assertThat(n.id()).isEqualTo(2);
    assertThat(delivered).containsExactly("1 to [bob]", "2 to [bob]");
  }

  @Test
  void aRoomKeepsItsLastMessagesUpToTheLimit() {
    rooms.joined("bob");
    for (int i = 1; i <= 3; i++) {
      rooms.post("bob", "lobby", "m" + i, this::deliver);
    }
    assertThat(rooms.join("alice", "lobby")).extracting(Rooms.Message::text).containsExactly("m1", "m2", "m3");
    rooms.post("bob", "lobby", "m4", this::deliver);
    assertThat(rooms.join("alice", "lobby")).extracting(Rooms.Message::text).containsExactly("m2", "m3", "m4");
    assertThat(rooms.join("alice", "java")).isEmpty();
    assertThat(new Rooms(List.of("lobby"), 0, clock).join("alice", "lobby")).isEmpty();
  }

  @Test
  void unknownRoomsAndPostsFromOutsideAreRefused() {
    assertThatThrownBy(() -> rooms.join("alice", "kitchen")).isInstanceOf(Rooms.RoomException.class)
        .hasMessage("There is no room \"kitchen\"; the rooms are lobby, java, clojure.");
    assertThatThrownBy(() -> rooms.post("alice", "java", "hi", this::deliver))
        .hasMessage("You are not in java; join it first.");
    assertThat(delivered).isEmpty();
  }

  private void deliver(Set<String> members, Rooms.Message m) {
    delivered.add(m.id() + " to " + members);
  }
}
