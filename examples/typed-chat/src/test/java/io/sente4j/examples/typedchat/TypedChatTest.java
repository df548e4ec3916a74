package io.sente4j.examples.typedchat;

import static io.sente4j.examples.typedchat.ChatFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.codec.CodecException;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientRouter;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ServerError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A typed client against a typed server over the in-memory transport, with every packer sente4j has: edn, JSON,
 * MessagePack, CBOR, transit-json and transit-msgpack.
 */
class TypedChatTest {
  private static final Instant NOW = Instant.parse("2026-11-28T09:00:00.123456789Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  static Stream<String> packers() {
    List<String> names = PackerRegistry.load().names();
    assertThat(names).contains("edn", "json", "msgpack", "cbor", "transit-json", "transit-msgpack");
    return names.stream();
  }

  @ParameterizedTest
  @MethodSource("packers")
  void typedClientAndTypedServerChat(String packerName) {
    try (ChatFixture chat = new ChatFixture(PackerRegistry.load().get(packerName),
        server -> ChatServer.router(new ChatService(server, CLOCK)))) {
      List<Chat.Message> aliceSaw = new CopyOnWriteArrayList<>();
      List<Chat.Message> bobSaw = new CopyOnWriteArrayList<>();
      List<Chat.TypingIn> aliceTyping = new CopyOnWriteArrayList<>();
      ChatClient alice = ChatClient.of(chat.connect("alice",
          ChatClient.pushes().onMessage(aliceSaw::add).onTypingIn(aliceTyping::add).router()));
      ChatClient bob = ChatClient.of(chat.connect("bob", ChatClient.pushes().onMessage(bobSaw::add).router()),
          Duration.ofSeconds(5));

      assertThat(join(alice.join(new Chat.Join("lobby")))).isEqualTo(new Chat.History("lobby", List.of()));
      join(bob.join(new Chat.Join("lobby")));
      Chat.SendAck ack = join(alice.send(new Chat.Send("lobby", "hello, bob!")));
      assertThat(ack.id()).isEqualTo(1L);

      // Transit carries an instant in whole milliseconds (PROTOCOL.md §3.4.3); the other packers carry nanoseconds.
      Instant at = packerName.startsWith("transit") ? NOW.truncatedTo(ChronoUnit.MILLIS) : NOW;
      Chat.Message expected = new Chat.Message(1L, "lobby", "alice", "hello, bob!", at,
          Optional.of(Chat.Mood.HAPPY));
      await(() -> aliceSaw.size() == 1 && bobSaw.size() == 1);
      assertThat(aliceSaw).containsExactly(expected);
      assertThat(bobSaw).containsExactly(expected);

      join(bob.typing(new Chat.Typing("lobby")));
      await(() -> aliceTyping.size() == 1);
      assertThat(aliceTyping).containsExactly(new Chat.TypingIn("lobby", "bob"));

      assertThat(join(bob.join(new Chat.Join("lobby"))).messages()).containsExactly(expected);
      assertThat(chat.serverErrors).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("packers")
  void asyncHandlersReplyWhenTheirStageCompletes(String packerName) {
    ChatAsyncHandler async = new ChatAsyncHandler() {
      @Override
      public CompletableFuture<Chat.SendAck> send(Chat.Send event, io.sente4j.core.EventMessage message) {
        return CompletableFuture.supplyAsync(() -> new Chat.SendAck(event.text().length()));
      }

      @Override
      public CompletableFuture<Chat.History> join(Chat.Join event, io.sente4j.core.EventMessage message) {
        return CompletableFuture.failedFuture(new IllegalStateException("no history here"));
      }

      @Override
      public void typing(Chat.Typing event, io.sente4j.core.EventMessage message) {}
    };
    try (ChatFixture chat = new ChatFixture(PackerRegistry.load().get(packerName),
        server -> ChatServer.asyncRouter(async))) {
      ChatClient alice = ChatClient.of(chat.connect("alice", ClientRouter.builder().build()));
      assertThat(join(alice.send(new Chat.Send("lobby", "four")))).isEqualTo(new Chat.SendAck(4));
      assertThatThrownBy(() -> join(alice.join(new Chat.Join("lobby"))))
          .hasCauseInstanceOf(ReplyErrorException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("packers")
  void dataThatDoesNotFitIsATypedErrorOnBothSides(String packerName) {
    try (ChatFixture chat = new ChatFixture(PackerRegistry.load().get(packerName),
        server -> ChatServer.routes(io.sente4j.core.ServerRouter.builder()
            .onRequest(Keyword.of("raw", "bad-ack"), msg -> Map.of(Keyword.of("id"), "not a number")),
            new ChatService(server, CLOCK)).build())) {
      ChannelSocketClient raw = chat.connect("mallory", ClientRouter.builder().build());
      // An untyped client sends a room that is a number: the server's typed handler refuses it.
      CompletableFuture<Object> reply = raw.send(Event.of(Keyword.of("chat", "send"),
          Map.of(Keyword.of("room"), 42L, Keyword.of("text"), "hi")), Duration.ofSeconds(5));
      assertThatThrownBy(() -> reply.orTimeout(10, TimeUnit.SECONDS).join())
          .hasCauseInstanceOf(ReplyErrorException.class);
      await(() -> !chat.serverErrors.isEmpty());
      ServerError error = chat.serverErrors.get(0);
      assertThat(error.kind()).isEqualTo(ServerError.Kind.HANDLER_FAILED);
      assertThat(error.cause()).isInstanceOf(CodecException.class)
          .hasMessage("event :chat/send, field room: expected a string, got Long 42");

      // A typed client gets a reply that does not fit its record: the future fails with the typed error.
      CompletableFuture<Chat.SendAck> bad = raw.send(Event.of(Keyword.of("raw", "bad-ack"), null),
          Duration.ofSeconds(5)).thenApply(r -> ChatCodecs.SEND_ACK.decodeReply(Keyword.of("raw", "bad-ack"), r));
      assertThatThrownBy(() -> join(bad)).isInstanceOf(CompletionException.class)
          .cause().isInstanceOf(CodecException.class)
          .hasMessage("event :raw/bad-ack, reply, field id: expected an integer, got String not a number");
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    return future.orTimeout(10, TimeUnit.SECONDS).join();
  }
}
