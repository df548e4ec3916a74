package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * Over the whole data model: a value in the packer's stated domain ({@link MsgpackDomain#accepts}) round-trips to its
 * normalised form; any other value is refused with a {@link PackerException} that says why, never written wrong.
 */
class MsgpackPropertiesTest {
  private final MsgpackPacker packer = new MsgpackPacker();

  @Test
  void identityOnTheDomainAndAClearErrorOutsideIt() {
    Theories.qt().forAll(DataModelGens.all().values()).checkAssert(v -> {
      if (MsgpackDomain.accepts(v)) {
        assertThat(packer.unpack(packer.pack(v))).as("round trip of %s", v).isEqualTo(MsgpackDomain.normalise(v));
      } else {
        assertThatThrownBy(() -> packer.pack(v)).as("packing %s", v).isInstanceOfSatisfying(PackerException.class,
            e -> {
              assertThat(e).isNotInstanceOf(PackerLimitException.class);
              assertThat(e.reason()).containsAnyOf("decimal", "tagged", "integer", "surrogate");
            });
      }
    });
  }

  @Test
  void integersOfEveryWidthRoundTripInTheirSmallestForm() {
    Theories.qt().forAll(DataModelGens.longs()).checkAssert(n -> {
      int size = packer.pack(n).byteLength();
      int expected = n >= -32 && n < 128 ? 1 : n >= -128 && n < 256 ? 2 : n >= -32768 && n < 65536 ? 3
          : n >= Integer.MIN_VALUE && n <= 0xffffffffL ? 5 : 9;
      assertThat(size).as("bytes for %d", n).isEqualTo(expected);
      assertThat(packer.unpack(packer.pack(n))).isEqualTo(n);
    });
    assertThat(packer.unpack(packer.pack(BigInteger.TWO.pow(64).subtract(BigInteger.ONE))))
        .isEqualTo(BigInteger.TWO.pow(64).subtract(BigInteger.ONE));
  }

  @Test
  void decimalsAreRefusedNamingTheValue() {
    Theories.qt().forAll(DataModelGens.bigDecimals()).checkAssert(d -> assertThatThrownBy(() -> packer.pack(d))
        .isInstanceOfSatisfying(PackerException.class, e -> assertThat(e.reason())
            .contains(d.toString().length() <= 40 ? d.toString() : "", "BigDecimal is outside")));
  }
}
