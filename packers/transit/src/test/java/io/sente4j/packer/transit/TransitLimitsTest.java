package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Transit's own bounds at their edges, on forms the conformance kit does not write: the arrays Transit spends on a
 * level (quotes, cmaps, maps as arrays), a MessagePack header checked before anything is allocated, and the length
 * of number text.
 */
class TransitLimitsTest {
  private static final PackerLimits LIMITS = PackerLimits.builder().maxDepth(1).maxCollectionSize(3).build();
  private final TransitJsonPacker json = new TransitJsonPacker(LIMITS);
  private final TransitMsgpackPacker msgpack = new TransitMsgpackPacker(LIMITS);

  private PackerLimitException limit(Runnable read) {
    try {
      read.run();
    } catch (PackerLimitException e) {
      return e;
    }
    throw new AssertionError("read without a limit error");
  }

  /** Quotes do not count as depth; the arrays around them may nest 2 * maxDepth + 2 deep, here 4. */
  @Test
  void quotesNestToTwiceTheDepthLimitPlusTwoAndNoFurther() {
    String four = "[\"~#'\",[\"~#'\",[\"~#'\",[\"~#'\",1]]]]";
    assertThat(json.unpack(Payload.text(four))).isEqualTo(1L);
    String five = "[\"~#'\"," + four + "]";
    PackerLimitException e = limit(() -> json.unpack(Payload.text(five)));
    assertThat(e.limit()).isEqualTo(Limit.DEPTH);
    assertThat(e.offset()).isEqualTo(five.lastIndexOf("[\"~#'\""));
  }

  @Test
  void mapsWrittenAsArraysAndCmapsHoldAtTheSizeLimitAndFailOneBeyond() {
    assertThat(json.unpack(Payload.text("[\"^ \",\"a\",1,\"b\",2,\"c\",3]"))).isEqualTo(Map.of("a", 1L, "b", 2L,
        "c", 3L));
    assertThat(limit(() -> json.unpack(Payload.text("[\"^ \",\"a\",1,\"b\",2,\"c\",3,\"d\",4]"))).limit())
        .isEqualTo(Limit.COLLECTION_SIZE);
    assertThat(json.unpack(Payload.text("[\"~#cmap\",[1,1,2,2,3,3]]"))).isEqualTo(Map.of(1L, 1L, 2L, 2L, 3L, 3L));
    assertThat(limit(() -> json.unpack(Payload.text("[\"~#cmap\",[1,1,2,2,3,3,4,4]]"))).limit())
        .isEqualTo(Limit.COLLECTION_SIZE);
    assertThat(json.unpack(Payload.text("{\"a\":1,\"b\":2,\"c\":3}"))).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    assertThat(limit(() -> json.unpack(Payload.text("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}"))).limit())
        .isEqualTo(Limit.COLLECTION_SIZE);
  }

  /**
   * A MessagePack array header is refused before anything is read when it announces more than a map written as an
   * array can hold: its marker and twice maxCollectionSize items, here 7.
   */
  @Test
  void aMessagePackArrayHeaderIsCheckedAgainstTwiceTheSizeLimitPlusTheMarker() {
    // ["^ ", "a", 1, "b", 2, "c", 3]: seven items, read.
    assertThat(msgpack.unpack(Payload.binary(Bytes.fromHex("97a25e20a16101a16202a16303"))))
        .isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    // An eighth item announced: refused at the header, before the items (none follow) are looked at.
    PackerLimitException e = limit(() -> msgpack.unpack(Payload.binary(Bytes.fromHex("98a25e20"))));
    assertThat(e.limit()).isEqualTo(Limit.COLLECTION_SIZE);
    assertThat(e.offset()).isEqualTo(0);
    // A map header: three entries read, four refused at the header.
    assertThat(msgpack.unpack(Payload.binary(Bytes.fromHex("83a16101a16202a16303")))).isEqualTo(Map.of("a", 1L,
        "b", 2L, "c", 3L));
    assertThat(limit(() -> msgpack.unpack(Payload.binary(Bytes.fromHex("84a16101")))).offset()).isEqualTo(0);
  }

  @Test
  void numberTextHoldsAtAThousandCharactersAndFailsOneBeyond() {
    TransitJsonPacker p = new TransitJsonPacker();
    String thousand = "9".repeat(1000);
    assertThat(p.unpack(Payload.text("[\"~n" + thousand + "\"]"))).isEqualTo(List.of(new BigInteger(thousand)));
    assertThat(p.unpack(Payload.text("[\"~i-" + thousand.substring(1) + "\"]")))
        .isEqualTo(List.of(new BigInteger("-" + thousand.substring(1))));
    for (String tag : List.of("n", "i", "f", "d")) {
      assertThatThrownBy(() -> p.unpack(Payload.text("[\"~" + tag + thousand + "1\"]"))).as(tag)
          .isInstanceOfSatisfying(PackerException.class, e -> {
            assertThat(e.reason()).isEqualTo("a number of 1001 characters, longer than the 1000 allowed");
            assertThat(e.offset()).isEqualTo(1);
          });
    }
  }

  @Test
  void aKeywordMapKeyCountsOnceTowardsTheSize() {
    assertThat(json.unpack(Payload.text("[\"^ \",\"~:a\",1,\"~:b\",2,\"~:c\",3]")))
        .isEqualTo(Map.of(Keyword.of("a"), 1L, Keyword.of("b"), 2L, Keyword.of("c"), 3L));
  }
}
