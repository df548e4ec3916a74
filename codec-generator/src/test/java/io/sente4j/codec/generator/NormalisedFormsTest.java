package io.sente4j.codec.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.codec.generator.fixtures.Everything;
import io.sente4j.codec.generator.fixtures.EverythingCodecs;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decoding reads the normalised forms a lossy packer delivers (PROTOCOL.md §3.3.4): string keys, strings for
 * keywords, enums, instants, UUIDs and bytes, lists for sets, {@code Long} for small {@code BigInteger}s, doubles for
 * decimals, and map keys as strings.
 */
class NormalisedFormsTest {
  private static final UUID ID = UUID.fromString("8f0e4d6a-3c1b-4f7e-9a2d-5b6c7d8e9f01");
  private static final Instant AT = Instant.parse("2026-11-28T09:00:00.250Z");

  @Test
  void jsonFormsOfEveryScalarDecode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("text", "hi");
    json.put("big", 7L);
    json.put("decimal", 1.5);
    json.put("at", "2026-11-28T09:00:00.250Z");
    json.put("id", ID.toString());
    json.put("bytes", "AQID");
    json.put("raw", "BAU=");
    json.put("kind", "q/thing");
    json.put("colour", "dark-green");
    Everything.Scalars s = EverythingCodecs.SCALARS.decode(json);
    assertThat(s.text()).isEqualTo("hi");
    assertThat(s.big()).isEqualTo(BigInteger.valueOf(7));
    assertThat(s.decimal()).isEqualTo(new BigDecimal("1.5"));
    assertThat(s.at()).isEqualTo(AT);
    assertThat(s.id()).isEqualTo(ID);
    assertThat(s.bytes()).isEqualTo(Bytes.fromHex("010203"));
    assertThat(s.raw()).containsExactly(4, 5);
    assertThat(s.kind()).isEqualTo(Keyword.of("q", "thing"));
    assertThat(s.colour()).isEqualTo(Everything.Colour.DARK_GREEN);
  }

  @Test
  void jsonFormsOfCollectionsAndKeysDecode() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("tags", List.of("a"));
    json.put("numbers", List.of(1L, 2L));
    json.put("scores", Map.of("bob", 3L));
    json.put("by-keyword", Map.of("x/y", "red"));
    json.put("seen", Map.of(ID.toString(), "2026-11-28T09:00:00.250Z"));
    json.put("by-colour", Map.of("light-blue", List.of(4L)));
    json.put("by-number", Map.of("-12", "minus twelve"));
    json.put("gaps", java.util.Arrays.asList(1L, null));
    json.put("path", List.of(Map.of("x", 1L, "y", 2L)));
    json.put("shapes", Map.of());
    Everything.Nested n = EverythingCodecs.NESTED.decode(json);
    assertThat(n.numbers()).isEqualTo(Set.of(1L, 2L));
    assertThat(n.byKeyword()).isEqualTo(Map.of(Keyword.of("x", "y"), Everything.Colour.RED));
    assertThat(n.seen()).isEqualTo(Map.of(ID, AT));
    assertThat(n.byColour()).isEqualTo(Map.of(Everything.Colour.light_blue, List.of((short) 4)));
    assertThat(n.byNumber()).isEqualTo(Map.of(-12L, "minus twelve"));
    assertThat(n.gaps()).containsExactly(Optional.of(1), Optional.empty());
    assertThat(n.path()).containsExactly(new Everything.Point(1, 2));
    assertThat(n.note()).isEmpty();
    assertThat(n.where()).isEmpty();
  }

  @Test
  void throughTheJsonPackerEveryRecordComesBackButDecimalsAsTheNearestDouble() {
    Packer json = PackerRegistry.load().get("json");
    Everything.Scalars s = new Everything.Scalars("hi", BigInteger.ONE.shiftLeft(80), new BigDecimal("1.50"), AT, ID,
        Bytes.fromHex("00ff"), new byte[] {1, 2}, Keyword.of("k"), Everything.Colour.RED);
    Everything.Scalars back = EverythingCodecs.SCALARS.decode(json.unpack(json.pack(EverythingCodecs.SCALARS.encode(
        s))));
    assertThat(back).usingRecursiveComparison().ignoringFields("decimal").isEqualTo(s);
    assertThat(back.decimal()).isEqualByComparingTo("1.5");
  }

  @Test
  void emptyOptionalsAreLeftOutAndPresentOnesWritten() {
    Everything.Nested n = DecodeErrorsTest.emptyNested();
    assertThat(EverythingCodecs.NESTED.encode(n)).doesNotContainKeys(Keyword.of("note"), Keyword.of("where"));
    Everything.Nested withNote = new Everything.Nested(List.of(), Set.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Map.of(), Optional.of("n"), Optional.of(new Everything.Point(1, 2)), List.of(Optional.empty()), List.of(),
        Map.of());
    Map<Keyword, Object> data = EverythingCodecs.NESTED.encode(withNote);
    assertThat(data).containsEntry(Keyword.of("note"), "n")
        .containsEntry(Keyword.of("where"), Map.of(Keyword.of("x"), 1L, Keyword.of("y"), 2L));
    assertThat(data.get(Keyword.of("gaps"))).isEqualTo(java.util.Collections.singletonList(null));
  }

  @Test
  void primitivesAreWrittenAsTheDataModelsLongsAndDoubles() {
    Map<Keyword, Object> data = EverythingCodecs.PRIMITIVES.encode(DecodeErrorsTest.primitives());
    assertThat(data.keySet()).extracting(Keyword::name).containsExactly("a-boolean", "a-byte", "a-short", "an-int",
        "a-long", "a-float", "a-double", "a-char");
    assertThat(data.values()).containsExactly(true, 1L, 2L, 3L, 4L, 5.5, 6.25, 'c');
  }
}
