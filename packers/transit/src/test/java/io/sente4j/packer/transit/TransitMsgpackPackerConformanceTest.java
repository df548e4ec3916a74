package io.sente4j.packer.transit;

import io.sente4j.core.PackerProvider;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.PackerConformanceKit;
import java.util.List;
import org.quicktheories.core.Gen;

/**
 * transit-msgpack against the sente4j conformance kit: golden vectors in {@code spec/vectors/transit-msgpack/}
 * (Sente's Transit frames among them), round trips normalised by {@link TransitDomain}, hostile input and limits.
 */
class TransitMsgpackPackerConformanceTest extends PackerConformanceKit {
  @Override
  protected PackerProvider provider() {
    return new TransitMsgpackPackerProvider();
  }

  @Override
  protected Gen<Object> domain() {
    return DataModelGens.all().values().assuming(TransitDomain::accepts);
  }

  @Override
  protected Object normalise(Object value) {
    return TransitDomain.normalise(value);
  }

  @Override
  protected List<Object> refused() {
    return TransitRefusals.VALUES;
  }
}
