package io.sente4j.packer.json.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimits;
import io.sente4j.packer.json.JsonPacker;

/**
 * Checks made on the whole input before Jackson sees it: its size, and, for bytes, that Jackson will read them as
 * UTF-8. Given bytes, Jackson guesses UTF-16 or UTF-32 from zero bytes or a byte order mark among the first four;
 * such input is never valid UTF-8 JSON, so it is refused here rather than decoded in another encoding. A byte order
 * mark is refused in text and bytes alike (RFC 8259 forbids sending one), so both payload kinds read the same.
 */
final class InputChecks {
  private InputChecks() {}

  /** Checks text input. */
  static void text(String s, PackerLimits limits) {
    int max = limits.maxInputBytes();
    // Each char takes 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2), so most inputs need no counting.
    if ((long) s.length() * 3 > max) {
      checkUtf8Length(s, max);
    }
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      throw new PackerException(JsonPacker.NAME, "a byte order mark (U+FEFF) before the JSON value", 0, 1, 1);
    }
  }

  /** Checks binary input, which must be UTF-8. */
  static void utf8(byte[] b, PackerLimits limits) {
    int max = limits.maxInputBytes();
    if (b.length > max) {
      // The first byte past the limit is where the input went wrong.
      throw new PackerLimitException(JsonPacker.NAME, PackerLimitException.Limit.INPUT_BYTES, max, max);
    }
    if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      throw new PackerException(JsonPacker.NAME, "a byte order mark (U+FEFF) before the JSON value", 0, 1, 1);
    }
    if (b.length >= 1 && ((b[0] & 0xFF) == 0xFE || (b[0] & 0xFF) == 0xFF)) {
      throw new PackerException(JsonPacker.NAME, String.format("invalid UTF-8 start byte 0x%02x (a UTF-16 or UTF-32 "
          + "byte order mark? JSON payloads must be UTF-8)", b[0] & 0xFF), 0, 1, 1);
    }
    for (int i = 0; i < Math.min(4, b.length); i++) {
      if (b[i] == 0) {
        throw new PackerException(JsonPacker.NAME, "a NUL byte, which JSON text never holds (UTF-16 and UTF-32 are "
            + "not accepted; JSON payloads must be UTF-8)", i, 1, i + 1);
      }
    }
  }

  /** Counts UTF-8 bytes, and refuses the text at the first character past {@code max} bytes. */
  private static void checkUtf8Length(String s, int max) {
    long bytes = 0;
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
      if (bytes > max) {
        throw new PackerLimitException(JsonPacker.NAME, PackerLimitException.Limit.INPUT_BYTES, max, i, line,
            i - lineStart + 1);
      }
      if (c == '\n') {
        line++;
        lineStart = i + 1;
      }
      if (pair) {
        i++;
      }
    }
  }
}
