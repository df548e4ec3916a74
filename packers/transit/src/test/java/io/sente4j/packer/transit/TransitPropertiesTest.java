package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Properties over generated values, against {@link TransitDomain}: both packers accept exactly the documented domain
 * (refusing the rest with a {@link PackerException} that is not a limit), and a round trip gives the documented
 * normal form; transit-json and transit-msgpack read back the same value.
 */
class TransitPropertiesTest {
  private final List<Packer> packers = List.of(new TransitJsonPacker(), new TransitMsgpackPacker());

  @Test
  void packAcceptsExactlyTheDocumentedDomain() {
    for (Packer p : packers) {
      Theories.qt().forAll(DataModelGens.all().values()).checkAssert(v -> {
        if (TransitDomain.accepts(v)) {
          assertThat(p.unpack(p.pack(v))).as("%s round trip of %s", p.name(), v).isEqualTo(TransitDomain.normalise(v));
        } else {
          assertThatThrownBy(() -> p.pack(v)).as("%s packing %s", p.name(), v)
              .isExactlyInstanceOf(PackerException.class);
        }
      });
    }
    for (Object v : TransitRefusals.VALUES) {
      assertThat(TransitDomain.accepts(v)).as("the test's domain refuses %s", v).isFalse();
    }
  }

  @Test
  void bothEncodingsReadBackTheSameValue() {
    Theories.qt().forAll(DataModelGens.all().values().assuming(TransitDomain::accepts)).checkAssert(v ->
        assertThat(packers.get(0).unpack(packers.get(0).pack(v)))
            .isEqualTo(packers.get(1).unpack(packers.get(1).pack(v))));
  }
}
