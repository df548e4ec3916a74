package io.sente4j.transport.jetty.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.MessageTooLargeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messages joined from parts at the frame limit, one byte over, and after a refusal. */
class MessageAssemblyTest {
  private static final int LIMIT = 10;

  @Test
  void textAtTheLimitInPartsIsJoined() {
    MessageAssembly a = new MessageAssembly(LIMIT);
    assertThat(a.text("abcd", false)).isNull();
    assertThat(a.text("é", false)).isNull(); // two bytes in UTF-8
    assertThat(a.text("wxyz", true)).isEqualTo("abcdéwxyz");
    assertThat(a.text("0123456789", true)).isEqualTo("0123456789");
  }

  @Test
  void textOneByteOverIsDroppedAndRefusedAtItsLastPartWithItsWholeSize() {
    MessageAssembly a = new MessageAssembly(LIMIT);
    assertThat(a.text("abcdefghi", false)).isNull();
    assertThat(a.text("é", false)).as("one byte over: dropped, read on").isNull();
    assertThat(a.text("more", false)).isNull();
    assertThatThrownBy(() -> a.text("end", true)).isInstanceOfSatisfying(MessageTooLargeException.class, e -> {
      assertThat(e.size()).isEqualTo(18);
      assertThat(e.limit()).isEqualTo(LIMIT);
      assertThat(e.getMessage()).contains("18 bytes").contains("limit of 10 bytes");
    });
    assertThat(a.text("next", true)).as("the next message starts afresh").isEqualTo("next");
  }

  /**
   * A refused message is read to its end before it is reported (the close that follows would otherwise reset a
   * client still sending it), but no further than the drain: 1 MiB past the limit for a small limit, 16 times the
   * limit for a large one. Past the drain it is reported at once, and the rest of it is still dropped.
   */
  @Test
  void aRefusedMessageIsReportedOnceItsDrainRunsOutAndTheRestIsDropped() {
    for (int limit : new int[] {LIMIT, 100_000}) {
      long drain = Math.max(1 << 20, 16L * limit);
      MessageAssembly a = new MessageAssembly(limit);
      ByteBuffer part = ByteBuffer.wrap(new byte[limit]);
      assertThat(a.binary(part.duplicate(), false)).as("at the limit").isNull();
      long dropped = 0;
      while (dropped + 4096 <= drain) {
        assertThat(a.binary(ByteBuffer.wrap(new byte[4096]), false)).isNull();
        dropped += 4096;
      }
      int toTheEdge = (int) (drain - dropped);
      assertThat(a.binary(ByteBuffer.wrap(new byte[toTheEdge]), false)).as("exactly the drain past the limit").isNull();
      long size = limit + drain + 1;
      assertThatThrownBy(() -> a.binary(ByteBuffer.wrap(new byte[1]), false)).as("one byte more, limit %d", limit)
          .isInstanceOfSatisfying(MessageTooLargeException.class, e -> assertThat(e.size()).isEqualTo(size));
      assertThat(a.binary(ByteBuffer.wrap(new byte[4096]), false)).as("still dropped, not reported again").isNull();
      assertThat(a.binary(ByteBuffer.wrap(new byte[1]), true)).as("its last part, not reported again").isNull();
      assertThat(a.binary(ByteBuffer.wrap(new byte[] {5}), true)).as("the next message").containsExactly(5);
    }
  }

  @Test
  void binaryAtTheLimitAndOneByteOver() {
    MessageAssembly a = new MessageAssembly(LIMIT);
    assertThat(a.binary(ByteBuffer.wrap(new byte[6]), false)).isNull();
    assertThat(a.binary(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), true)).hasSize(LIMIT).endsWith(1, 2, 3, 4);
    assertThatThrownBy(() -> a.binary(ByteBuffer.wrap(new byte[LIMIT + 1]), true))
        .isInstanceOf(MessageTooLargeException.class);
    assertThat(a.binary(ByteBuffer.wrap(new byte[] {7}), true)).containsExactly(7);
  }

  @Test
  void textIsCountedInUtf8BytesWithASurrogatePairAsFour() {
    String s = "a\u00e9\u20ac\ud83d\ude00";
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    assertThat(bytes).isEqualTo(1 + 2 + 3 + 4);
    assertThat(new MessageAssembly(bytes).text(s, true)).isEqualTo(s);
    assertThatThrownBy(() -> new MessageAssembly(bytes - 1).text(s, true))
        .isInstanceOfSatisfying(MessageTooLargeException.class, e -> assertThat(e.size()).isEqualTo(bytes));
  }

  /**
   * The buffers were fields kept for the socket's life, emptied but not let go: every socket that once got a large
   * message in parts went on holding a buffer of that message's capacity (up to twice the frame limit) while idle.
   */
  @Test
  void noBufferOutlivesAMessageInPartsOrARefusal() throws Exception {
    MessageAssembly a = new MessageAssembly(LIMIT);
    assertThat(a.text("abcde", false)).isNull();
    assertThat(held(a, "text")).as("a text message in progress").isNotNull();
    assertThat(a.text("fghij", true)).isEqualTo("abcdefghij");
    assertThat(held(a, "text")).as("after a text message in parts").isNull();

    assertThat(a.binary(ByteBuffer.wrap(new byte[5]), false)).isNull();
    assertThat(a.binary(ByteBuffer.wrap(new byte[5]), true)).hasSize(LIMIT);
    assertThat(held(a, "binary")).as("after a binary message in parts").isNull();

    assertThat(a.binary(ByteBuffer.wrap(new byte[5]), false)).isNull();
    assertThat(a.binary(ByteBuffer.wrap(new byte[6]), false)).as("over the limit: dropped").isNull();
    assertThat(held(a, "binary")).as("after a refusal").isNull();
    assertThatThrownBy(() -> a.binary(ByteBuffer.wrap(new byte[1]), true)) // the refused message's last part
        .isInstanceOf(MessageTooLargeException.class);
    assertThat(a.text("x", true)).isEqualTo("x");
    assertThat(held(a, "text")).isNull();
    assertThat(held(a, "binary")).isNull();
  }

  /** A buffer field of the assembly: what it keeps between calls (read directly, being what is under test). */
  private static Object held(MessageAssembly a, String field) throws ReflectiveOperationException {
    java.lang.reflect.Field f = MessageAssembly.class.getDeclaredField(field);
    f.setAccessible(true);
    return f.get(a);
  }
}
