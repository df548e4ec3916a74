package io.sente4j.packer.edn.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.internal.HashFloodGuard;

/**
 * Builds the reader's exceptions with the character offset, line and column of the fault. Line and column are
 * counted only when an error is raised, so that correct input pays nothing for them.
 */
final class EdnErrors {
  /** The packer name every message starts with. */
  static final String PACKER = "edn";

  private EdnErrors() {}

  /** A syntax error at {@code offset} of {@code buf}. */
  static PackerException syntax(char[] buf, int offset, String reason) {
    long lc = lineAndColumn(buf, offset);
    return new PackerException(PACKER, reason, offset, (int) (lc >>> 32), (int) lc);
  }

  /** A limit exceeded at {@code offset} of {@code buf}. */
  static PackerLimitException limit(char[] buf, int offset, Limit limit, long value) {
    long lc = lineAndColumn(buf, offset);
    return new PackerLimitException(PACKER, limit, value, offset, (int) (lc >>> 32), (int) lc);
  }

  /** Keys sharing a hash code past {@code guard}'s limit at {@code offset}; {@code what} as for the guard. */
  static PackerLimitException refused(char[] buf, int offset, HashFloodGuard guard, String what) {
    long lc = lineAndColumn(buf, offset);
    return guard.refused(PACKER, what, offset, (int) (lc >>> 32), (int) lc);
  }

  /**
   * The 1-based line (high 32 bits) and column (low 32 bits) of {@code offset}. A line ends at {@code \n}, at
   * {@code \r\n} or at a lone {@code \r}; columns count UTF-16 units.
   */
  static long lineAndColumn(char[] buf, int offset) {
    int line = 1;
    int lineStart = 0;
    int stop = Math.min(offset, buf.length);
    for (int i = 0; i < stop; i++) {
      char c = buf[i];
      if (c == '\n' || (c == '\r' && (i + 1 >= buf.length || buf[i + 1] != '\n'))) {
        line++;
        lineStart = i + 1;
      }
    }
    return ((long) line << 32) | (offset - lineStart + 1);
  }
}
