package io.sente4j.client.jdk;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WebSocket server of one connection on a plain {@link ServerSocket}: it answers the upgrade and hands the socket
 * to a session, on its own thread, which reads (or does not) what the client sends as it pleases.
 */
final class RawWebSocketServer implements AutoCloseable {
  private static final Pattern KEY = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)\\s*$");

  /** What the server does with the upgraded socket. */
  interface Session {
    void run(Socket socket) throws Exception;
  }

  /** One frame from the client, unmasked. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The upgraded socket, once the 101 has been written. */
  final CompletableFuture<Socket> accepted = new CompletableFuture<>();
  private final ServerSocket listener;

  /**
   * @param receiveBufferBytes the accepted socket's receive buffer, set before binding so that it stays that small
   *     (a server that does not read then soon stops the client's writes); 0 for the system's
   */
  RawWebSocketServer(int receiveBufferBytes, Session session) throws IOException {
    listener = new ServerSocket();
    if (receiveBufferBytes > 0) {
      listener.setReceiveBufferSize(receiveBufferBytes);
    }
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    Thread t = new Thread(() -> serve(session), "raw-websocket-server-" + listener.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/chsk");
  }

  private void serve(Session session) {
    Socket s;
    try {
      s = listener.accept();
      upgrade(s);
    } catch (Exception e) {
      accepted.completeExceptionally(e);
      return;
    }
    accepted.complete(s);
    try {
      session.run(s);
    } catch (Exception e) {
      // the session ended: the client went away, or the test closed the server
    }
  }

  private static void upgrade(Socket s) throws Exception {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client left during the upgrade");
      }
      head.write(b);
    }
    Matcher key = KEY.matcher(head.toString(StandardCharsets.ISO_8859_1));
    if (!key.find()) {
      throw new IOException("no Sec-WebSocket-Key in " + head);
    }
    byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
        (key.group(1) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + Base64.getEncoder().encodeToString(sha1)
        + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    s.getOutputStream().flush();
  }

  /** Reads one frame a client sent (masked, RFC 6455 §5.2). */
  static Frame readFrame(DataInputStream in) throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    long length = second & 0x7F;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] mask = new byte[4];
    if ((second & 0x80) != 0) {
      in.readFully(mask);
    }
    byte[] payload = new byte[Math.toIntExact(length)];
    in.readFully(payload);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i & 3];
    }
    return new Frame(first & 0x0F, payload);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
      accepted.join().close();
    }
  }
}
