package io.sente4j.packer.cbor;

import io.sente4j.core.PackerProvider;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.spec.PackerConformanceKit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The CBOR packer against the sente4j conformance kit: golden vectors in {@code spec/vectors/cbor/}, round trips
 * over the whole data model (the packer is lossless), hostile input and limits.
 */
class CborPackerConformanceTest extends PackerConformanceKit {
  @Override
  protected PackerProvider provider() {
    return new CborPackerProvider();
  }

  @Override
  protected boolean concatenatesLists() {
    return true;
  }

  @Override
  protected Object normalise(Object value) {
    return CborDomain.normalise(value);
  }

  @Override
  protected List<Object> refused() {
    return List.of("lone \ud800", '\udc00', Instant.parse("+10000-01-01T00:00:00Z"),
        Instant.parse("-0001-12-31T23:59:59Z"), new Tagged(Symbol.of("sente4j/char"), "a"),
        List.of(Map.of(List.of("\udfff"), 1L)), java.math.BigInteger.TEN.pow(1000),
        java.math.BigInteger.TEN.pow(1000).negate(), new java.math.BigDecimal(java.math.BigInteger.TEN.pow(1000), 7));
  }
}
