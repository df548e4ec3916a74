package io.sente4j.transport.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import io.sente4j.core.ServerAnswer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The listener contract (one call at a time, the close last) when the close does not come from Jetty's reading
 * thread: a {@code Channel.close} whose close frame cannot be written, the peer having reset the connection, ends
 * the session on the closing thread, while that socket's reading thread may still be delivering a message.
 */
class ListenerCallsTest {

  private JettyChannelServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** Records the calls it gets, noting any that begins while another is still running. */
  private static final class Recording implements ChannelListener {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<String> overlaps = new CopyOnWriteArrayList<>();
    final CountDownLatch inMessage = new CountDownLatch(1);
    final CountDownLatch releaseMessage = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean busy;

    @Override
    public void onMessage(Payload payload) {
      enter("message " + payload);
      inMessage.countDown();
      try {
        releaseMessage.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      busy = false;
    }

    @Override
    public void onClose(int code, String reason) {
      enter("close");
      busy = false;
      closed.countDown();
    }

    @Override
    public void onError(Throwable error) {
      enter("error");
      busy = false;
    }

    private void enter(String call) {
      if (busy) {
        overlaps.add(call + " on " + Thread.currentThread().getName());
      }
      busy = true;
      calls.add(call);
    }
  }

  @Test
  @Timeout(60)
  void aCloseFromAnotherThreadWaitsForTheMessageBeingDeliveredAndComesLast() throws Exception {
    Recording listener = new Recording();
    BlockingQueue<Channel> opened = new LinkedBlockingQueue<>();
    server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> {
      opened.add(channel);
      return listener;
    })).host("127.0.0.1").port(0).start();
    Channel channel;
    try (Socket client = new Socket("127.0.0.1", server.port())) {
      client.setSoTimeout(10_000);
      OutputStream out = client.getOutputStream();
      out.write(TestWebSockets.UPGRADE);
      out.flush();
      assertThat(TestWebSockets.readHead(client.getInputStream())).startsWith("HTTP/1.1 101");
      channel = opened.poll(10, TimeUnit.SECONDS);
      assertThat(channel).isNotNull();
      out.write(new byte[] {(byte) 0x81, (byte) 0x81, 0, 0, 0, 0, 'x'}); // a masked text frame "x", zero mask
      out.flush();
      assertThat(listener.inMessage.await(10, TimeUnit.SECONDS)).isTrue();
      client.setSoLinger(true, 0); // closing resets the connection: the server's next write fails at once
    }

    channel.close(4001, "timeout"); // its close frame cannot be written: Jetty ends the session on this thread

    assertThat(listener.calls).as("no close while the message is being delivered").containsExactly("message "
        + Payload.text("x"));
    listener.releaseMessage.countDown();
    assertThat(listener.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(listener.overlaps).isEmpty();
    assertThat(listener.calls).first().isEqualTo("message " + Payload.text("x"));
    assertThat(listener.calls).last().isEqualTo("close");
    assertThat(listener.calls).filteredOn("close"::equals).hasSize(1);
  }

  @Test
  @Timeout(60)
  void anOnOpenThatThrowsAnErrorClosesTheWebSocketWithErrorAtOnce() throws Exception {
    // Regression: an Error from the core's onOpen was logged and swallowed by the listener's queue; the socket stayed
    // open with no listener until the idle timeout (2 minutes here).
    server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> {
      throw new AssertionError("a bug in onOpen");
    })).host("127.0.0.1").port(0).start();
    TestWebSockets.RecordingClient client =
        new TestWebSockets.RecordingClient(URI.create(server.webSocketUri() + "?client-id=c1"));
    client.opened.get(10, TimeUnit.SECONDS);
    assertThat(client.ends.poll(10, TimeUnit.SECONDS)).isEqualTo("1011 error");
  }

  @Test
  @Timeout(60)
  void aListenerThatThrowsAnErrorIsClosedWithErrorAndHearsNothingButTheClose() throws Exception {
    // Regression: an Error from the listener's onMessage was logged and swallowed: the connection stayed open with a
    // listener in an unknown state. It is closed with error (1011), and the listener still hears the close.
    List<String> calls = new CopyOnWriteArrayList<>();
    CountDownLatch closed = new CountDownLatch(1);
    server = JettyChannelServer.builder(r -> new ServerAnswer.Upgrade(channel -> new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message " + payload);
        throw new AssertionError("a bug in onMessage");
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code);
        closed.countDown();
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error " + error);
      }
    })).host("127.0.0.1").port(0).start();
    TestWebSockets.RecordingClient client =
        new TestWebSockets.RecordingClient(URI.create(server.webSocketUri() + "?client-id=c1"));
    WebSocket ws = client.opened.get(10, TimeUnit.SECONDS);
    ws.sendText("x", true).get(10, TimeUnit.SECONDS);
    assertThat(client.ends.poll(10, TimeUnit.SECONDS)).isEqualTo("1011 error");
    assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(calls).containsExactly("message " + Payload.text("x"), "close 1011");
  }
}
