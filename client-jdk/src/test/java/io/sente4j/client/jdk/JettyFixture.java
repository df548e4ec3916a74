package io.sente4j.client.jdk;

import io.sente4j.core.ClientTransport;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.spec.TransportFixture;
import io.sente4j.transport.jetty.JettyChannelHandler;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The Jetty server and the JDK client over real loopback sockets, as the conformance kit drives them; the kit's
 * fault hooks act through a {@link LoopbackProxy} between the two. With TLS, every leg is TLS ({@code wss:} and
 * {@code https:}) with a {@link SelfSignedTls} certificate.
 */
final class JettyFixture implements TransportFixture {
  private final boolean tls;
  private final JdkClientTransport client;
  private JettyChannelServer server;
  private LoopbackProxy proxy;

  /** Plain {@code ws:} and {@code http:}. */
  JettyFixture() {
    this(false);
  }

  /** Over TLS when {@code tls} is true. */
  JettyFixture(boolean tls) {
    this.tls = tls;
    this.client = !tls ? JdkClientTransport.create() : JdkClientTransport.builder()
        .httpClient(HttpClient.newBuilder().sslContext(SelfSignedTls.context()).version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build())
        .build();
  }

  @Override
  public URI serve(ServerEndpoint endpoint) {
    JettyChannelServer.Builder b = JettyChannelServer.builder(endpoint).host("127.0.0.1").port(0);
    // The handler refuses an idle timeout not longer than the server's ping interval: a kit check that keeps pings
    // out of its way with a long interval gets a longer idle timeout too.
    endpoint.pingInterval().filter(ping -> ping.compareTo(JettyChannelHandler.Builder.DEFAULT_IDLE_TIMEOUT) >= 0)
        .ifPresent(ping -> b.handler(h -> h.idleTimeout(ping.multipliedBy(2))));
    if (tls) {
      b.tls(SelfSignedTls.server());
    }
    server = b.start();
    try {
      proxy = new LoopbackProxy(new InetSocketAddress("127.0.0.1", server.port()),
          tls ? SelfSignedTls.context() : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + proxy.port() + "/chsk");
  }

  @Override
  public ClientTransport clientTransport() {
    return client;
  }

  @Override
  public void silence(String clientId) {
    proxy.silence(clientId);
  }

  @Override
  public void cut(String clientId) {
    proxy.cut(clientId);
  }

  @Override
  public void refuseUpgrades(boolean refuse) {
    proxy.refuseUpgrades(refuse);
  }

  @Override
  public Duration settleTimeout() {
    return Duration.ofSeconds(20);
  }

  @Override
  public void close() {
    client.close();
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
