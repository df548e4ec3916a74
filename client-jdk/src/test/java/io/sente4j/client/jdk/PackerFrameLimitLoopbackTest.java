package io.sente4j.client.jdk;

import static io.sente4j.client.jdk.LoopbackIntegrationTest.ECHO;
import static io.sente4j.client.jdk.LoopbackIntegrationTest.NEWS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelSocketClient;
import io.sente4j.core.ChannelSocketServer;
import io.sente4j.core.ClientType;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.ServerRouter;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK transport's frame limit follows the client's packer over real loopback: a client and a server whose packers
 * read 4 MiB exchange frames over the transport's old fixed 1 MiB (and over its Ajax body bound, three times that
 * plus 4 KiB) with a transport built with every default; one byte over the client packer's limit is still refused
 * (too-large), and a limit set on the transport's builder still wins.
 */
class PackerFrameLimitLoopbackTest {
  private static final int ONE_MIB = 1 << 20;
  private static final int TWO_MIB = 2 << 20;
  private static final int FOUR_MIB = 4 << 20;

  private final List<ChannelSocketClient> clients = new ArrayList<>();
  private final List<JdkClientTransport> transports = new ArrayList<>();
  private final BlockingQueue<Event> pushes = new LinkedBlockingQueue<>();
  private final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
  private ChannelSocketServer server;
  private JettyChannelServer jetty;

  @AfterEach
  void stopAll() {
    clients.forEach(ChannelSocketClient::close);
    transports.forEach(JdkClientTransport::close);
    if (server != null) {
      server.stop();
    }
    if (jetty != null) {
      jetty.close();
    }
  }

  private static Packer edn(int maxInputBytes) {
    return PackerRegistry.load().get("edn", PackerLimits.builder().maxInputBytes(maxInputBytes).build());
  }

  /** A server whose packer reads {@code maxInputBytes}; ECHO answers a string as long as the number asked for. */
  private URI serve(int maxInputBytes) {
    server = ChannelSocketServer.builder(edn(maxInputBytes)).withoutCsrfCheck()
        .userId((request, clientId) -> request.queryParam("uid").orElse(null))
        .eventHandler(ServerRouter.builder().onRequest(ECHO, m -> "b".repeat(((Number) m.data()).intValue())).build())
        .build();
    jetty = JettyChannelServer.builder(server).host("127.0.0.1").port(0).start();
    return jetty.webSocketUri();
  }

  /** A connected client of uid {@code u1} whose packer reads 4 MiB. */
  private ChannelSocketClient connect(URI uri, ClientType type, JdkClientTransport transport) throws Exception {
    transports.add(transport);
    ChannelSocketClient c = ChannelSocketClient.builder(uri, transport).packer(edn(FOUR_MIB)).type(type)
        .params(() -> Map.of("uid", "u1")).pushHandler(pushes::add).errorListener(errors::add).build();
    clients.add(c);
    c.connect().get(15, TimeUnit.SECONDS);
    return c;
  }

  /** An event whose push frame, alone in its batch, packs to exactly {@code bytes}. */
  private static Event pushOfFrameSize(int bytes) {
    FrameCodec codec = new FrameCodec(edn(FOUR_MIB));
    int base = codec.encode(new Frame.Push(List.of(Event.of(NEWS, "")))).byteLength();
    Event e = Event.of(NEWS, "a".repeat(bytes - base));
    assertThat(codec.encode(new Frame.Push(List.of(e))).byteLength()).as("the push frame's size").isEqualTo(bytes);
    return e;
  }

  /** Pushes a frame of exactly the client's packer's limit, which must arrive with no error reported. */
  private void assertAPushAtThePackersLimitArrives() throws InterruptedException {
    Event atLimit = pushOfFrameSize(FOUR_MIB);
    server.sendNow("u1", atLimit);
    assertThat(nextPush()).isEqualTo(atLimit);
    assertThat(errors).isEmpty();
  }

  private Event nextPush() throws InterruptedException {
    Event e = pushes.poll(20, TimeUnit.SECONDS);
    assertThat(e).as("a push within 20 s").isNotNull();
    return e;
  }

  /** The next {@link MessageTooLargeException} the client reports, passing over its other errors. */
  private MessageTooLargeException nextTooLarge() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Throwable t = errors.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertThat(t).as("a MessageTooLargeException reported within 20 s").isNotNull();
      if (t instanceof MessageTooLargeException tooLarge) {
        return tooLarge;
      }
    }
  }

  private static Object echo(ChannelSocketClient c, int chars) throws Exception {
    return c.send(Event.of(ECHO, (long) chars), Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
  }

  @Test
  @Timeout(120)
  void aDefaultBuiltTransportReadsWebSocketFramesUpToThePackersLimit() throws Exception {
    ChannelSocketClient c = connect(serve(FOUR_MIB), ClientType.WEBSOCKET, JdkClientTransport.create());
    Event twoMib = Event.of(NEWS, "a".repeat(TWO_MIB));
    server.sendNow("u1", twoMib);
    assertThat(nextPush()).isEqualTo(twoMib);
    assertThat(echo(c, TWO_MIB)).isEqualTo("b".repeat(TWO_MIB));
    assertAPushAtThePackersLimitArrives();
  }

  @Test
  @Timeout(120)
  void aDefaultBuiltTransportReadsAjaxAnswersUpToThePackersLimit() throws Exception {
    ChannelSocketClient c = connect(serve(FOUR_MIB), ClientType.AJAX, JdkClientTransport.create());
    assertThat(echo(c, TWO_MIB)).isEqualTo("b".repeat(TWO_MIB));
    // Past three times the old fixed 1 MiB plus 4 KiB, the bound of a response body before.
    int pastOldBound = 3 * ONE_MIB + 8192;
    assertThat(echo(c, pastOldBound)).isEqualTo("b".repeat(pastOldBound));
    assertAPushAtThePackersLimitArrives();
  }

  @Test
  @Timeout(120)
  void aWebSocketFrameOneByteOverThePackersLimitClosesTooLarge() throws Exception {
    connect(serve(2 * FOUR_MIB), ClientType.WEBSOCKET, JdkClientTransport.create());
    server.sendNow("u1", pushOfFrameSize(FOUR_MIB + 1));
    MessageTooLargeException e = nextTooLarge();
    assertThat(e.limit()).isEqualTo(FOUR_MIB);
    assertThat(e.size()).isGreaterThan(FOUR_MIB);
    assertThat(pushes).isEmpty();
  }

  @Test
  @Timeout(120)
  void aFrameLimitSetOnTheTransportWinsOverThePackersOnTheWebSocket() throws Exception {
    connect(serve(FOUR_MIB), ClientType.WEBSOCKET, JdkClientTransport.builder().maxFrameBytes(ONE_MIB).build());
    server.sendNow("u1", Event.of(NEWS, "a".repeat(TWO_MIB)));
    MessageTooLargeException e = nextTooLarge();
    assertThat(e.limit()).isEqualTo(ONE_MIB);
    assertThat(pushes).isEmpty();
  }

  @Test
  @Timeout(120)
  void aFrameLimitSetOnTheTransportWinsOverThePackersOnAjax() throws Exception {
    ChannelSocketClient c = connect(serve(FOUR_MIB), ClientType.AJAX,
        JdkClientTransport.builder().maxFrameBytes(ONE_MIB).build());
    assertThatThrownBy(() -> echo(c, 3 * ONE_MIB + 8192)).isInstanceOf(ExecutionException.class)
        .rootCause().hasMessageContaining("over the limit of " + (3 * ONE_MIB + 4096) + " bytes");
  }
}
