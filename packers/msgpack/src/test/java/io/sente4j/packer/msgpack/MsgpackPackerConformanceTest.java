package io.sente4j.packer.msgpack;

import io.sente4j.core.PackerProvider;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.PackerConformanceKit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/**
 * The MessagePack packer against the sente4j conformance kit: golden vectors in {@code spec/vectors/msgpack/},
 * round trips normalised by {@link MsgpackDomain} (the packer's documented domain, written independently), hostile
 * input and limits.
 */
class MsgpackPackerConformanceTest extends PackerConformanceKit {
  @Override
  protected PackerProvider provider() {
    return new MsgpackPackerProvider();
  }

  /**
   * The data model less tags and decimals, and less integers beyond MessagePack's range. A value holding such an
   * integer is replaced by one drawn without big integers rather than discarded with {@code Gen.assuming}:
   * QuickTheories counts every discarded draw against the example, and the kit's checks that draw up to sixteen
   * values an example (the concatenation ones) then gave up before finding enough.
   */
  @Override
  protected Gen<Object> domain() {
    Gen<Object> values = DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL).values();
    Gen<Object> noBigIntegers = DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL, Kind.BIG_INTEGER).values();
    return values.zip(noBigIntegers, (v, w) -> MsgpackDomain.accepts(v) ? v : w);
  }

  @Override
  protected boolean concatenatesLists() {
    return true;
  }

  @Override
  protected Object normalise(Object value) {
    return MsgpackDomain.normalise(value);
  }

  @Override
  protected List<Object> refused() {
    return List.of(new BigDecimal("1.50"), BigInteger.TWO.pow(64), MsgpackDomain.MIN.subtract(BigInteger.ONE),
        "lone \ud800", '\udc00', new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)),
        List.of(Map.of(List.of(new BigDecimal("1")), 1L)));
  }
}
