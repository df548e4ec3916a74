package io.sente4j.packer.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.PackerException;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.math.BigInteger;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

/**
 * Over the whole data model the packer is the identity (after Java conveniences); outside its domain (instants
 * beyond the years 0000 to 9999) it refuses with a {@link PackerException} that says why.
 */
class CborPropertiesTest {
  private final CborPacker packer = new CborPacker();

  @Test
  void identityOnTheWholeDataModel() {
    Theories.qt().forAll(DataModelGens.all().values()).checkAssert(v -> {
      assertThat(CborDomain.accepts(v)).as("%s in the domain", v).isTrue();
      assertThat(packer.unpack(packer.pack(v))).as("round trip of %s", v).isEqualTo(CborDomain.normalise(v));
    });
  }

  @Test
  void longAndBigIntegerStayApart() {
    Theories.qt().forAll(DataModelGens.longs()).checkAssert(n -> {
      assertThat(packer.unpack(packer.pack(n))).isEqualTo(n);
      assertThat(packer.unpack(packer.pack(BigInteger.valueOf(n)))).isEqualTo(BigInteger.valueOf(n));
    });
  }

  @Test
  void instantsBeyondFourDigitYearsAreRefused() {
    Theories.qt().forAll(Generate.longRange(253402300800L, Instant.MAX.getEpochSecond())
        .mix(Generate.longRange(Instant.MIN.getEpochSecond(), -62167219201L))).checkAssert(s -> {
          Instant t = Instant.ofEpochSecond(s);
          assertThatThrownBy(() -> packer.pack(t)).isInstanceOfSatisfying(PackerException.class,
              e -> assertThat(e.reason()).contains("years 0000 to 9999"));
        });
  }
}
