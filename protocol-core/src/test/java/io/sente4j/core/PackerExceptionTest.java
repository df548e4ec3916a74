package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackerExceptionTest {

  @Test
  void textErrorNamesPackerReasonOffsetLineAndColumn() {
    PackerException e = new PackerException("edn", "unexpected ']'", 12, 2, 5);
    assertThat(e).hasMessage("edn: unexpected ']' at offset 12 (line 2, column 5)");
    assertThat(e.packer()).isEqualTo("edn");
    assertThat(e.reason()).isEqualTo("unexpected ']'");
    assertThat(e.offset()).isEqualTo(12);
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(5);
    assertThat(e).hasNoCause();
  }

  @Test
  void textErrorAtTheFirstCharacterShowsOffsetZero() {
    assertThat(new PackerException("json", "empty input", 0, 1, 1))
        .hasMessage("json: empty input at offset 0 (line 1, column 1)");
  }

  @Test
  void keepsTheCause() {
    IllegalStateException cause = new IllegalStateException("inner");
    PackerException e = new PackerException("transit", "bad cache ref", 3, 1, 4, cause);
    assertThat(e).hasCause(cause).hasMessage("transit: bad cache ref at offset 3 (line 1, column 4)");
  }

  @Test
  void binaryErrorShowsOffsetWithoutLine() {
    PackerException e = new PackerException("msgpack", "unknown ext type 42", 7);
    assertThat(e).hasMessage("msgpack: unknown ext type 42 at offset 7");
    assertThat(e.offset()).isEqualTo(7);
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.column()).isEqualTo(-1);
  }

  @Test
  void errorWithoutPositionShowsOnlyPackerAndReason() {
    PackerException e = new PackerException("msgpack", "cannot pack a java.math.BigDecimal");
    assertThat(e).hasMessage("msgpack: cannot pack a java.math.BigDecimal");
    assertThat(e.offset()).isEqualTo(-1);
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.column()).isEqualTo(-1);
  }

  @Test
  void largeOffsetsAreShownInFull() {
    assertThat(new PackerException("cbor", "truncated", 5_000_000_000L))
        .hasMessage("cbor: truncated at offset 5000000000");
  }

  @Test
  void isAnUncheckedSente4jException() {
    assertThat(new PackerException("edn", "x")).isInstanceOf(Sente4jException.class)
        .isInstanceOf(RuntimeException.class);
  }
}
