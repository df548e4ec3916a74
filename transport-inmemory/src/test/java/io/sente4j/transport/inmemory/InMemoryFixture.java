package io.sente4j.transport.inmemory;

import io.sente4j.core.ClientTransport;
import io.sente4j.core.ServerEndpoint;
import io.sente4j.spec.TransportFixture;
import java.net.URI;

/** The in-memory transport as the conformance kit drives it: one network per test, its faults as the kit's hooks. */
final class InMemoryFixture implements TransportFixture {
  private final InMemoryNetwork network = InMemoryNetwork.create();

  @Override
  public URI serve(ServerEndpoint endpoint) {
    return network.bind(URI.create("ws://kit.test/chsk"), endpoint);
  }

  @Override
  public ClientTransport clientTransport() {
    return network.clientTransport();
  }

  @Override
  public void silence(String clientId) {
    network.connections(clientId).forEach(InMemoryConnection::silenceClient);
  }

  @Override
  public void cut(String clientId) {
    network.connections(clientId).forEach(InMemoryConnection::cut);
  }

  @Override
  public void refuseUpgrades(boolean refuse) {
    if (refuse) {
      network.refuseUpgrades(503, "upgrades refused by the test");
    } else {
      network.acceptUpgrades();
    }
  }

  @Override
  public void close() {
    network.close();
  }
}
