package io.sente4j.demo.chat;

import io.sente4j.client.jdk.JdkClientTransport;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The demo's console client: a chat user on {@code client-jdk}, in the server's own process but logged in and
 * connected over the real socket as a browser is. It prints the messages of its rooms and who is online, sends
 * what is typed to the first room, and asks for echoes ({@code :demo/echo}).
 */
public final class ChatConsole implements AutoCloseable {
  /** The console's user name. */
  public static final String USER = "console";
  static final Duration PATIENCE = Duration.ofSeconds(10);

  private final URI page;
  private final URI webSocket;
  private final ClientType type;
  private final Packer packer;
  private final PrintStream out;
  private final Packer edn = PackerRegistry.load().get("edn");
  private ChannelSocketClient client;
  private String room;

  /** A console for the app whose page and channel socket are at these addresses; {@link #connect} logs in. */
  public ChatConsole(URI page, URI webSocket, ClientType type, Packer packer, PrintStream out) {
    this.page = page;
    this.webSocket = webSocket;
    this.type = type;
    this.packer = packer;
    this.out = out;
  }

  /** Logs in as {@value #USER}, connects and waits for the handshake. */
  public ClientState connect() {
    ChatLogin.Credentials login = ChatLogin.login(page, USER);
    client = ChannelSocketClient.builder(webSocket, JdkClientTransport.builder().header("Cookie", login.cookie())
            .build())
        .packer(packer)
        .type(type)
        .csrfToken(login.csrfToken())
        .pushHandler(this::pushed)
        .build();
    ClientState open = client.connect().orTimeout(PATIENCE.toSeconds(), TimeUnit.SECONDS).join();
    room = ((List<?>) field(open.handshakeData(), "rooms")).get(0).toString();
    return open;
  }

  /** Sends {@code [:demo/echo text]} and waits for the reply. */
  public Object echo(String text) {
    return client.send(Event.of(ChatEvents.ECHO, text), PATIENCE).join();
  }

  /** Sends {@code text} to the first room and waits for the acknowledgement. */
  public Object say(String text) {
    return client.send(Event.of(ChatEvents.SEND, Wire.map("room", room, "text", text)), PATIENCE).join();
  }

  /** Asks for an echo of {@code text} and prints the request and the reply (or why there is none). */
  public void echoAndPrint(String text) {
    Event sent = Event.of(ChatEvents.ECHO, text);
    try {
      out.println("sent " + show(sent) + ", the reply: " + show(echo(text)));
    } catch (CompletionException e) {
      out.println("sent " + show(sent) + ", no reply: " + e.getCause().getMessage());
    }
  }

  /** Until the input ends: {@code /echo text} asks for an echo, any other line goes to the first room. */
  public void readLines(BufferedReader in) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith("/echo ")) {
        echoAndPrint(line.substring("/echo ".length()));
      } else if (!line.isBlank()) {
        try {
          Object ack = say(line);
          Object error = field(ack, "error");
          out.println(error != null ? "not sent: " + error : "sent to #" + room + " as message #" + field(ack, "id"));
        } catch (CompletionException e) {
          out.println("not sent: " + e.getCause().getMessage());
        }
      }
    }
  }

  /** The first room, where typed lines go. */
  public String room() {
    return room;
  }

  private void pushed(Event event) {
    Object data = event.data();
    if (ChatEvents.MESSAGE.equals(event.id())) {
      out.println("[#" + field(data, "room") + "] " + field(data, "from") + ": " + field(data, "text"));
    } else if (OnlineList.ONLINE.equals(event.id())) {
      out.println("online: " + ((List<?>) field(data, "online")).stream()
          .map(u -> field(u, "user") + " (" + via(u) + ")").collect(Collectors.joining(", ")));
    } else if (!ChatEvents.JOINED.equals(event.id())) {
      out.println("pushed: " + show(event));
    }
  }

  private static String via(Object user) {
    boolean ws = Boolean.TRUE.equals(field(user, "ws"));
    boolean ajax = Boolean.TRUE.equals(field(user, "ajax"));
    return ws && ajax ? "WebSocket + Ajax" : ws ? "WebSocket" : "Ajax";
  }

  /** A field of a map from the server, whose keys are keywords (edn) or strings (JSON). */
  private static Object field(Object map, String key) {
    if (!(map instanceof Map<?, ?> m)) {
      return null;
    }
    return m.containsKey(Keyword.of(key)) ? m.get(Keyword.of(key)) : m.get(key);
  }

  /** A value as edn, whichever packer carried it. */
  String show(Object value) {
    if (value instanceof Event e) {
      return edn.pack(Arrays.asList(e.id(), e.data())).asText();
    }
    return value == null ? "nil" : edn.pack(value).asText();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
