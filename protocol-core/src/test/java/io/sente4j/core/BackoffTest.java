package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysStayWithinTheExponentialBoundAndNeverExceedTheCap() {
    Qt.seeded(0xb0ffL)
        .forAll(longs().between(1, 10_000_000_000L), longs().between(0, 100_000_000_000L),
            integers().between(-2, 200), longs().all())
        .checkAssert((baseNanos, extra, attempt, seed) -> {
          Duration base = Duration.ofNanos(baseNanos);
          Duration cap = Duration.ofNanos(baseNanos + extra);
          Duration d = Backoff.exponentialFullJitter(base, cap).delay(attempt, new SplittableRandom(seed));
          if (attempt <= 1) {
            assertThat(d).isZero();
            return;
          }
          BigInteger grown = BigInteger.valueOf(baseNanos).shiftLeft(attempt - 1);
          BigInteger bound = grown.min(BigInteger.valueOf(cap.toNanos()));
          assertThat(d.isNegative()).isFalse();
          assertThat(BigInteger.valueOf(d.toNanos())).isLessThanOrEqualTo(bound);
          assertThat(d).isLessThanOrEqualTo(cap);
        });
  }

  @Test
  void attemptOneIsImmediate() {
    Backoff b = Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 100; i++) {
      assertThat(b.delay(1, r)).isZero();
    }
  }

  @Test
  void delaysSpreadOverTheWholeWindow() {
    Backoff b = Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));
    SplittableRandom r = new SplittableRandom(7);
    long max = 0;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < 2000; i++) {
      long d = b.delay(4, r).toMillis();
      max = Math.max(max, d);
      min = Math.min(min, d);
    }
    assertThat(max).isBetween(7_500L, 8_000L);
    assertThat(min).isLessThan(500L);
    for (int i = 0; i < 2000; i++) {
      assertThat(b.delay(30, r)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
  }

  @Test
  void hugeCapsAndAttemptsDoNotOverflow() {
    Backoff b = Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofDays(1_000_000_000L));
    SplittableRandom r = new SplittableRandom(3);
    for (int attempt = 2; attempt < 300; attempt++) {
      assertThat(b.delay(attempt, r).isNegative()).isFalse();
    }
    assertThat(b.delay(Integer.MAX_VALUE, r).isNegative()).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Backoff.exponentialFullJitter(Duration.ZERO, Duration.ofSeconds(1)))
        .withMessage("backoff base must be positive, got PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Backoff.exponentialFullJitter(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .withMessage("backoff cap PT1S is below its base PT2S");
    assertThat(Backoff.exponentialFullJitter(Duration.ofSeconds(1), Duration.ofSeconds(60)))
        .hasToString("Backoff.exponentialFullJitter(PT1S, PT1M)");
  }
}
