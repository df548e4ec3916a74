package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Each {@link PackerLimits} limit at its edge: the limit itself passes, one more fails with its limit named. */
class EdnLimitsTest {

  private static EdnPacker packer(PackerLimits.Builder limits) {
    return new EdnPacker(limits.build());
  }

  private static Object read(EdnPacker packer, String edn) {
    return packer.unpack(Payload.text(edn));
  }

  private static PackerLimitException assertLimit(ThrowingCallable call, Limit limit) {
    PackerLimitException[] caught = new PackerLimitException[1];
    assertThatThrownBy(call).isInstanceOfSatisfying(PackerLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo(limit);
      caught[0] = e;
    });
    return caught[0];
  }

  @Test
  void depthAtTheLimitReadsAndOneMoreFailsWhereItOpens() {
    EdnPacker p = packer(PackerLimits.builder().maxDepth(3));
    assertThat(read(p, "[{:a #{1}}]")).isNotNull();
    assertThat(read(p, "(#my/tag [1])")).isNotNull();
    PackerLimitException e = assertLimit(() -> read(p, "[{:a #{[1]}}]"), Limit.DEPTH);
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(8);
    assertThat(e.limitValue()).isEqualTo(3);
    assertThat(e.getMessage()).isEqualTo("edn: nesting deeper than the limit of 3 (PackerLimits.maxDepth)"
        + " at offset 7 (line 1, column 8)");
    assertLimit(() -> read(p, "#a/b #c/d #e/f #g/h 1"), Limit.DEPTH);
  }

  @Test
  void depthCountsTheOutermostCollectionAsOne() {
    EdnPacker p = packer(PackerLimits.builder().maxDepth(1));
    assertThat(read(p, "[1 2]")).isEqualTo(List.of(1L, 2L));
    assertThat(read(p, "42")).isEqualTo(42L);
    assertLimit(() -> read(p, "[[]]"), Limit.DEPTH);
    assertLimit(() -> p.pack(List.of(List.of())), Limit.DEPTH);
    assertThat(p.pack(List.of(1L)).asText()).isEqualTo("[1]");
  }

  @Test
  void builtInTagsAndDiscardsAreNotNesting() {
    EdnPacker p = packer(PackerLimits.builder().maxDepth(1));
    assertThat(read(p, "[#inst \"2024\" #uuid \"5a2cbea3-e8c6-428b-b525-21239370dd55\" #sente4j/bytes \"\"]"))
        .asList().hasSize(3);
    assertThat(p.pack(List.of(Instant.EPOCH, Bytes.EMPTY)).asText()).startsWith("[#inst");
    assertThat(read(p, "[#_ 1 2]")).isEqualTo(List.of(2L));
    assertLimit(() -> read(p, "[#_ [1] 2]"), Limit.DEPTH);
  }

  /** At most maxDepth discards and built-in tags may be open at once: the limit reads, one more fails where opened. */
  @Test
  void openDiscardsAndBuiltInTagsHoldAtTheDepthLimitAndFailOneBeyond() {
    EdnPacker p = packer(PackerLimits.builder().maxDepth(3));
    assertThat(read(p, "#_ #_ #_ 1 2 3 4")).isEqualTo(4L);
    assertThat(assertLimit(() -> read(p, "#_ #_ #_ #_ 1 2 3 4 5"), Limit.DEPTH).offset()).isEqualTo(9);
    assertThat(read(p, "#_ #_ #inst \"2024\" 1 2")).isEqualTo(2L);
    assertThat(assertLimit(() -> read(p, "#_ #_ #_ #inst \"2024\" 1 2 3"), Limit.DEPTH).offset()).isEqualTo(9);
    assertThat(read(p, "[[[#_ #_ #_ 1 2 3 4]]]")).isEqualTo(List.of(List.of(List.of(4L))));
  }

  /** A number literal of 1000 characters, suffix included, reads; 1001 is refused (EdnRejectionTest). */
  @Test
  void aNumberLiteralOfAThousandCharactersReads() {
    EdnPacker p = new EdnPacker();
    String digits = "9".repeat(999);
    assertThat(read(p, digits + "N")).isEqualTo(new java.math.BigInteger(digits));
    assertThat(read(p, "-" + digits)).isEqualTo(new java.math.BigInteger("-" + digits));
    assertThat(read(p, "1." + "5".repeat(997) + "M")).isEqualTo(new java.math.BigDecimal("1." + "5".repeat(997)));
    assertThatThrownBy(() -> read(p, "-" + digits + "N")).isInstanceOf(io.sente4j.core.PackerException.class)
        .hasMessageContaining("number literal of 1001 characters");
  }

  @Test
  void hostileNestingFailsCleanly() {
    EdnPacker p = new EdnPacker();
    assertLimit(() -> read(p, "[".repeat(100_000)), Limit.DEPTH);
    assertLimit(() -> read(p, "{:a ".repeat(100_000)), Limit.DEPTH);
    assertLimit(() -> read(p, "#a/b ".repeat(100_000) + "1"), Limit.DEPTH);
    assertLimit(() -> read(p, "#_ ".repeat(100_000) + "1"), Limit.DEPTH);
    assertLimit(() -> read(p, "#inst ".repeat(100_000) + "\"2024\""), Limit.DEPTH);
    assertThat(read(p, "#_ ".repeat(128) + "1 ".repeat(128) + "2")).isEqualTo(2L);
  }

  @Test
  void packingACycleFailsWithTheDepthLimit() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertLimit(() -> new EdnPacker().pack(cyclic), Limit.DEPTH);
    Map<Object, Object> map = new java.util.HashMap<>();
    map.put("self", map);
    assertLimit(() -> new EdnPacker().pack(map), Limit.DEPTH);
  }

  @Test
  void inputBytesAtTheLimitReadAndOneMoreFails() {
    EdnPacker p = packer(PackerLimits.builder().maxInputBytes(10));
    assertThat(read(p, "\"12345678\"")).isEqualTo("12345678");
    assertLimit(() -> read(p, "\"123456789\""), Limit.INPUT_BYTES);
    // \u00e9 is two UTF-8 bytes: 2 quotes + 4 x 2 = 10 bytes in 6 chars
    assertThat(read(p, "\"\u00e9\u00e9\u00e9\u00e9\"")).isEqualTo("\u00e9\u00e9\u00e9\u00e9");
    PackerLimitException e = assertLimit(() -> read(p, "\"\u00e9\u00e9\u00e9\u00e9x\""), Limit.INPUT_BYTES);
    assertThat(e.getMessage()).isEqualTo("edn: input larger than the limit of 10 bytes (PackerLimits.maxInputBytes)");
    // \u2603 is three bytes, an astral pair four: 2 + 3 + 4 = 9 bytes, then 2 + 3 x 3 = 11
    assertThat(read(p, "\"\u2603\ud834\udd1e\"")).isEqualTo("\u2603\ud834\udd1e");
    assertLimit(() -> read(p, "\"\u2603\u2603\u2603\""), Limit.INPUT_BYTES);
  }

  @Test
  void binaryInputBytesAtTheLimitReadAndOneMoreFails() {
    EdnPacker p = packer(PackerLimits.builder().maxInputBytes(10));
    byte[] ten = "\"\u00e9\u00e9\u00e9\u00e9\"".getBytes(StandardCharsets.UTF_8);
    assertThat(p.unpack(Payload.binary(Bytes.wrap(ten)))).isEqualTo("\u00e9\u00e9\u00e9\u00e9");
    byte[] eleven = "[1 2 3 4 5]".getBytes(StandardCharsets.UTF_8);
    assertLimit(() -> p.unpack(Payload.binary(Bytes.wrap(eleven))), Limit.INPUT_BYTES);
  }

  @Test
  void collectionSizeAtTheLimitReadsAndOneMoreFails() {
    EdnPacker p = packer(PackerLimits.builder().maxCollectionSize(3));
    assertThat(read(p, "[1 2 3]")).asList().hasSize(3);
    assertThat(read(p, "(1 2 3)")).asList().hasSize(3);
    assertThat(read(p, "#{1 2 3}")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.ITERABLE)
        .hasSize(3);
    assertThat(read(p, "{1 1, 2 2, 3 3}")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .hasSize(3);
    PackerLimitException e = assertLimit(() -> read(p, "[1 2 3 4]"), Limit.COLLECTION_SIZE);
    assertThat(e.offset()).isEqualTo(7);
    assertLimit(() -> read(p, "(1 2 3 4)"), Limit.COLLECTION_SIZE);
    assertLimit(() -> read(p, "#{1 2 3 4}"), Limit.COLLECTION_SIZE);
    assertThat(assertLimit(() -> read(p, "{1 1, 2 2, 3 3, 4 4}"), Limit.COLLECTION_SIZE).offset()).isEqualTo(16);
    assertThat(read(p, "[1 2 3 #_ 4]")).asList().hasSize(3);
  }

  @Test
  void aZeroCollectionSizeAllowsOnlyEmptyCollections() {
    EdnPacker p = packer(PackerLimits.builder().maxCollectionSize(0));
    for (String empty : List.of("[]", "()", "{}", "#{}", "#a/b []")) {
      assertThat(read(p, empty)).isNotNull();
    }
    assertLimit(() -> read(p, "[[]]"), Limit.COLLECTION_SIZE);
  }
}
