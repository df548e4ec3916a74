package io.sente4j.packer.cbor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import io.sente4j.core.internal.IdentifierTable;
import io.sente4j.packer.cbor.CborPacker;
import org.junit.jupiter.api.Test;

/** Identifiers read again come from the table, up to its length bound; longer ones are read afresh each time. */
class RepeatedIdentifiersTest {
  private final CborPacker cbor = new CborPacker();

  private Object readTwiceAndCompare(Object identifier, boolean sameInstance) {
    Object first = cbor.unpack(cbor.pack(identifier));
    Object second = cbor.unpack(cbor.pack(identifier));
    assertThat(first).isEqualTo(identifier).isEqualTo(second);
    if (sameInstance) {
      assertThat(second).isSameAs(first);
    } else {
      assertThat(second).isNotSameAs(first);
    }
    return first;
  }

  @Test
  void aNameAtTheBoundIsRememberedAndOneByteLongerIsNot() {
    // A keyword is written ":name": the colon counts.
    String atBound = "k".repeat(IdentifierTable.MAX_BYTES - 1);
    readTwiceAndCompare(Keyword.of(atBound), true);
    readTwiceAndCompare(Keyword.of(atBound + "k"), false);
  }

  @Test
  void aKeywordAndASymbolOfTheSameNameStayApart() {
    assertThat(readTwiceAndCompare(Keyword.of("my-app/x"), true)).isInstanceOf(Keyword.class);
    assertThat(readTwiceAndCompare(Symbol.of("my-app/x"), true)).isInstanceOf(Symbol.class);
  }
}
