package io.sente4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadTest {

  @Test
  void integersNarrowAtTheirEdges() {
    assertThat(Read.int32(2147483647L)).isEqualTo(Integer.MAX_VALUE);
    assertThat(Read.int32(-2147483648L)).isEqualTo(Integer.MIN_VALUE);
    assertThatThrownBy(() -> Read.int32(-2147483649L)).isInstanceOf(CodecException.class);
    assertThat(Read.int16(32767L)).isEqualTo(Short.MAX_VALUE);
    assertThatThrownBy(() -> Read.int16(32768L)).hasMessage("32768 is out of range for short (-32768..32767)");
    assertThat(Read.int8(-128L)).isEqualTo(Byte.MIN_VALUE);
    assertThat(Read.int64(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo(Long.MIN_VALUE);
    assertThat(Read.int64(7)).isEqualTo(7L);
    assertThatThrownBy(() -> Read.int64(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
        .hasMessage("-9223372036854775809 is out of range for long");
  }

  /**
   * A number of a few megabits (no packer reads one, but a codec can be handed one) took seconds: its text was made
   * for the message, and BigDecimal.doubleValue makes it too.
   */
  @Test
  void numbersOfMillionsOfBitsAreRefusedBySizeWithoutPrintingThem() {
    BigInteger huge = BigInteger.ONE.shiftLeft(4_000_000);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      assertThatThrownBy(() -> Read.int64(huge)).isInstanceOf(CodecException.class)
          .hasMessage("<BigInteger of 4000001 bits> is out of range for long");
      assertThatThrownBy(() -> Read.int32(huge)).hasMessage("<BigInteger of 4000001 bits> is out of range for long");
      assertThatThrownBy(() -> Read.float64(huge))
          .hasMessage("<BigInteger of 4000001 bits> is out of range for double");
      assertThatThrownBy(() -> Read.float32(new BigDecimal(huge, 1_204_000))).isInstanceOf(CodecException.class)
          .hasMessage("<BigDecimal of 4000001 bits, scale 1204000> has more than the 1000 digits a packer reads, too"
              + " many to convert to double");
      assertThatThrownBy(() -> Read.bigInteger(new BigDecimal(huge, -1))).isInstanceOf(CodecException.class)
          .hasMessage("expected an integer, got BigDecimal <BigDecimal of 4000001 bits, scale -1>");
    });
  }

  /** Huge exponents cost nothing: the text of 1E+999999999 is short, and its double is found from it. */
  @Test
  void decimalsWithHugeExponentsConvertOrAreRefusedAsOutOfRange() {
    assertThatThrownBy(() -> Read.float64(new BigDecimal("1E999999999")))
        .hasMessage("1E+999999999 is out of range for double");
    assertThatThrownBy(() -> Read.float64(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE)))
        .hasMessage("1E+2147483648 is out of range for double");
    assertThat(Read.float64(new BigDecimal("1E-999999999"))).isEqualTo(0.0);
    assertThat(Read.bigDecimal(new BigDecimal("1E999999999"))).isEqualTo(new BigDecimal("1E999999999"));
    assertThatThrownBy(() -> Read.int64(new BigDecimal("1E999999999")))
        .hasMessage("expected an integer, got BigDecimal 1E+999999999");
    assertThatThrownBy(() -> Read.float64(new BigDecimal(BigInteger.TEN.pow(999), -10)))
        .hasMessage("1." + "0".repeat(58) + "... is out of range for double");
  }

  @Test
  void floatsAndDecimals() {
    assertThat(Read.float32((double) Float.MAX_VALUE)).isEqualTo(Float.MAX_VALUE);
    assertThat(Read.float32(Double.NaN)).isNaN();
    assertThat(Read.float64(3L)).isEqualTo(3.0);
    assertThatThrownBy(() -> Read.float64(new BigDecimal("1e400"))).hasMessage("1E+400 is out of range for double");
    assertThat(Read.bigDecimal(0.1)).isEqualTo(new BigDecimal("0.1"));
    assertThatThrownBy(() -> Read.bigDecimal(Double.POSITIVE_INFINITY))
        .hasMessage("expected a finite decimal, got Double Infinity");
    assertThat(Read.bigInteger(5L)).isEqualTo(BigInteger.valueOf(5));
    assertThatThrownBy(() -> Read.bigInteger(5.0)).hasMessage("expected an integer, got Double 5.0");
  }

  @Test
  void textFormsOfTheTaggedTypes() {
    assertThat(Read.instant("2026-01-01T00:00:00Z")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThatThrownBy(() -> Read.instant("yesterday"))
        .hasMessage("expected an instant (ISO-8601, such as 2026-01-01T00:00:00Z), got String yesterday");
    UUID id = UUID.randomUUID();
    assertThat(Read.uuid(id.toString())).isEqualTo(id);
    assertThatThrownBy(() -> Read.uuid("1-1-1-1-1")).hasMessage("expected a UUID, got String 1-1-1-1-1");
    assertThat(Read.bytes("AAE=")).isEqualTo(Bytes.fromHex("0001"));
    assertThat(Read.bytes(new byte[] {1})).isEqualTo(Bytes.fromHex("01"));
    assertThatThrownBy(() -> Read.bytes("*")).hasMessage("expected bytes (base64 text), got String *");
    assertThat(Read.keyword(":a/b")).isEqualTo(Keyword.of("a", "b"));
    assertThatThrownBy(() -> Read.keyword("a b")).hasMessage("expected a keyword, got String a b");
    assertThat(Read.character("x")).isEqualTo('x');
    assertThatThrownBy(() -> Read.character("xy")).hasMessage("expected a character, got String xy");
  }

  @Test
  void mapKeysReadFromJsonStrings() {
    assertThat(Read.int64Key("-5")).isEqualTo(-5L);
    assertThat(Read.int32Key(5L)).isEqualTo(5);
    assertThatThrownBy(() -> Read.int8Key("300")).hasMessage("300 is out of range for byte (-128..127)");
    assertThatThrownBy(() -> Read.int64Key("five")).hasMessage("expected an integer key, got String five");
  }

  @Test
  void fieldsAreFoundUnderKeywordsOrTheirNames() {
    Keyword room = Keyword.of("room");
    assertThat(Read.required(Map.of(room, "a"), room)).isEqualTo("a");
    assertThat(Read.required(Map.of("room", "b"), room)).isEqualTo("b");
    assertThatThrownBy(() -> Read.required(Map.of(), room)).hasMessage("missing");
    assertThat(Read.optional(Map.of(), room)).isNull();
  }

  @Test
  void collectionsNameTheElementAtFault() {
    assertThatThrownBy(() -> ReadCollections.list(List.of("a", 1L), Read::string))
        .hasMessage("field [1]: expected a string, got Long 1");
    assertThatThrownBy(() -> ReadCollections.map(Map.of("a", "b", "c", 1L), Read::string, Read::string))
        .isInstanceOf(CodecException.class).hasMessageContaining("expected a string, got Long 1");
    assertThatThrownBy(() -> ReadCollections.map(Map.of(Keyword.of("a"), 1L, "a", 2L), Read::keyword, Read::int64))
        .hasMessageContaining("two keys read as Keyword :a");
    assertThatThrownBy(() -> ReadCollections.list(Map.of(), Read::string)).hasMessage("expected a list, got "
        + "EmptyMap {}".replace("EmptyMap", Map.of().getClass().getSimpleName()));
  }

  @Test
  void codecExceptionsBuildTheirPathFromTheInside() {
    CodecException e = CodecException.of("missing").inField("y").atIndex(2).inField("path")
        .forEvent(Keyword.of("draw", "line"));
    assertThat(e).hasMessage("event :draw/line, field path[2].y: missing");
    assertThat(e.path()).isEqualTo("path[2].y");
    assertThat(CodecException.describe(null)).isEqualTo("nil");
  }
}
