package io.sente4j.packer.msgpack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.internal.IdentifierTable;
import io.sente4j.packer.msgpack.MsgpackPacker;
import org.junit.jupiter.api.Test;

/** Keywords and symbols read again come from the table, up to its length bound; longer ones are read afresh. */
class RepeatedNamesTest {
  private final MsgpackPacker msgpack = new MsgpackPacker();

  private Object readTwiceAndCompare(Object name, boolean sameInstance) {
    Object first = msgpack.unpack(msgpack.pack(name));
    Object second = msgpack.unpack(msgpack.pack(name));
    assertThat(first).isEqualTo(name).isEqualTo(second);
    if (sameInstance) {
      assertThat(second).isSameAs(first);
    } else {
      assertThat(second).isNotSameAs(first);
    }
    return first;
  }

  @Test
  void aNameAtTheBoundIsRememberedAndOneByteLongerIsNot() {
    String atBound = "k".repeat(IdentifierTable.MAX_BYTES);
    readTwiceAndCompare(Keyword.of(atBound), true);
    readTwiceAndCompare(Keyword.of(atBound + "k"), false);
    readTwiceAndCompare(Symbol.of("ns/" + "s".repeat(IdentifierTable.MAX_BYTES - 3)), true);
  }

  @Test
  void aKeywordAndASymbolOfTheSameTextStayApart() {
    // Both are written as the bytes "my-app/x", under extension 0 and 1.
    assertThat(readTwiceAndCompare(Keyword.of("my-app/x"), true)).isInstanceOf(Keyword.class);
    assertThat(readTwiceAndCompare(Symbol.of("my-app/x"), true)).isInstanceOf(Symbol.class);
    assertThat(readTwiceAndCompare(Keyword.of("my-app/x"), true)).isInstanceOf(Keyword.class);
  }

  @Test
  void aNonAsciiNameIsRememberedByItsBytes() {
    readTwiceAndCompare(Keyword.of("caf\u00e9/\u00e9t\u00e9"), true);
  }
}
