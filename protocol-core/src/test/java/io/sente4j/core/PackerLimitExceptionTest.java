package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.PackerLimitException.Limit;
import org.junit.jupiter.api.Test;

class PackerLimitExceptionTest {

  @Test
  void depthLimitInTextNamesLimitAndPosition() {
    PackerLimitException e = new PackerLimitException("edn", Limit.DEPTH, 128, 300, 3, 17);
    assertThat(e).hasMessage(
        "edn: nesting deeper than the limit of 128 (PackerLimits.maxDepth) at offset 300 (line 3, column 17)");
    assertThat(e.limit()).isEqualTo(Limit.DEPTH);
    assertThat(e.limitValue()).isEqualTo(128);
    assertThat(e.packer()).isEqualTo("edn");
    assertThat(e.reason()).isEqualTo("nesting deeper than the limit of 128 (PackerLimits.maxDepth)");
    assertThat(e.offset()).isEqualTo(300);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(17);
  }

  @Test
  void inputLimitInBinaryShowsByteOffset() {
    PackerLimitException e = new PackerLimitException("msgpack", Limit.INPUT_BYTES, 1024, 0);
    assertThat(e).hasMessage(
        "msgpack: input larger than the limit of 1024 bytes (PackerLimits.maxInputBytes) at offset 0");
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.column()).isEqualTo(-1);
  }

  @Test
  void collectionLimitWhilePackingHasNoPosition() {
    PackerLimitException e = new PackerLimitException("json", Limit.COLLECTION_SIZE, 100_000, -1);
    assertThat(e).hasMessage(
        "json: collection larger than the limit of 100000 elements (PackerLimits.maxCollectionSize)");
    assertThat(e.offset()).isEqualTo(-1);
  }

  @Test
  void isAPackerException() {
    assertThat(new PackerLimitException("edn", Limit.DEPTH, 1, -1)).isInstanceOf(PackerException.class);
  }
}
