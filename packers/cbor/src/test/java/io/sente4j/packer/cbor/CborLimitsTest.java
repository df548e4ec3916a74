package io.sente4j.packer.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The limits at their edges on the forms the packer never writes, so that the conformance kit, which reads what the
 * packer writes, does not reach them: indefinite-length arrays, maps and sets count their items as they come.
 */
class CborLimitsTest {
  private final CborPacker packer = new CborPacker(PackerLimits.builder().maxCollectionSize(3).maxDepth(2).build());

  private Object read(String hex) {
    return packer.unpack(Payload.binary(Bytes.fromHex(hex.replace(" ", ""))));
  }

  private void failsAt(String hex, Limit limit, long offset) {
    assertThatThrownBy(() -> read(hex)).as(hex).isInstanceOfSatisfying(PackerLimitException.class, e -> {
      assertThat(e.limit()).isEqualTo(limit);
      assertThat(e.offset()).isEqualTo(offset);
    });
  }

  /**
   * An indefinite collection has no count up front, so it fails at the item one beyond the limit; the error named
   * the offset of the item before it (the last one read).
   */
  @Test
  void indefiniteCollectionsHoldAtTheSizeLimitAndFailAtTheItemOneBeyond() {
    assertThat(read("9f 01 02 03 ff")).isEqualTo(List.of(1L, 2L, 3L));
    failsAt("9f 01 02 03 04 ff", Limit.COLLECTION_SIZE, 4);
    failsAt("9f 01 02 9f ff 04 ff", Limit.COLLECTION_SIZE, 5);
    assertThat(read("bf 01 01 02 02 03 03 ff")).isEqualTo(Map.of(1L, 1L, 2L, 2L, 3L, 3L));
    failsAt("bf 01 01 02 02 03 03 04 04 ff", Limit.COLLECTION_SIZE, 7);
    assertThat(read("d90102 9f 01 02 03 ff")).isEqualTo(Set.of(1L, 2L, 3L));
    failsAt("d90102 9f 01 02 03 04 ff", Limit.COLLECTION_SIZE, 7);
    failsAt("84 01 02 03 04", Limit.COLLECTION_SIZE, 0);
    assertThat(read("5f 41 01 41 02 41 03 41 04 ff")).as("strings are not collections")
        .isEqualTo(Bytes.fromHex("01020304"));
  }

  @Test
  void indefiniteCollectionsCountTowardsTheDepthLimit() {
    assertThat(read("9f 9f ff ff")).isEqualTo(List.of(List.of()));
    failsAt("9f 9f 9f ff ff ff", Limit.DEPTH, 2);
    assertThat(read("bf 01 bf ff ff")).isEqualTo(Map.of(1L, Collections.emptyMap()));
    failsAt("bf 01 bf 02 bf ff ff ff", Limit.DEPTH, 4);
    failsAt("9f d90102 9f d90102 80 ff ff", Limit.DEPTH, 5);
  }
}
