package io.sente4j.client.jdk;

import io.sente4j.core.ClientTransport;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.spec.TransportFixture;
import io.sente4j.transport.jetty.JettyChannelServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * The Jetty server and the JDK client over real loopback sockets, as the conformance kit drives them; the kit's
 * fault hooks act through a {@link LoopbackProxy} between the two.
 */
final class JettyFixture implements TransportFixture {
  private final JdkClientTransport client = JdkClientTransport.create();
  private JettyChannelServer server;
  private LoopbackProxy proxy;

  @Override
  public URI serve(ServerEndpoint endpoint) {
    server = JettyChannelServer.builder(endpoint).host("127.0.0.1").port(0).start();
    try {
      proxy = new LoopbackProxy(new InetSocketAddress("127.0.0.1", server.port()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return URI.create("ws://127.0.0.1:" + proxy.port() + "/chsk");
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
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
