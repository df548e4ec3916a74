package io.sente4j.client.jdk;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.spec.TransportConformanceKit;
import io.sente4j.spec.TransportFixture;

/**
 * The transport conformance kit over TLS on loopback (wss and https, a self-signed certificate), with the MessagePack
 * packer (binary frames).
 */
class MsgpackTlsConformanceTest extends TransportConformanceKit {
  @Override
  protected TransportFixture createFixture() {
    return new JettyFixture(true);
  }

  @Override
  protected Packer packer() {
    return PackerRegistry.load().get("msgpack");
  }

  @Override
  protected Packer otherPacker() {
    return PackerRegistry.load().get("edn");
  }
}
