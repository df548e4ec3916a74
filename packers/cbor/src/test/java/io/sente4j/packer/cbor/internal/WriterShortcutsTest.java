package io.sente4j.packer.cbor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.packer.cbor.CborPacker;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The bytes the writer copies or formats itself rather than having Jackson encode them (identifiers from {@link
 * IdentifierEncodings}, instants formatted in place) are the bytes of RFC 8949's definite text string under the tag,
 * spelled out here from the text alone; names past the table's bound still come out the same.
 */
class WriterShortcutsTest {
  private final CborPacker cbor = new CborPacker();

  private String packed(Object value) {
    return cbor.pack(value).asBytes().toHex();
  }

  /** The tag's head, then the text as a definite text string with its shortest head. */
  private static String tagged(String tagHead, String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    String head = utf8.length < 24 ? String.format("%02x", 0x60 + utf8.length)
        : utf8.length < 256 ? String.format("78%02x", utf8.length) : String.format("79%04x", utf8.length);
    return tagHead + head + HexFormat.of().formatHex(utf8);
  }

  @Test
  void identifiersAreTag39AroundTheirTextAtEveryLength() {
    for (int length : new int[] {1, 22, 23, 24, IdentifierEncodings.MAX_BYTES - 1, IdentifierEncodings.MAX_BYTES,
        IdentifierEncodings.MAX_BYTES + 1, 300}) {
      String name = "k".repeat(length);
      for (int round = 0; round < 2; round++) { // written afresh, then copied from the table
        assertThat(packed(Keyword.of(name))).as("keyword of %d", length).isEqualTo(tagged("d827", ":" + name));
        assertThat(packed(Symbol.of(name))).as("symbol of %d", length).isEqualTo(tagged("d827", name));
      }
    }
    assertThat(packed(Keyword.of("caf\u00e9/\u00e9t\u00e9"))).isEqualTo(tagged("d827", ":caf\u00e9/\u00e9t\u00e9"));
  }

  /**
   * Past about 4,000 characters Jackson writes a text string as indefinite-length chunks; PROTOCOL.md §3.6 promises
   * definite lengths, so identifiers and tagged-value names too are written with theirs at any length.
   */
  @Test
  void longIdentifiersAndTagNamesKeepTheirDefiniteLength() {
    for (String unit : new String[] {"k", "\u00e9", "\u4e2d"}) {
      for (int length : new int[] {1_999, 2_000, 2_001, 4_000, 5_000, 20_000}) {
        String name = unit.repeat(length);
        assertThat(packed(Keyword.of(name))).as("keyword of %d × %s", length, unit)
            .isEqualTo(tagged("d827", ":" + name));
        assertThat(packed(Symbol.of(name))).as("symbol of %d × %s", length, unit).isEqualTo(tagged("d827", name));
        assertThat(cbor.unpack(cbor.pack(Keyword.of(name)))).isEqualTo(Keyword.of(name));
        // a tagged value: tag 27 around [name value]
        assertThat(packed(new Tagged(Symbol.of(name), 1L))).isEqualTo("d81b82" + tagged("", name) + "01");
      }
    }
  }

  @Test
  void aKeywordAndASymbolOfTheSameNameStayApart() {
    assertThat(packed(Keyword.of("a/b"))).isEqualTo(tagged("d827", ":a/b"));
    assertThat(packed(Symbol.of("a/b"))).isEqualTo(tagged("d827", "a/b"));
    assertThat(packed(Keyword.of("a/b"))).isEqualTo(tagged("d827", ":a/b"));
  }

  @Test
  void instantsAreTag0AroundTheIsoTextAtEveryPrecision() {
    Instant second = Instant.parse("2026-11-28T09:00:00Z");
    for (Instant t : new Instant[] {second, second.plusMillis(1500), second.plusNanos(1_000), second.plusNanos(7),
        Instant.ofEpochSecond(CborValues.MIN_SECOND), Instant.ofEpochSecond(CborValues.MAX_SECOND, 999_999_999)}) {
      String iso = DateTimeFormatter.ISO_INSTANT.format(t.atOffset(ZoneOffset.UTC));
      assertThat(packed(t)).as(iso).isEqualTo(tagged("c0", iso));
      assertThat(cbor.unpack(cbor.pack(t))).isEqualTo(t);
    }
  }
}
