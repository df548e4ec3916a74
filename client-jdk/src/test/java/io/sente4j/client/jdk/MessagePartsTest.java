package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Payload;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Joining a message's parts up to the limit, at the limit and one byte over. */
class MessagePartsTest {

  @Test
  void textPartsJoinUpToTheLimitCountedInUtf8Bytes() {
    MessageParts parts = new MessageParts(6);
    assertThat(parts.text("éé", false)).isNull();
    assertThat(parts.text("ab", true)).isEqualTo(Payload.text("ééab"));
    assertThat(parts.takeOverflow()).isEqualTo(-1);
  }

  @Test
  void textOneByteOverIsDroppedOnceAndTheNextMessageIsWhole() {
    MessageParts parts = new MessageParts(6);
    assertThat(parts.text("ééé", false)).isNull();
    assertThat(parts.takeOverflow()).isEqualTo(-1);
    assertThat(parts.text("a", false)).isNull();
    assertThat(parts.takeOverflow()).isEqualTo(7);
    assertThat(parts.text("more", true)).isNull();
    assertThat(parts.takeOverflow()).isEqualTo(-1);
    assertThat(parts.text("next", true)).isEqualTo(Payload.text("next"));
  }

  @Test
  void binaryAtTheLimitIsWholeAndOneByteOverIsDropped() {
    MessageParts parts = new MessageParts(4);
    assertThat(parts.binary(ByteBuffer.wrap(new byte[] {1, 2}), false)).isNull();
    Payload whole = parts.binary(ByteBuffer.wrap(new byte[] {3, 4}), true);
    assertThat(whole.asBytes().toByteArray()).containsExactly(1, 2, 3, 4);
    assertThat(parts.binary(ByteBuffer.wrap(new byte[] {1, 2, 3}), false)).isNull();
    assertThat(parts.binary(ByteBuffer.wrap(new byte[] {4, 5}), true)).isNull();
    assertThat(parts.takeOverflow()).isEqualTo(5);
  }

  @Test
  void textIsCountedInUtf8BytesWithASurrogatePairAsFour() {
    String s = "a\u00e9\u20ac\uD83D\uDE00"; // 1 + 2 + 3 + 4 bytes; 5 chars, over a third of either limit
    assertThat(new MessageParts(10).text(s, true)).isEqualTo(Payload.text(s));
    MessageParts nine = new MessageParts(9);
    assertThat(nine.text(s, true)).isNull();
    assertThat(nine.takeOverflow()).isEqualTo(10);
  }

  /**
   * A server may send a message as many tiny continuation frames, and the JDK hands each one over as a part: the
   * parts' bytes are counted as they come. Counting the whole text again at every part past a third of the limit
   * took about (limit / 3) x (2 limit / 3) char reads for a 1 MiB message of one-char parts, minutes of the socket's
   * reading thread; counted per part it is a million appends.
   */
  @Test
  @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aMessageOfOneCharPartsIsCountedOnceNotOnceAPart() {
    int limit = 1 << 20;
    MessageParts parts = new MessageParts(limit);
    for (int i = 1; i < limit; i++) {
      assertThat(parts.text("a", false)).isNull();
    }
    assertThat(parts.text("a", true).asText()).hasSize(limit);
    for (int i = 0; i < limit; i++) {
      parts.text("a", false);
    }
    assertThat(parts.takeOverflow()).isEqualTo(-1);
    assertThat(parts.text("a", false)).isNull();
    assertThat(parts.takeOverflow()).isEqualTo(limit + 1);
  }

  @Test
  void aSurrogatePairSplitBetweenPartsCountsAsFourBytes() {
    MessageParts parts = new MessageParts(5);
    assertThat(parts.text("a\uD83D", false)).isNull();
    assertThat(parts.text("\uDE00", true)).isEqualTo(Payload.text("a\uD83D\uDE00"));
    MessageParts four = new MessageParts(4);
    assertThat(four.text("a\uD83D", false)).isNull();
    assertThat(four.text("\uDE00", true)).isNull();
    assertThat(four.takeOverflow()).isEqualTo(5);
  }
}
