package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.Theories;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties over generated values, checked against {@link JsonDomain}, the domain written out independently of the
 * packer. Fixed seed ({@link Theories}), so every run checks the same examples.
 */
class JsonPropertiesTest {
  private final JsonPacker packer = new JsonPacker();

  /** Every kind of value, Tagged and NaN included, nested three deep. */
  private static Gen<Object> anyValue() {
    return DataModelGens.all().values();
  }

  /** Values the JSON packer accepts. */
  private static Gen<Object> jsonValues() {
    return DataModelGens.all().without(Kind.TAGGED, Kind.NON_FINITE_DOUBLE).values().assuming(JsonDomain::accepts);
  }

  @Test
  void roundTripGivesTheDocumentedNormalisation() {
    Theories.qt().forAll(jsonValues()).checkAssert(v ->
        assertThat(packer.unpack(packer.pack(v))).as("round trip of %s", v).isEqualTo(JsonDomain.normalise(v)));
  }

  @Test
  void packedTextIsExactlyTheDocumentedText() {
    Theories.qt().forAll(jsonValues()).checkAssert(v ->
        assertThat(packer.pack(v).asText()).as("text of %s", v).isEqualTo(JsonDomain.jsonText(v)));
  }

  @Test
  void packAcceptsExactlyTheDocumentedDomain() {
    Theories.qt().forAll(anyValue()).checkAssert(v -> {
      if (JsonDomain.accepts(v)) {
        assertThat(packer.pack(v).isText()).isTrue();
      } else {
        assertThatThrownBy(() -> packer.pack(v)).as("packing %s", v).isExactlyInstanceOf(PackerException.class);
      }
    });
  }

  @Test
  void doublesAreWrittenShortestAndReadBackBitForBit() {
    Gen<Double> bits = Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble)
        .assuming(Double::isFinite);
    Theories.qt(2000).forAll(DataModelGens.finiteDoubles().mix(bits)).checkAssert(d -> {
      String text = packer.pack(d).asText();
      assertThat(text).as("text of %s", d).isEqualTo(JsonDomain.doubleText(d));
      Object back = packer.unpack(Payload.text(text));
      assertThat(back).isInstanceOf(Double.class);
      assertThat(Double.doubleToRawLongBits((Double) back)).isEqualTo(Double.doubleToRawLongBits(d));
    });
  }

  @Test
  void textAndUtf8BytesReadTheSame() {
    Theories.qt().forAll(jsonValues()).checkAssert(v -> {
      String text = packer.pack(v).asText();
      Payload bytes = Payload.binary(Bytes.wrap(text.getBytes(StandardCharsets.UTF_8)));
      assertThat(packer.unpack(bytes)).isEqualTo(packer.unpack(Payload.text(text)));
    });
  }

  @Test
  void stringsOfAnyUnicodeTextRoundTripExactly() {
    Theories.qt(1000).forAll(DataModelGens.strings()).checkAssert(s ->
        assertThat(packer.unpack(packer.pack(s))).isEqualTo(s));
  }
}
