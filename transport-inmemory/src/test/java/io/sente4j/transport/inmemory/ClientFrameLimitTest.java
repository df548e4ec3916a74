package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientState;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.ReplyErrorException;
import io.sente4j.core.ServerRouter;
import io.sente4j.packer.edn.EdnPacker;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client checks what it sends against the frame limit (PROTOCOL.md §11.1): an event that packs to more fails its
 * own send with the sizes, is never sent, and the connection stays open; one at the limit goes through.
 */
class ClientFrameLimitTest {
  private static final int LIMIT = 200;
  private static final Keyword ECHO = Keyword.of("app", "echo");
  private final Packer edn = new EdnPacker(PackerLimits.builder().maxInputBytes(LIMIT).build());
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final ChannelSocketServer server = ChannelSocketServer.builder(edn).withoutCsrfCheck()
      .eventHandler(ServerRouter.builder().onRequest(ECHO, m -> "ok").build())
      .build();
  private final URI uri = net.bind(URI.create("ws://limits.test/chsk"), server);
  private ChannelSocketClient client;

  @AfterEach
  void close() {
    client.close();
    server.stop();
    net.close();
  }

  /** An echo request whose packed frame (as this transport sends it) is exactly {@code bytes} long. */
  private static Event sized(int bytes, ClientType type) {
    FrameCodec codec = new FrameCodec(new EdnPacker());
    String text = "";
    while (true) {
      Event e = Event.of(ECHO, text);
      Frame f = type == ClientType.AJAX ? new Frame.AjaxEvent(e, true) : new Frame.ClientEvent(e, "1");
      int size = codec.encode(f).byteLength();
      if (size >= bytes) {
        return e;
      }
      text += "x";
    }
  }

  @ParameterizedTest
  @EnumSource(value = ClientType.class, names = {"WEBSOCKET", "AJAX"})
  void anEventOverTheLimitFailsItsSendAndTheConnectionStaysOpen(ClientType type) {
    client = ChannelSocketClient.builder(uri, net.clientTransport()).packer(edn).type(type)
        .clientId("c1").build();
    client.connect().orTimeout(10, TimeUnit.SECONDS).join();

    assertThatThrownBy(() -> client.send(sized(LIMIT + 1, type), Duration.ofSeconds(5)).join())
        .isInstanceOf(CompletionException.class).cause().isInstanceOf(ReplyErrorException.class)
        .hasMessageContaining("over the frame limit of " + LIMIT + " bytes");
    assertThat(client.state().status()).isEqualTo(ClientState.Status.OPEN);
    assertThat(client.send(sized(LIMIT, type), Duration.ofSeconds(5)).join()).as("at the limit").isEqualTo("ok");
  }
}
