package io.sente4j.packer.cbor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.sente4j.core.internal.Rfc3339;
import io.sente4j.spec.Theories;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** {@link Rfc3339} gives exactly what {@code java.time}'s ISO formatters give, on their text and on damaged text. */
class Rfc3339Test {
  private static final int[] NANO_STEPS = {1_000_000_000, 1_000_000, 1_000, 1};

  /** Instants in the years 0000 to 9999 with no fraction, or one of millisecond, microsecond or nanosecond grain. */
  private static Gen<Instant> instants() {
    return longs().between(CborValues.MIN_SECOND, CborValues.MAX_SECOND)
        .zip(integers().between(0, 999_999_999), integers().between(0, 3),
            (s, n, grain) -> Instant.ofEpochSecond(s, n / NANO_STEPS[grain] * NANO_STEPS[grain] % 1_000_000_000));
  }

  @Test
  void formatsAsIsoInstant() {
    Theories.qt().forAll(instants()).checkAssert(t ->
        assertThat(Rfc3339.format(t)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(t.atOffset(ZoneOffset.UTC))));
  }

  @Test
  void writesTheSameTextAsAsciiBytesWhereAsked() {
    Theories.qt().forAll(instants(), integers().between(0, 5)).checkAssert((t, at) -> {
      byte[] out = new byte[at + Rfc3339.MAX_LENGTH + 1];
      int length = Rfc3339.format(t, out, at);
      assertThat(new String(out, at, length, StandardCharsets.US_ASCII)).isEqualTo(Rfc3339.format(t));
      assertThat(out[at + length]).as("nothing written past the text").isZero();
    });
  }

  @Test
  void parsesWhatTheIsoFormatterParsesAtAnyOffset() {
    Theories.qt().forAll(instants(), integers().between(-18 * 60, 18 * 60)).checkAssert((t, offsetMinutes) -> {
      String text = t.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60))
          .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      assertThat(Rfc3339.parse(text)).as(text).isEqualTo(t);
    });
  }

  @Test
  void agreesWithTheIsoFormatterOnDamagedText() {
    String chars = "0123456789-+:.TZtz x";
    Theories.qt().forAll(instants(), integers().between(0, 40), integers().between(0, chars.length() - 1))
        .checkAssert((t, at, c) -> {
          String good = Rfc3339.format(t);
          String damaged = at >= good.length() ? good + chars.charAt(c)
              : good.substring(0, at) + chars.charAt(c) + good.substring(at + 1);
          assertSameOutcome(damaged);
        });
  }

  @Test
  void edgeCasesAgreeWithTheIsoFormatter() {
    for (String text : new String[] {"2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-01T24:00:00Z", "2026-01-01T23:59:60Z", "2026-01-01T00:00:00.Z", "2026-01-01T00:00:00.1234567890Z",
        "2026-01-01T00:00:00+18:00", "2026-01-01T00:00:00-18:00", "2026-01-01T00:00:00+18:01",
        "2026-01-01T00:00:00-00:00", "2026-01-01t00:00:00z", "2026-01-01T00:00Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z", "2026-01-01T00:00:00+05:30:15", "+2026-01-01T00:00:00Z", ""}) {
      assertSameOutcome(text);
    }
  }

  private static void assertSameOutcome(String text) {
    Instant expected;
    try {
      expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      assertThatThrownBy(() -> Rfc3339.parse(text)).as(text).isInstanceOf(DateTimeException.class);
      return;
    }
    assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
  }
}
