package io.sente4j.spec;

import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Small damages to valid input, for fuzzing: flip, drop, insert, duplicate or cut bytes. */
final class Mutation implements UnaryOperator<byte[]> {
  private final List<int[]> steps; // each: {kind, position seed, byte}

  private Mutation(List<int[]> steps) {
    this.steps = steps;
  }

  /** One to four random damages. */
  static Gen<Mutation> mutations() {
    Gen<int[]> step = Generate.range(0, 4).zip(Generate.range(0, Integer.MAX_VALUE), Generate.range(0, 255),
        (kind, pos, b) -> new int[] {kind, pos, b});
    return in -> {
      int n = Generate.range(1, 4).generate(in);
      int[][] s = new int[n][];
      for (int i = 0; i < n; i++) {
        s[i] = step.generate(in);
      }
      return new Mutation(List.of(s));
    };
  }

  @Override
  public byte[] apply(byte[] input) {
    byte[] b = input;
    for (int[] s : steps) {
      int at = b.length == 0 ? 0 : s[1] % b.length;
      switch (s[0]) {
        case 0: // flip a byte
          if (b.length > 0) {
            b = b.clone();
            b[at] = (byte) s[2];
          }
          break;
        case 1: // drop a byte
          if (b.length > 0) {
            byte[] d = new byte[b.length - 1];
            System.arraycopy(b, 0, d, 0, at);
            System.arraycopy(b, at + 1, d, at, b.length - at - 1);
            b = d;
          }
          break;
        case 2: { // insert a byte
          byte[] d = new byte[b.length + 1];
          System.arraycopy(b, 0, d, 0, at);
          d[at] = (byte) s[2];
          System.arraycopy(b, at, d, at + 1, b.length - at);
          b = d;
          break;
        }
        case 3: { // duplicate the tail from a point
          byte[] d = Arrays.copyOf(b, b.length + (b.length - at));
          System.arraycopy(b, at, d, b.length, b.length - at);
          b = d;
          break;
        }
        default: // cut
          b = Arrays.copyOf(b, at);
      }
    }
    return b;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Mutation");
    steps.forEach(s -> sb.append(Arrays.toString(s)));
    return sb.toString();
  }
}
