package io.sente4j.transport.inmemory;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.spec.TransportConformanceKit;
import io.sente4j.spec.TransportFixture;

/** The transport conformance kit on the in-memory transport, with the MessagePack packer (binary frames). */
class MsgpackConformanceTest extends TransportConformanceKit {
  @Override
  protected TransportFixture createFixture() {
    return new InMemoryFixture();
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
