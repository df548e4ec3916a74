package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Channel;
import io.sente4j.core.ChannelListener;
import io.sente4j.core.CloseReason;
import io.sente4j.core.Payload;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code VirtualMachineError} from the channel's listener goes on to the JDK's thread (SerialListener's contract),
 * but the channel still ends: it reports its close and aborts its socket, so no connection stays open with nobody
 * listening. {@link InternalError} stands for an {@code OutOfMemoryError} here: it is a {@code VirtualMachineError}
 * that leaves the test's JVM sound.
 */
class ListenerVirtualMachineErrorTest {
  private final JdkClientTransport transport = JdkClientTransport.create();
  private final CompletableFuture<Void> socketEnded = new CompletableFuture<>();
  private RawWebSocketServer server;

  @AfterEach
  void stop() throws IOException {
    transport.close();
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Timeout(60)
  void aVirtualMachineErrorFromOnErrorStillEndsTheChannelAndAbortsItsSocket() throws Exception {
    serve(new byte[] {(byte) 0x83, 0}); // opcode 3 is reserved: the JDK fails the connection (onError)
    List<String> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    Channel ws = openThrowingOnError(transport, calls, closed);
    closed.get(10, TimeUnit.SECONDS);
    socketEnded.get(10, TimeUnit.SECONDS);
    assertThat(ws.isOpen()).isFalse();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).isEqualTo("error");
    assertThat(calls.get(1)).startsWith("close 1006 connection lost: ");
  }

  @Test
  @Timeout(60)
  void aVirtualMachineErrorFromOnCloseStillAbortsTheSocket() throws Exception {
    serve(new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xE8}); // close 1000
    List<String> calls = new CopyOnWriteArrayList<>();
    Channel ws = transport.openWebSocket(server.uri(), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message " + payload);
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error " + error);
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code);
        throw new InternalError("test");
      }
    }).get(10, TimeUnit.SECONDS);
    socketEnded.get(10, TimeUnit.SECONDS);
    assertThat(ws.isOpen()).isFalse();
    assertThat(calls).containsExactly("close 1000");
  }

  @Test
  @Timeout(60)
  void aVirtualMachineErrorFromOnErrorForATooLargeMessageStillClosesAsTooLarge() throws Exception {
    // Regression: the error skipped the channel's too-large close; the JDK ended the channel later as 1006.
    byte[] frame = new byte[2 + 32];
    frame[0] = (byte) 0x81; // a whole text message of 32 bytes, over the 16-byte limit
    frame[1] = 32;
    Arrays.fill(frame, 2, frame.length, (byte) 'a');
    serve(frame);
    List<String> calls = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> closed = new CompletableFuture<>();
    try (JdkClientTransport small = JdkClientTransport.builder().maxFrameBytes(16).build()) {
      Channel ws = openThrowingOnError(small, calls, closed);
      closed.get(10, TimeUnit.SECONDS);
      socketEnded.get(10, TimeUnit.SECONDS);
      assertThat(ws.isOpen()).isFalse();
      assertThat(calls).containsExactly("error", "close " + CloseReason.TOO_LARGE.code() + " "
          + CloseReason.TOO_LARGE.text());
    }
  }

  /** A raw server that writes {@code frame} to the client, then reads until the client's socket ends. */
  private void serve(byte[] frame) throws IOException {
    server = new RawWebSocketServer(0, s -> {
      OutputStream out = s.getOutputStream();
      out.write(frame);
      out.flush();
      readUntilTheEnd(new DataInputStream(s.getInputStream()), socketEnded);
    });
  }

  /** Opens a WebSocket whose listener records its calls and throws an {@link InternalError} from {@code onError}. */
  private Channel openThrowingOnError(JdkClientTransport through, List<String> calls, CompletableFuture<Void> closed)
      throws Exception {
    return through.openWebSocket(server.uri(), Map.of(), new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message " + payload);
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error");
        throw new InternalError("test");
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code + " " + reason);
        closed.complete(null);
      }
    }).get(10, TimeUnit.SECONDS);
  }

  /** Reads the client's frames until its socket ends (the end of the stream or a reset). */
  private static void readUntilTheEnd(DataInputStream in, CompletableFuture<Void> ended) {
    try {
      while (true) {
        RawWebSocketServer.readFrame(in);
      }
    } catch (IOException e) { // the end of the stream (EOFException) or a reset
      ended.complete(null);
    }
  }
}
