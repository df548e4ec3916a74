package io.sente4j.client.jdk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A TCP proxy on loopback between the clients and the server, for the conformance kit's fault hooks: it reads the
 * head of each connection's first request to learn the client id of a WebSocket upgrade, and can then silence that
 * connection (drop what the client sends), cut it (reset both sides without a close handshake), or refuse upgrades
 * before they reach the server.
 *
 * <p>Given an {@link SSLContext} it speaks TLS on both legs (it presents the context's certificate to clients and
 * connects to the server over TLS), reading the plain requests in between; a cut still resets the TCP connections
 * under TLS, with no close_notify.
 */
final class LoopbackProxy implements AutoCloseable {
  private static final Pattern CLIENT_ID = Pattern.compile("[?&]client-id=([^& ]*)");
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket listener;
  private final InetSocketAddress target;
  private final SSLContext tls;
  private final List<Pipe> pipes = new CopyOnWriteArrayList<>();
  private volatile boolean refuseUpgrades;
  private volatile boolean closed;

  LoopbackProxy(InetSocketAddress target) throws IOException {
    this(target, null);
  }

  /** A proxy speaking TLS with {@code tls} on both legs, or plain TCP when it is {@code null}. */
  LoopbackProxy(InetSocketAddress target, SSLContext tls) throws IOException {
    this.target = target;
    this.tls = tls;
    this.listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "loopback-proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  void refuseUpgrades(boolean refuse) {
    this.refuseUpgrades = refuse;
  }

  void silence(String clientId) {
    pipes.stream().filter(p -> clientId.equals(p.clientId)).forEach(p -> p.silenced = true);
  }

  void cut(String clientId) {
    pipes.stream().filter(p -> clientId.equals(p.clientId)).forEach(Pipe::reset);
  }

  /** Cuts every connection, as a network partition of the server would. */
  void cutAll() {
    pipes.forEach(Pipe::reset);
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Thread t = new Thread(() -> open(client), "loopback-proxy-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        if (!closed) {
          e.printStackTrace();
        }
        return;
      }
    }
  }

  private void open(Socket tcpClient) {
    Socket client = tcpClient;
    try {
      tcpClient.setTcpNoDelay(true);
      if (tls != null) {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(tcpClient, null, tcpClient.getPort(), true);
        s.setUseClientMode(false);
        client = s;
      }
      byte[] head = readHead(client.getInputStream());
      String text = new String(head, StandardCharsets.ISO_8859_1);
      boolean upgrade = text.toLowerCase(Locale.ROOT).contains("upgrade: websocket");
      if (upgrade && refuseUpgrades) {
        OutputStream out = client.getOutputStream();
        String body = "upgrades refused by the test proxy";
        out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
            + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        client.close();
        return;
      }
      Socket tcpServer = new Socket();
      tcpServer.setTcpNoDelay(true);
      tcpServer.connect(target, 5000);
      Socket server = tls == null ? tcpServer
          : tls.getSocketFactory().createSocket(tcpServer, target.getHostString(), target.getPort(), true);
      Pipe pipe = new Pipe(client, server, tcpClient, tcpServer, upgrade ? clientId(text) : null);
      pipes.add(pipe);
      server.getOutputStream().write(head);
      server.getOutputStream().flush();
      pipe.start();
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(tcpClient);
    }
  }

  private static String clientId(String head) {
    int end = head.indexOf("\r\n");
    Matcher m = CLIENT_ID.matcher(end < 0 ? head : head.substring(0, end));
    return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : null;
  }

  /** The bytes up to and including the blank line that ends the first request's head. */
  private static byte[] readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (head.size() < MAX_HEAD) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the client closed before sending a request");
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      if (matched == 4) {
        return head.toByteArray();
      }
    }
    throw new IOException("request head over " + MAX_HEAD + " bytes");
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(listener);
    pipes.forEach(Pipe::reset);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception ignored) {
      // closing anyway
    }
  }

  /** One proxied connection: two pumps. */
  private final class Pipe {
    final Socket client;
    final Socket server;
    final Socket tcpClient;
    final Socket tcpServer;
    final String clientId;
    volatile boolean silenced;

    Pipe(Socket client, Socket server, Socket tcpClient, Socket tcpServer, String clientId) {
      this.client = client;
      this.server = server;
      this.tcpClient = tcpClient;
      this.tcpServer = tcpServer;
      this.clientId = clientId;
    }

    void start() {
      pump(client, server, true);
      pump(server, client, false);
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
      Thread t = new Thread(() -> {
        byte[] buf = new byte[16 * 1024];
        try {
          InputStream in = from.getInputStream();
          OutputStream out = to.getOutputStream();
          int n;
          while ((n = in.read(buf)) >= 0) {
            if (fromClient && silenced) {
              continue;
            }
            out.write(buf, 0, n);
            out.flush();
          }
        } catch (IOException ignored) {
          // the connection ended
        }
        closeBoth();
      }, "loopback-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    void closeBoth() {
      pipes.remove(this);
      closeQuietly(client);
      closeQuietly(server);
    }

    /** Ends both sides with a TCP reset: no close frame, no FIN. */
    void reset() {
      pipes.remove(this);
      try {
        tcpClient.setSoLinger(true, 0);
        tcpServer.setSoLinger(true, 0);
      } catch (IOException ignored) {
        // closing anyway
      }
      closeQuietly(tcpClient); // under TLS: the TCP sockets, so that no close_notify goes out
      closeQuietly(tcpServer);
    }
  }
}
