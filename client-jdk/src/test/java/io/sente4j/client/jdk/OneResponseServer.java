package io.sente4j.client.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Answers one request with a given head, then that many bytes of body and the end of the connection; or, for a
 * negative count, no body: it waits for the client to leave, and {@code left} completes when it has.
 */
final class OneResponseServer implements AutoCloseable {
  /** Completes once the head (and any body) has been written. */
  final CompletableFuture<Void> answered = new CompletableFuture<>();
  final CompletableFuture<Void> left = new CompletableFuture<>();
  private final ServerSocket listener;

  OneResponseServer(String head, int body) throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    Thread t = new Thread(() -> serve(head, body), "one-response-server-" + listener.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/chsk");
  }

  private void serve(String head, int body) {
    try (Socket s = listener.accept()) {
      InputStream in = s.getInputStream();
      readHead(in);
      OutputStream out = s.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      if (body >= 0) {
        out.write(new byte[body]);
      }
      out.flush();
      answered.complete(null);
      if (body < 0) {
        while (in.read() >= 0) {
          // the client sends nothing more; it leaves
        }
        left.complete(null);
      }
    } catch (IOException e) {
      left.complete(null); // a reset: the client left too
    }
  }

  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client left during its request");
      }
      head.write(b);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
