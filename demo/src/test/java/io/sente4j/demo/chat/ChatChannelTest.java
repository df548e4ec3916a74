package io.sente4j.demo.chat;

import static io.sente4j.demo.chat.ChatUser.await;
import static io.sente4j.demo.chat.ChatUser.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Keyword;
import io.sente4j.core.Via;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chat over loopback: client-jdk clients, logged in over HTTP as browsers are, against the real app. */
class ChatChannelTest {
  static final SessionKey KEY = SessionKey.of("the chat tests' key, 32 bytes or more".getBytes(StandardCharsets.UTF_8));
  static final int MAX_MESSAGE_CHARS = 20;

  private ChatApp app;
  private final List<ChatUser> users = new ArrayList<>();

  @BeforeEach
  void start() {
    // Short, so bob leaves the online list quickly; the same grace bounds an Ajax client's gap between two polls
    // (past it the server forgets the client and drops what is pushed to it), so not so short that a loaded
    // machine's late re-poll loses a message.
    app = ChatApp.start(ChatSettings.builder(KEY).port(0).disconnectGrace(Duration.ofMillis(1500))
        .maxMessageChars(MAX_MESSAGE_CHARS).build());
  }

  @AfterEach
  void stop() {
    users.forEach(ChatUser::close);
    app.close();
  }

  private ChatUser user(String clientId, ChatLogin.Credentials login, ClientType type) {
    ChatUser u = new ChatUser(clientId, app, login, type);
    users.add(u);
    return u;
  }

  @ParameterizedTest
  @CsvSource({"WEBSOCKET, WEBSOCKET, edn", "AJAX, AJAX_POLL, edn", "WEBSOCKET, WEBSOCKET, json",
      "AJAX, AJAX_POLL, json"})
  void theChannelSocketEchoesOverWebSocketAndAjax(ClientType type, Via via, String packer) {
    ChatUser alice = new ChatUser("alice-1", app.webSocketUri(), ChatLogin.login(app.pageUri(), "alice"), type,
        packer);
    users.add(alice);
    ClientState open = alice.connect();
    assertThat(open.via()).isEqualTo(via);
    assertThat(open.uid()).isEqualTo("alice");

    Object reply = alice.request(ChatEvents.ECHO, "hello over " + via);
    assertThat(field(reply, "echo")).isEqualTo("hello over " + via);
    assertThat(((Map<?, ?>) reply)).hasSize(1);
  }

  @Test
  void theHandshakeCarriesTheRoomsWhatTheUserJoinedAndWhoIsOnline() {
    ChatUser alice = user("alice-1", ChatLogin.login(app.pageUri(), "alice"), ClientType.WEBSOCKET);
    Object data = alice.connect().handshakeData();
    assertThat(field(data, "user")).isEqualTo("alice");
    assertThat(field(data, "rooms")).isEqualTo(List.of("lobby", "java", "clojure"));
    assertThat(field(data, "joined")).isEqualTo(List.of("lobby"));
    assertThat(field(data, "online")).isInstanceOf(List.class);
    assertThat(field(data, "epoch")).isInstanceOf(Long.class);
  }

