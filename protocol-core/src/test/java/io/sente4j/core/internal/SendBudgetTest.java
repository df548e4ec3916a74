package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.sente4j.core.Bytes;
import io.sente4j.core.Payload;
import io.sente4j.core.Qt;
import io.sente4j.core.QueueLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class SendBudgetTest {
  /** One char each of 1, 2, 3 UTF-8 bytes, a surrogate pair (4 bytes for 2 chars) and a lone surrogate (1 byte). */
  private static final String[] PIECES = {"a", "\u00e9", "\u20ac", "\ud83d\ude00", "\ud800"};

  @Test
  void anEmptyQueueAdmitsAFrameOfAnySize() {
    SendBudget b = new SendBudget(QueueLimit.of(3, 10));
    assertThat(b.tryAdmit(Payload.text("x".repeat(100)))).isNotNull();
    assertThat(b.items()).isEqualTo(1);
    assertThat(b.bytes()).isEqualTo(100);
    assertThat(b.tryAdmit(Payload.text("x"))).isNull();
  }

  @Test
  void textIsAdmittedUpToTheByteBoundExactlyWhereItsBoundsLeaveTheDecisionOpen() {
    // 3 ASCII chars: between 3 and 9 bytes by the char count alone, 3 exactly.
    SendBudget b = new SendBudget(QueueLimit.of(100, 12));
    assertThat(b.tryAdmit(Payload.text("abc"))).isNotNull();
    assertThat(b.tryAdmit(Payload.text("defgh"))).isNotNull(); // 8 of 12, though the bounds say up to 24
    assertThat(b.tryAdmit(Payload.text("ijkl"))).isNotNull(); // 12 of 12: at the bound
    assertThat(b.tryAdmit(Payload.text("m"))).isNull(); // 13: over
    assertThat(b.bytes()).isEqualTo(12);
  }

  @Test
  void multiByteTextIsCountedInUtf8Bytes() {
    SendBudget b = new SendBudget(QueueLimit.of(100, 10));
    assertThat(b.tryAdmit(Payload.text("\u20ac\u20ac"))).isNotNull(); // 2 chars, 6 bytes
    assertThat(b.tryAdmit(Payload.text("\u20ac\u20ac"))).isNull(); // 12 > 10, though 4 chars would fit
    assertThat(b.tryAdmit(Payload.text("\ud83d\ude00"))).isNotNull(); // a surrogate pair: 4 bytes, 10 of 10
    assertThat(b.bytes()).isEqualTo(10);
    assertThat(b.tryAdmit(Payload.text("\ud800"))).isNull(); // a lone surrogate: 1 byte, 11 > 10
  }

  @Test
  void binaryFramesAreCountedByTheirLength() {
    SendBudget b = new SendBudget(QueueLimit.of(100, 10));
    assertThat(b.tryAdmit(Payload.binary(Bytes.wrap(new byte[7])))).isNotNull();
    assertThat(b.tryAdmit(Payload.binary(Bytes.wrap(new byte[4])))).isNull();
    assertThat(b.tryAdmit(Payload.binary(Bytes.wrap(new byte[3])))).isNotNull();
    assertThat(b.bytes()).isEqualTo(10);
  }

  @Test
  void theItemBoundHoldsWhateverTheBytes() {
    SendBudget b = new SendBudget(QueueLimit.of(2, 1 << 20));
    assertThat(b.tryAdmit(Payload.text("a"))).isNotNull();
    assertThat(b.tryAdmit(Payload.text("b"))).isNotNull();
    assertThat(b.tryAdmit(Payload.text("c"))).isNull();
  }

  @Test
  void releasedRoomIsGivenBackInAnyOrderCountedOrNot() {
    SendBudget b = new SendBudget(QueueLimit.of(100, 20));
    SendBudget.Held first = b.tryAdmit(Payload.text("\u20ac\u20ac")); // 6 bytes
    SendBudget.Held second = b.tryAdmit(Payload.text("abcd")); // 4
    assertThat(b.bytes()).isEqualTo(10); // counts both
    SendBudget.Held third = b.tryAdmit(Payload.text("\u00e9")); // 2, not counted yet
    b.release(second);
    assertThatIllegalStateException().isThrownBy(() -> b.release(second));
    assertThat(b.items()).isEqualTo(2);
    assertThat(b.bytes()).isEqualTo(8);
    b.release(third);
    b.release(first);
    assertThat(b.items()).isZero();
    assertThat(b.bytes()).isZero();
    assertThatIllegalStateException().isThrownBy(() -> b.release(first));
  }

  @Test
  void itDecidesAsExactCountingDoesWhateverTheFramesAndTheOrderOfReleases() {
    Qt.seeded(0x5e4dL)
        .forAll(Generate.range(1, 6), Generate.range(1, 40),
            Generate.intArrays(Generate.range(0, 80), Generate.range(0, Integer.MAX_VALUE)))
        .checkAssert((maxItems, maxBytes, ops) -> {
          QueueLimit limit = QueueLimit.of(maxItems, maxBytes);
          SendBudget budget = new SendBudget(limit);
          QueueBudget exact = new QueueBudget(limit);
          List<SendBudget.Held> held = new ArrayList<>();
          List<Integer> sizes = new ArrayList<>();
          for (int op : ops) {
            if (op % 3 == 0 && !held.isEmpty()) {
              int i = (op / 3) % held.size();
              budget.release(held.remove(i));
              exact.release(sizes.remove(i));
            } else {
              Payload p = payload(op);
              SendBudget.Held h = budget.tryAdmit(p);
              assertThat(h != null).as("admits %s", p).isEqualTo(exact.tryAdmit(p.byteLength()));
              if (h != null) {
                held.add(h);
                sizes.add(p.byteLength());
              }
            }
            assertThat(budget.items()).isEqualTo(exact.items());
            if (op % 5 == 0) { // sometimes: asking for the bytes counts what is held
              assertThat(budget.bytes()).isEqualTo(exact.bytes());
            }
          }
          assertThat(budget.bytes()).isEqualTo(exact.bytes());
        });
  }

  /** A text of up to 7 pieces of mixed UTF-8 widths, or now and then a binary frame, chosen by {@code seed}. */
  private static Payload payload(int seed) {
    Random r = new Random(seed);
    if (r.nextInt(6) == 0) {
      return Payload.binary(Bytes.wrap(new byte[r.nextInt(15)]));
    }
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[r.nextInt(PIECES.length)]);
    }
    return Payload.text(sb.toString());
  }
}
