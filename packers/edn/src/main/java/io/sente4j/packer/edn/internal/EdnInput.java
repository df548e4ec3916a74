package io.sente4j.packer.edn.internal;

import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.Payload;
import java.util.Arrays;

/**
 * Turns a payload into the characters the reader works on, enforcing the input-size limit first and decoding a
 * binary payload as strict UTF-8.
 */
public final class EdnInput {
  private EdnInput() {}

  /**
   * The characters of {@code payload}.
   *
   * @throws PackerLimitException if the payload is larger than {@code maxInputBytes} (UTF-8 bytes, for text)
   * @throws PackerException if a binary payload is not well-formed UTF-8; the offset is the byte offset, the line and
   *     column those of the character it would have been
   */
  public static char[] chars(Payload payload, int maxInputBytes) {
    if (payload instanceof Payload.Text) {
      String text = ((Payload.Text) payload).text();
      int n = text.length();
      // Every char is at least one UTF-8 byte and at most three, so the exact count is needed only in between.
      if (n > maxInputBytes || ((long) n * 3 > maxInputBytes && payload.byteLength() > maxInputBytes)) {
        throw tooLarge(maxInputBytes);
      }
      return text.toCharArray();
    }
    if (payload.byteLength() > maxInputBytes) {
      throw tooLarge(maxInputBytes);
    }
    return utf8(payload.asBytes().toByteArray());
  }

  private static PackerLimitException tooLarge(int maxInputBytes) {
    return new PackerLimitException(EdnErrors.PACKER, Limit.INPUT_BYTES, maxInputBytes, -1);
  }

  /**
   * Decodes well-formed UTF-8 (RFC 3629): no overlong forms, no encoded surrogates, nothing above U+10FFFF, no
   * truncated sequence. A malformed sequence is reported at its byte offset, with the line and column of the
   * character it would have been (counted as the reader counts them, in the text decoded so far).
   */
  static char[] utf8(byte[] b) {
    int n = b.length;
    char[] out = new char[n];
    int j = 0;
    int i = 0;
    while (i < n) {
      int c = b[i];
      if (c >= 0) {
        out[j++] = (char) c;
        i++;
        continue;
      }
      c &= 0xff;
      if (c < 0xc2) {
        throw malformed(b, i, out, j, c < 0xc0 ? "a continuation byte where a character should start"
            : "an overlong encoding");
      } else if (c < 0xe0) {
        int c1 = continuation(b, i, 1, out, j);
        out[j++] = (char) (((c & 0x1f) << 6) | c1);
        i += 2;
      } else if (c < 0xf0) {
        int c1 = continuation(b, i, 1, out, j);
        int c2 = continuation(b, i, 2, out, j);
        if (c == 0xe0 && c1 < 0x20) {
          throw malformed(b, i, out, j, "an overlong encoding");
        }
        if (c == 0xed && c1 >= 0x20) {
          throw malformed(b, i, out, j, "an encoded surrogate");
        }
        out[j++] = (char) (((c & 0x0f) << 12) | (c1 << 6) | c2);
        i += 3;
      } else if (c < 0xf5) {
        int c1 = continuation(b, i, 1, out, j);
        int c2 = continuation(b, i, 2, out, j);
        int c3 = continuation(b, i, 3, out, j);
        if (c == 0xf0 && c1 < 0x10) {
          throw malformed(b, i, out, j, "an overlong encoding");
        }
        if (c == 0xf4 && c1 >= 0x10) {
          throw malformed(b, i, out, j, "a code point above U+10FFFF");
        }
        int cp = ((c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3;
        out[j++] = Character.highSurrogate(cp);
        out[j++] = Character.lowSurrogate(cp);
        i += 4;
      } else {
        throw malformed(b, i, out, j, "a byte that never occurs in UTF-8");
      }
    }
    return j == n ? out : Arrays.copyOf(out, j);
  }

  /**
   * The 6 payload bits of the continuation byte {@code k} places after the lead byte at {@code lead}; {@code out}
   * holds the {@code decoded} characters before the lead byte.
   */
  private static int continuation(byte[] b, int lead, int k, char[] out, int decoded) {
    int at = lead + k;
    if (at >= b.length) {
      throw malformed(b, lead, out, decoded, "a sequence cut off by the end of input");
    }
    int c = b[at] & 0xff;
    if ((c & 0xc0) != 0x80) {
      throw malformed(b, lead, out, decoded, "a sequence missing a continuation byte");
    }
    return c & 0x3f;
  }

  /** Malformed UTF-8 at byte {@code at}, after the {@code decoded} characters of {@code out}. */
  private static PackerException malformed(byte[] b, int at, char[] out, int decoded, String what) {
    long lc = EdnErrors.lineAndColumn(Arrays.copyOf(out, decoded), decoded);
    return new PackerException(EdnErrors.PACKER, String.format("malformed UTF-8: %s (byte 0x%02X)", what,
        b[at] & 0xff), at, (int) (lc >>> 32), (int) lc);
  }
}
