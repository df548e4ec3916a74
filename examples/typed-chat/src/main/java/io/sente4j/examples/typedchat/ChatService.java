package io.sente4j.examples.typedchat;

import io.sente4j.core.EventMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The chat's server logic, written against the generated {@link ChatHandler}: it sees records, never maps. Rooms
 * keep their last {@value #HISTORY} messages. Thread-safe.
 */
public final class ChatService implements ChatHandler {
  /** How many messages a room keeps for {@link Chat.Join}. */
  public static final int HISTORY = 50;

  private final Supplier<ChatServer> server;
  private final Clock clock;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Set<Object>> members = new ConcurrentHashMap<>();
  private final Map<String, List<Chat.Message>> history = new ConcurrentHashMap<>();

  /**
   * A service.
   *
   * @param server the typed pushes, looked up on first use (the server is built after its router)
   * @param clock stamps the messages
   */
  public ChatService(Supplier<ChatServer> server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  @Override
  public Chat.SendAck send(Chat.Send event, EventMessage message) {
    Chat.Message m = new Chat.Message(ids.incrementAndGet(), event.room(), String.valueOf(message.uid()),
        event.text(), clock.instant(), event.text().endsWith("!") ? Optional.of(Chat.Mood.HAPPY) : Optional.empty());
    List<Chat.Message> kept = history.computeIfAbsent(event.room(), r -> new ArrayList<>());
    synchronized (kept) {
      kept.add(m);
      if (kept.size() > HISTORY) {
        kept.remove(0);
      }
    }
    for (Object uid : members(event.room())) {
      server.get().message(uid, m);
    }
    return new Chat.SendAck(m.id());
  }

  @Override
  public Chat.History join(Chat.Join event, EventMessage message) {
    members(event.room()).add(message.uid());
    List<Chat.Message> kept = history.getOrDefault(event.room(), List.of());
    synchronized (kept) {
      return new Chat.History(event.room(), List.copyOf(kept));
    }
  }

  @Override
  public void typing(Chat.Typing event, EventMessage message) {
    for (Object uid : members(event.room())) {
      if (!uid.equals(message.uid())) {
        server.get().typingIn(uid, new Chat.TypingIn(event.room(), String.valueOf(message.uid())));
      }
    }
  }

  private Set<Object> members(String room) {
    return members.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
  }
}