  @Test
  void aMessageReachesEveryClientOfEveryMemberInOrderAndItsSenderGetsTheAck() {
    ChatLogin.Credentials aliceLogin = ChatLogin.login(app.pageUri(), "alice");
    ChatUser aliceWs = user("alice-ws", aliceLogin, ClientType.WEBSOCKET);
    ChatUser aliceAjax = user("alice-ajax", aliceLogin, ClientType.AJAX);
    ChatUser bob = user("bob-ws", ChatLogin.login(app.pageUri(), "bob"), ClientType.WEBSOCKET);
    List.of(aliceWs, aliceAjax, bob).forEach(ChatUser::connect);

    int each = 15;
    CompletableFuture<List<Object>> bobAcks = CompletableFuture.supplyAsync(() -> sendAll(bob, "b", each));
    List<Object> aliceAcks = sendAll(aliceWs, "a", each);
    List<Object> acks = new ArrayList<>(aliceAcks);
    acks.addAll(bobAcks.join());

    for (ChatUser u : List.of(aliceWs, aliceAjax, bob)) {
      await(u.name + " to receive " + 2 * each + " messages", () -> u.messages.size() >= 2 * each);
    }
    List<Object> seen = aliceWs.messages;
    assertThat(seen).hasSize(2 * each);
    assertThat(aliceAjax.messages).as("alice's Ajax tab").isEqualTo(seen);
    assertThat(bob.messages).as("bob's tab").isEqualTo(seen);
    assertThat(seen).extracting(m -> (Long) field(m, "id")).isSorted().doesNotHaveDuplicates();
    assertThat(seen).extracting(m -> field(m, "room")).containsOnly("lobby");
    assertThat(texts(seen, "alice")).containsExactlyElementsOf(numbered("a", each));
    assertThat(texts(seen, "bob")).containsExactlyElementsOf(numbered("b", each));

    // Each acknowledgement names the message its request became.
    for (Object ack : acks) {
      assertThat(field(ack, "room")).isEqualTo("lobby");
      assertThat(seen).anyMatch(m -> field(m, "id").equals(field(ack, "id")));
    }
    assertThat(aliceAcks).extracting(ack -> (Long) field(ack, "id")).isSorted();
  }

