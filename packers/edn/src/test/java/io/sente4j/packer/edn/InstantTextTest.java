package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sente4j.spec.Theories;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@code #inst} text against java.time over the whole range the writer carries, years 0000 to 9999. */
class InstantTextTest {
  private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
  private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS");
  private static final DateTimeFormatter NANOS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

  @Test
  void writesWhatJavaTimeFormats() {
    Theories.qt().forAll(longs().between(MIN, MAX), integers().between(0, 999_999_999), integers().between(0, 1))
        .checkAssert((second, nano, whole) -> {
          Instant i = Instant.ofEpochSecond(second, whole == 1 ? nano / 1_000_000 * 1_000_000 : nano);
          DateTimeFormatter f = i.getNano() % 1_000_000 == 0 ? MILLIS : NANOS;
          String expected = "#inst \"" + f.format(i.atOffset(ZoneOffset.UTC)) + "-00:00\"";
          assertThat(Edn.write(i)).isEqualTo(expected);
          assertThat(Edn.read(expected)).isEqualTo(i);
        });
  }

  @Test
  void readsAnyOffsetAsJavaTimeDoes() {
    Theories.qt().forAll(longs().between(MIN + 86_400, MAX - 86_400), integers().between(0, 999_999_999),
        integers().between(-18 * 60 + 1, 18 * 60 - 1)).checkAssert((second, nano, offsetMinutes) -> {
          ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
          OffsetDateTime t = Instant.ofEpochSecond(second, nano).atOffset(offset);
          String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
          assertThat(Edn.read("#inst \"" + text + "\"")).as(text).isEqualTo(t.toInstant());
        });
  }

  @Test
  void acceptsLowerCaseTAndZAndMinusZeroOffsets() {
    Instant i = Instant.parse("2024-05-06T07:08:09.01Z");
    assertThat(Edn.read("#inst \"2024-05-06t07:08:09.01z\"")).isEqualTo(i);
    assertThat(Edn.read("#inst \"2024-05-06T07:08:09.010-00:00\"")).isEqualTo(i);
    assertThat(Edn.read("#inst \"2024-05-06T07:08:09.010+00:00\"")).isEqualTo(i);
    assertThat(Edn.read("#inst \"2024-05-06T07:08:09.1Z\"")).isEqualTo(Instant.parse("2024-05-06T07:08:09.1Z"));
  }

  @Test
  void readsTheEdgesOfTheRange() {
    assertThat(Edn.read("#inst \"0000-01-01T00:00:00Z\"")).isEqualTo(Instant.ofEpochSecond(MIN));
    assertThat(Edn.read("#inst \"9999-12-31T23:59:59.999999999Z\"")).isEqualTo(Instant.ofEpochSecond(MAX, 999_999_999));
    assertThat(Edn.read("#inst \"0000-01-01T00:00:00-01:00\"")).isEqualTo(Instant.ofEpochSecond(MIN + 3600));
    assertThat(Edn.read("#inst \"2000-02-29\"")).isEqualTo(Instant.parse("2000-02-29T00:00:00Z"));
    assertThat(Edn.read("#inst \"1582-10-10\"")).isEqualTo(Instant.parse("1582-10-10T00:00:00Z"));
  }
}
