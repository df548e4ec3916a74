package io.sente4j.transport.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;

/** The WebSocket clients the Jetty tests drive: a raw upgrade over a plain socket, and a recording JDK client. */
final class TestWebSockets {
  /** The upgrade request of client {@code c1}, as a raw socket writes it. */
  static final byte[] UPGRADE = ("GET /chsk?client-id=c1 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
      .getBytes(StandardCharsets.US_ASCII);

  private TestWebSockets() {}

  /** Reads a response's status line and headers, up to the blank line (or the end of the stream). */
  static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** A JDK WebSocket client whose end is recorded: {@code "code reason"} at a close, {@code "error …"} at an error. */
  static final class RecordingClient {
    final BlockingQueue<String> ends = new LinkedBlockingQueue<>();
    /** Completes once the WebSocket is open. */
    final CompletableFuture<WebSocket> opened;

    RecordingClient(URI uri) {
      opened = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
          ends.add(code + " " + reason);
          return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
          ends.add("error " + error);
        }
      });
    }
  }
}
