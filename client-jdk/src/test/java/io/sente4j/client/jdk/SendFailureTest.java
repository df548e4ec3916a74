package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.io.DataInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A send that fails in the JDK client's outbound queue: one the JDK refuses as a message (the socket unharmed) fails
 * alone, and the sends queued behind it go out; one that breaks the socket fails the rest and ends the connection
 * with its reason.
 */
class SendFailureTest {
  /** Far more than the socket buffers hold while the server does not read: the send stays outstanding. */
  private static final int BIG = 16 << 20;
  /** A lone high surrogate, which the JDK cannot encode as UTF-8: it refuses the message and keeps the socket. */
  private static final Payload UNENCODABLE = Payload.text("a\uD800b");

  private final JdkClientTransport transport = JdkClientTransport.create();
  private RawWebSocketServer server;

  @AfterEach
  void stop() throws IOException {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  /** Records the closes it hears. */
  private static final class Closes implements ChannelListener {
    final List<String> closes = new CopyOnWriteArrayList<>();
    final CompletableFuture<String> first = new CompletableFuture<>();

    @Override
    public void onMessage(Payload payload) {}

    @Override
    public void onClose(int code, String reason) {
      closes.add(code + " " + reason);
      first.complete(code + " " + reason);
    }

    @Override
    public void onError(Throwable error) {}
  }

  @Test
  @Timeout(60)
  void aMessageTheJdkRefusesFailsAloneAndTheSendsQueuedBehindItGoOut() throws Exception {
    CountDownLatch read = new CountDownLatch(1);
    BlockingQueue<RawWebSocketServer.Frame> frames = new LinkedBlockingQueue<>();
    server = new RawWebSocketServer(4096, s -> {
      read.await(30, TimeUnit.SECONDS);
      DataInputStream in = new DataInputStream(s.getInputStream());
      while (true) {
        frames.add(RawWebSocketServer.readFrame(in));
      }
    });
    Closes listener = new Closes();
    Channel ws = transport.openWebSocket(server.uri(), Map.of(), listener).get(10, TimeUnit.SECONDS);

    CompletableFuture<Void> big = ws.send(Payload.binary(Bytes.wrap(new byte[BIG])));
    CompletableFuture<Void> refused = ws.send(UNENCODABLE);
    CompletableFuture<Void> after1 = ws.send(Payload.text("after 1"));
    CompletableFuture<Void> after2 = ws.send(Payload.text("after 2"));
    assertThat(big).as("still being written, so the others wait behind it in the queue").isNotDone();
    read.countDown();

    big.get(30, TimeUnit.SECONDS);
    assertThat(refused).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class)
        .withCauseInstanceOf(IOException.class).withMessageContaining("Malformed");
    after1.get(10, TimeUnit.SECONDS);
    after2.get(10, TimeUnit.SECONDS);
    assertThat(frames.poll(10, TimeUnit.SECONDS).payload()).hasSize(BIG);
    assertThat(frames.poll(10, TimeUnit.SECONDS).text()).isEqualTo("after 1");
    assertThat(frames.poll(10, TimeUnit.SECONDS).text()).isEqualTo("after 2");
    assertThat(ws.isOpen()).isTrue();
    assertThat(listener.closes).isEmpty();

    // Sent alone, as the first of the queue, the same holds.
    assertThat(ws.send(UNENCODABLE)).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IOException.class);
    ws.send(Payload.text("after 3")).get(10, TimeUnit.SECONDS);
    assertThat(frames.poll(10, TimeUnit.SECONDS).text()).isEqualTo("after 3");
  }

  @Test
  @Timeout(60)
  void aSendThatBreaksTheSocketFailsTheSendsBehindItAndEndsTheConnectionWithItsReason() throws Exception {
    CountDownLatch reset = new CountDownLatch(1);
    server = new RawWebSocketServer(4096, s -> {
      reset.await(30, TimeUnit.SECONDS);
      s.setSoLinger(true, 0);
      s.close(); // a reset: the client's outstanding write fails
    });
    Closes listener = new Closes();
    Channel ws = transport.openWebSocket(server.uri(), Map.of(), listener).get(10, TimeUnit.SECONDS);

    CompletableFuture<Void> big = ws.send(Payload.binary(Bytes.wrap(new byte[BIG])));
    CompletableFuture<Void> behind = ws.send(Payload.text("behind"));
    assertThat(big).isNotDone();
    reset.countDown();

    assertThat(big).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
    assertThat(behind).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(ExecutionException.class);
    assertThat(listener.first.get(10, TimeUnit.SECONDS)).startsWith("1006 ");
    assertThat(ws.isOpen()).isFalse();
    assertThat(ws.send(Payload.text("later"))).failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(ExecutionException.class);
    assertThat(listener.closes).hasSize(1);
  }
}
