package io.sente4j.spec;

import java.util.ArrayList;
import java.util.List;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Generates one part (a namespace or a name) of a keyword or symbol, legal by construction under PROTOCOL.md §2.3,
 * in each of the shapes a reader must tell apart: an ordinary start, a leading digit (of any script), and a leading
 * {@code -}, {@code +} or {@code .} followed by a digit.
 */
final class NameParts {
  /** Letters, from ASCII to a supplementary CJK ideograph (U+20000) and a mathematical capital (U+1D400). */
  static final int[] LETTERS = join(codePoints("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ\u00e9\u00df\u03bb"),
      new int[] {0x20000, 0x1D400, 0x2A6D6});
  /** Digits of several scripts: ASCII, Arabic-Indic (U+0663), fullwidth (U+FF11), mathematical (U+1D7CE). */
  static final int[] DIGITS = join(codePoints("0123456789"), new int[] {0x0663, 0xFF11, 0x1D7CE});
  /** Marks that may begin a part. */
  static final int[] MARKS = codePoints("*!_?$%&=<>");
  /** Marks that may begin a part, but read as a number's sign or point when a digit follows. */
  static final int[] SIGNS = codePoints("-+.");
  /** Marks that may appear anywhere but first. */
  static final int[] INNER = codePoints(":#'");

  private static final int[] STARTS = join(LETTERS, MARKS, SIGNS);
  private static final int[] ANY = join(LETTERS, DIGITS, MARKS, SIGNS, INNER);
  private static final int MAX_REST = 8;

  private NameParts() {}

  /**
   * Parts of names.
   *
   * @param digitFirst whether a part may begin with a digit (a keyword's namespace, or its name when it has none)
   * @param signDigit whether a part may begin with {@code -}, {@code +} or {@code .} and a digit (keywords only)
   */
  static Gen<String> of(boolean digitFirst, boolean signDigit) {
    List<Pair<Integer, Gen<String>>> shapes = new ArrayList<>();
    shapes.add(Pair.of(8, start(STARTS, 0)));
    if (digitFirst) {
      shapes.add(Pair.of(1, start(DIGITS, 0)));
    }
    if (signDigit) {
      shapes.add(Pair.of(1, start(SIGNS, 1)));
    }
    Gen<String> part = Generate.frequency(shapes);
    return signDigit ? part : part.map(NameParts::noNumberStart);
  }

  /** A part beginning with one code point of {@code first}, then {@code digits} digits, then a random rest. */
  private static Gen<String> start(int[] first, int digits) {
    return in -> {
      StringBuilder sb = new StringBuilder();
      sb.appendCodePoint(pick(first).generate(in));
      for (int i = 0; i < digits; i++) {
        sb.appendCodePoint(pick(DIGITS).generate(in));
      }
      int n = Generate.range(0, MAX_REST).generate(in);
      Gen<Integer> rest = Generate.frequency(List.of(Pair.of(3, pick(LETTERS)), Pair.of(1, pick(ANY))));
      for (int i = 0; i < n; i++) {
        sb.appendCodePoint(rest.generate(in));
      }
      return tidy(sb.toString());
    };
  }

  /** Drops what the rules forbid at the end ({@code :}) or in pairs ({@code ::}), rather than discard the draw. */
  private static String tidy(String s) {
    String t = s;
    while (t.contains("::")) {
      t = t.replace("::", ":a");
    }
    while (t.endsWith(":")) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }

  /** Puts a letter between a leading sign or point and a digit, which would read as a number in a symbol. */
  private static String noNumberStart(String s) {
    if (s.length() > 1 && "-+.".indexOf(s.charAt(0)) >= 0 && Character.isDigit(s.codePointAt(1))) {
      return s.charAt(0) + "x" + s.substring(1);
    }
    return s;
  }

  private static Gen<Integer> pick(int[] codePoints) {
    return Generate.range(0, codePoints.length - 1).map(i -> codePoints[i]);
  }

  private static int[] codePoints(String s) {
    return s.codePoints().toArray();
  }

  private static int[] join(int[]... parts) {
    int n = 0;
    for (int[] p : parts) {
      n += p.length;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
