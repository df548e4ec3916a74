package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The channel's listener is called one call at a time, with {@code onClose} last, as {@code ChannelListener} asks,
 * although the close can come from a thread other than the JDK's reading one: here the close timeout's, while a
 * message is still being delivered.
 */
class ListenerCallsTest {
  private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);

  private final JdkClientTransport transport = JdkClientTransport.builder().closeTimeout(CLOSE_TIMEOUT).build();
  private RawWebSocketServer server;

  @AfterEach
  void stop() throws IOException {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  /**
   * The listener is still inside {@code onMessage} when the close timeout aborts the socket: the close it reports
   * waits for that call to return. The listener holds {@code onMessage} until a task scheduled on the JDK's delay
   * thread after the channel's close-timeout check has run; that thread is a single one, which runs the two in the
   * order they were scheduled, so the check has reported the close by then, wherever the report went.
   */
  @Test
  @Timeout(60)
  void aCloseTimingOutDuringAMessageIsReportedAfterTheMessage() throws Exception {
    server = new RawWebSocketServer(0, s -> {
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) 0x81, 1, 'x'}); // one text message, then the close is never answered
      out.flush();
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        // dropped
      }
    });
    List<String> calls = new CopyOnWriteArrayList<>();
    CountDownLatch inMessage = new CountDownLatch(1);
    CountDownLatch timedOut = new CountDownLatch(1);
    CompletableFuture<Void> closed = new CompletableFuture<>();
    Channel ws = transport.openWebSocket(server.uri(), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message begins");
        inMessage.countDown();
        try {
          timedOut.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        calls.add("message ends");
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code);
        closed.complete(null);
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error " + error);
      }
    }).get(10, TimeUnit.SECONDS);
    assertThat(inMessage.await(10, TimeUnit.SECONDS)).isTrue();
    ws.close(1000, "bye");
    CompletableFuture.delayedExecutor(CLOSE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)
        .execute(timedOut::countDown);
    closed.get(30, TimeUnit.SECONDS);
    assertThat(calls).containsExactly("message begins", "message ends", "close 1006");
  }

  @Test
  @Timeout(60)
  void aListenerThatThrowsAnErrorIsClosedWithErrorAndHearsNothingButTheClose() throws Exception {
    // Regression: an Error from the listener's onMessage was logged and swallowed: the connection stayed open with a
    // listener in an unknown state. The client closes it with error (1011), and the listener still hears the close.
    CompletableFuture<Integer> closeFromClient = new CompletableFuture<>();
    server = new RawWebSocketServer(0, s -> {
      OutputStream out = s.getOutputStream();
      out.write(new byte[] {(byte) 0x81, 1, 'x', (byte) 0x81, 1, 'y'}); // two text messages
      out.flush();
      DataInputStream in = new DataInputStream(s.getInputStream());
      RawWebSocketServer.Frame frame = RawWebSocketServer.readFrame(in);
      closeFromClient.complete(frame.opcode() == 8 ? ((frame.payload()[0] & 0xFF) << 8) | (frame.payload()[1] & 0xFF)
          : -frame.opcode());
      out.write(new byte[] {(byte) 0x88, 2, frame.payload()[0], frame.payload()[1]}); // the close, echoed
      out.flush();
      while (in.read() >= 0) {
        // dropped
      }
    });
    List<String> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    transport.openWebSocket(server.uri(), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message " + payload);
        throw new AssertionError("a bug in onMessage");
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code);
        closed.complete(null);
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error " + error);
      }
    }).get(10, TimeUnit.SECONDS);
    assertThat(closeFromClient.get(10, TimeUnit.SECONDS)).as("the client's close frame").isEqualTo(1011);
    closed.get(10, TimeUnit.SECONDS);
    assertThat(calls).containsExactly("message " + Payload.text("x"), "close 1011");
  }
}
