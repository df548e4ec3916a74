package io.sente4j.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Event;
import io.sente4j.core.EventMessage;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.packer.edn.EdnPacker;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The network's own message size limit ({@link InMemoryNetwork#setMaxMessageBytes}), below the packers' frame limit,
 * as a real transport's would be: a message at it is delivered; one byte over is refused with a {@code
 * MessageTooLargeException} to the receiver's core, which closes with {@code too-large} (1009). Both directions.
 */
class MessageSizeLimitTest {
  private static final int LIMIT = 300;
  private static final Keyword NOTE = Keyword.of("it", "note");
  private final FrameCodec codec = new FrameCodec(new EdnPacker());
  private final InMemoryNetwork net = InMemoryNetwork.create();
  private final List<EventMessage> received = new CopyOnWriteArrayList<>();
  private final ChannelSocketServer server = ChannelSocketServer.builder(new EdnPacker()).withoutCsrfCheck()
      .userId((r, id) -> "alice")
      .eventHandler(m -> {
        if (!m.event().isReserved()) {
          received.add(m);
        }
      }).build();
  private final URI uri = net.bind(URI.create("ws://size.test/chsk"), server);

  @AfterEach
  void close() {
    server.stop();
    net.close();
  }

  /** An event whose frame (as {@code frameOf} packs it) is exactly {@code bytes} long. */
  private Event sized(int bytes, java.util.function.Function<Event, Frame> frameOf) {
    int base = codec.encode(frameOf.apply(Event.of(NOTE, ""))).byteLength();
    Event e = Event.of(NOTE, "x".repeat(bytes - base));
    assertThat(codec.encode(frameOf.apply(e)).byteLength()).isEqualTo(bytes);
    return e;
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  @Timeout(60)
  void fromTheClientAtTheLimitIsReadAndOneByteOverClosesWithTooLarge() throws Exception {
    net.setMaxMessageBytes(LIMIT);
    CompletableFuture<String> closed = new CompletableFuture<>();
    List<Payload> seen = new CopyOnWriteArrayList<>();
    Channel ws = net.clientTransport().openWebSocket(URI.create(uri + "?client-id=c1"), Map.of(),
        new ChannelListener() {
          @Override
          public void onMessage(Payload payload) {
            seen.add(payload);
          }

          @Override
          public void onClose(int code, String reason) {
            closed.complete(code + " " + reason);
          }

          @Override
          public void onError(Throwable error) {}
        }).get(10, TimeUnit.SECONDS);
    await("the handshake", () -> !seen.isEmpty());
    ws.send(codec.encode(new Frame.ClientEvent(sized(LIMIT, e -> new Frame.ClientEvent(e, null)), null)));
    await("the event at the limit", () -> received.size() == 1);

    ws.send(codec.encode(new Frame.ClientEvent(sized(LIMIT + 1, e -> new Frame.ClientEvent(e, null)), null)));
    assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo("1009 too-large");
    assertThat(received).hasSize(1);
    await("the bad frame counted", () -> server.metrics().badFrames()
        .getOrDefault(FrameException.Reason.UNPACKABLE, 0L) == 1);
    // The bad frame is counted before the close, and the close is counted after the channel has closed.
    await("the too-large close counted", () -> server.metrics().connectionsClosed().getOrDefault(CloseReason.TOO_LARGE, 0L) == 1);
  }

  @Test
  @Timeout(60)
  void fromTheServerAtTheLimitIsReadAndOneByteOverClosesWithTooLarge() throws Exception {
    List<Event> pushes = new CopyOnWriteArrayList<>();
    ChannelSocketClient client = ChannelSocketClient.builder(uri, net.clientTransport()).packer(new EdnPacker())
        .clientId("c1").pushHandler(pushes::add).build();
    try {
      client.connect().get(10, TimeUnit.SECONDS);
      net.setMaxMessageBytes(LIMIT);
      server.sendNow("alice", sized(LIMIT, e -> new Frame.Push(List.of(e))));
      await("the push at the limit", () -> pushes.size() == 1);
      assertThat(client.state().isOpen()).isTrue();

      server.sendNow("alice", sized(LIMIT + 1, e -> new Frame.Push(List.of(e))));
      await("the client to close with too-large", () -> client.state().lastClose()
          .filter(c -> c.reason() == CloseReason.TOO_LARGE).isPresent());
      assertThat(pushes).hasSize(1);
    } finally {
      client.close();
    }
  }
}