  private static List<Object> sendAll(ChatUser u, String prefix, int count) {
    List<CompletableFuture<Object>> sent = new ArrayList<>();
    for (String text : numbered(prefix, count)) {
      sent.add(u.ask(ChatEvents.SEND, Wire.map("room", "lobby", "text", text)));
    }
    return sent.stream().map(CompletableFuture::join).map(Object.class::cast).toList();
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      texts.add(prefix + "-" + i);
    }
    return texts;
  }

  private static List<Object> texts(List<Object> messages, String from) {
    return messages.stream().filter(m -> from.equals(field(m, "from"))).map(m -> field(m, "text")).toList();
  }

  @Test
  void roomsAreJoinedAndLeftByTheUserInEveryTab() {
    ChatLogin.Credentials aliceLogin = ChatLogin.login(app.pageUri(), "alice");
    ChatUser tab1 = user("alice-1", aliceLogin, ClientType.WEBSOCKET);
    ChatUser tab2 = user("alice-2", aliceLogin, ClientType.WEBSOCKET);
    ChatUser bob = user("bob-1", ChatLogin.login(app.pageUri(), "bob"), ClientType.WEBSOCKET);
    List.of(tab1, tab2, bob).forEach(ChatUser::connect);
    bob.request(ChatEvents.JOIN, Wire.map("room", "java"));
    Object ack = bob.request(ChatEvents.SEND, Wire.map("room", "java", "text", "before alice came"));

    Object joined = tab1.request(ChatEvents.JOIN, Wire.map("room", "java"));
    assertThat(field(joined, "joined")).isEqualTo(List.of("lobby", "java"));
    assertThat((List<?>) field(joined, "history")).singleElement()
        .satisfies(m -> assertThat(field(m, "id")).isEqualTo(field(ack, "id")))
        .satisfies(m -> assertThat(field(m, "text")).isEqualTo("before alice came"));
    await("alice's other tab to hear of the join", () -> tab2.pushes.stream().anyMatch(e ->
        e.id().equals(ChatEvents.JOINED) && field(e.data(), "joined").equals(List.of("lobby", "java"))));

    bob.request(ChatEvents.SEND, Wire.map("room", "java", "text", "hi alice"));
    await("both of alice's tabs to get the java message", () -> tab1.messages.size() == 1 && tab2.messages.size() == 1);

    Object left = tab2.request(ChatEvents.LEAVE, Wire.map("room", "java"));
    assertThat(field(left, "joined")).isEqualTo(List.of("lobby"));
    Object refused = tab1.request(ChatEvents.SEND, Wire.map("room", "java", "text", "still here?"));
    assertThat(field(refused, "error")).isEqualTo("You are not in java; join it first.");
  }

  @Test
  void badRequestsAreAnsweredWithAnErrorForTheUser() {
    ChatUser alice = user("alice-1", ChatLogin.login(app.pageUri(), "alice"), ClientType.WEBSOCKET);
    alice.connect();
    String longest = "x".repeat(MAX_MESSAGE_CHARS);
    assertThat(field(alice.request(ChatEvents.SEND, Wire.map("room", "lobby", "text", longest)), "id"))
        .isEqualTo(1L);
    assertThat(field(alice.request(ChatEvents.SEND, Wire.map("room", "lobby", "text", longest + "x")), "error"))
        .isEqualTo("A message has at most 20 characters; this one has 21.");
    assertThat(field(alice.request(ChatEvents.SEND, Wire.map("room", "lobby", "text", "  ")), "error"))
        .isEqualTo("The message is empty.");
    assertThat(field(alice.request(ChatEvents.SEND, Wire.map("room", "lobby")), "error"))
        .isEqualTo("expected text under :text, got nil");
    assertThat(field(alice.request(ChatEvents.JOIN, "lobby"), "error"))
        .isEqualTo("expected a map with :room, got String lobby");
    assertThat(field(alice.request(ChatEvents.JOIN, Wire.map("room", "kitchen")), "error"))
        .isEqualTo("There is no room \"kitchen\"; the rooms are lobby, java, clojure.");
    await("alice's own message", () -> alice.messages.size() == 1);
  }

  @Test
  void theOnlineListFollowsConnectionsWithTheirTransport() {
    ChatUser carol = user("carol-1", ChatLogin.login(app.pageUri(), "carol"), ClientType.WEBSOCKET);
    carol.connect();
    await("carol to see herself online", () -> online(carol).equals(List.of("carol ws")));

    ChatLogin.Credentials aliceLogin = ChatLogin.login(app.pageUri(), "alice");
    user("alice-ajax", aliceLogin, ClientType.AJAX).connect();
    await("alice online over Ajax", () -> online(carol).equals(List.of("alice ajax", "carol ws")));
    user("alice-ws", aliceLogin, ClientType.WEBSOCKET).connect();
    await("alice online over both", () -> online(carol).equals(List.of("alice ws+ajax", "carol ws")));

    ChatUser bob = user("bob-1", ChatLogin.login(app.pageUri(), "bob"), ClientType.WEBSOCKET);
    bob.connect();
    await("bob online", () -> online(carol).equals(List.of("alice ws+ajax", "bob ws", "carol ws")));
    await("bob to see himself online", () -> online(bob).contains("bob ws"));

    bob.close();
    await("bob gone after the grace", () -> online(carol).equals(List.of("alice ws+ajax", "carol ws")));
  }

  /** The last online list {@code u} was pushed, as "user ws", "user ajax" or "user ws+ajax". */
  private static List<String> online(ChatUser u) {
    if (u.onlineLists.isEmpty()) {
      return List.of();
    }
    return u.onlineLists.get(u.onlineLists.size() - 1).stream().map(e -> {
      boolean ws = (Boolean) field(e, "ws");
      boolean ajax = (Boolean) field(e, "ajax");
      return field(e, "user") + " " + (ws && ajax ? "ws+ajax" : ws ? "ws" : "ajax");
    }).toList();
  }

  @Test
  void theUsersKeywordsStayDataNotProtocol() {
    // A JSON client's data arrives with string keys, an edn client's with keywords: both read the same.
    assertThat(Wire.text(Map.of("room", "lobby"), "room")).isEqualTo("lobby");
    assertThat(Wire.text(Map.of(Keyword.of("room"), "lobby"), "room")).isEqualTo("lobby");
  }
}
