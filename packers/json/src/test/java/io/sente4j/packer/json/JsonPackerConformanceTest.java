package io.sente4j.packer.json;

import io.sente4j.core.Keyword;
import io.sente4j.core.PackerProvider;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.PackerConformanceKit;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;

/**
 * The JSON packer against the sente4j conformance kit: golden vectors in {@code spec/vectors/json/}, round trips
 * normalised by {@link JsonDomain} (the packer's documented domain, written independently), hostile input and
 * limits.
 */
class JsonPackerConformanceTest extends PackerConformanceKit {
  @Override
  protected PackerProvider provider() {
    return new JsonPackerProvider();
  }

  /** The data model less tags and non-finite doubles, and less maps whose keys would clash as strings. */
  @Override
  protected boolean concatenatesLists() {
    return true;
  }

  @Override
  protected Gen<Object> domain() {
    return DataModelGens.all().without(Kind.TAGGED, Kind.NON_FINITE_DOUBLE).values().assuming(JsonDomain::accepts);
  }

  @Override
  protected Object normalise(Object value) {
    return JsonDomain.normalise(value);
  }

  @Override
  protected List<Object> refused() {
    Map<Object, Object> clash = new LinkedHashMap<>();
    clash.put(Keyword.of("a"), 1L);
    clash.put("a", 2L);
    return List.of(Double.NaN, Double.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, new BigDecimal("1E+400"),
        "lone \ud800", '\udc00', new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)), clash,
        List.of(Map.of(List.of(Double.NaN), 1L)));
  }
}
