package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.PackerException;
import io.sente4j.packer.msgpack.MsgpackPacker;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: malformed input is an error, never a replacement character. */
final class Utf8Text {
  private Utf8Text() {}

  /**
   * Decodes {@code n} bytes of {@code b} from {@code off}. The JDK's fast decoder runs first; only when its result
   * holds U+FFFD (which it also uses for malformed input) does a strict decoder check the bytes.
   */
  static String decode(byte[] b, int off, int n, String what, long at) {
    String s = new String(b, off, n, StandardCharsets.UTF_8);
    if (s.indexOf('\ufffd') >= 0) {
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, n));
      } catch (CharacterCodingException e) {
        throw new PackerException(MsgpackPacker.NAME, what + " that is not valid UTF-8", at);
      }
    }
    return s;
  }
}
