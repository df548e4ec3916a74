package io.sente4j.packer.transit;

import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Values of the data model that both Transit packers refuse, each for a reason their domain states. */
final class TransitRefusals {
  private TransitRefusals() {}

  static final List<Object> VALUES = List.of(
      "lone \ud800",
      '\udc00',
      new BigInteger("9".repeat(1001)),
      new BigDecimal("1." + "5".repeat(1000)),
      // 1E+2147483648: whatever the layout of its text, its exponent is beyond an int, which no JVM reader reads
      new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE),
      Instant.MAX,
      Instant.MIN,
      new Tagged(Symbol.of("set"), List.of(1L)),
      new Tagged(Symbol.of("cmap"), List.of(1L, 2L)),
      new Tagged(Symbol.of("array"), List.of(1L)),
      new Tagged(Symbol.of("u"), "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
      new Tagged(Symbol.of("r"), 5L),
      sameMillisecondKeys(),
      sameMillisecondElements(),
      Set.of(List.of("lone \udc00")));

  /** Two instants in one millisecond: as map keys they would come back as one key twice. */
  private static Map<Object, Object> sameMillisecondKeys() {
    Map<Object, Object> m = new LinkedHashMap<>();
    m.put(Instant.ofEpochSecond(0, 1), 1L);
    m.put(Instant.ofEpochSecond(0, 2), 2L);
    return m;
  }

  private static Set<Object> sameMillisecondElements() {
    return new LinkedHashSet<>(List.of(Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(0, 2)));
  }
}
