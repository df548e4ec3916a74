package io.sente4j.cli;

import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** How bytes appear on stdin or stdout: as they are, as hexadecimal, or as base64. */
enum Encoding {
  text, hex, base64;

  /** The default for a packer: text for text packers, hex for binary ones. */
  static Encoding defaultFor(Packer packer) {
    return packer.isBinary() ? hex : text;
  }

  /** Reads all of {@code in} as a payload for {@code packer}. */
  Payload read(InputStream in, Packer packer) {
    byte[] raw;
    try {
      raw = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Bytes bytes;
    switch (this) {
      case hex:
        bytes = decode(raw, true);
        break;
      case base64:
        bytes = decode(raw, false);
        break;
      default:
        bytes = Bytes.wrap(raw);
    }
    return packer.isBinary() ? Payload.binary(bytes) : Payload.text(utf8(bytes));
  }

  private static Bytes decode(byte[] raw, boolean hex) {
    String s = new String(raw, StandardCharsets.US_ASCII).replaceAll("\\s+", "");
    try {
      return hex ? Bytes.fromHex(s) : Bytes.fromBase64(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("input is not valid " + (hex ? "hexadecimal" : "base64") + ": "
          + e.getMessage());
    }
  }

  private static String utf8(Bytes bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(bytes.asReadOnlyBuffer()).toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IllegalArgumentException("input is not valid UTF-8 text");
    }
  }

  /** Writes a payload followed by a newline. */
  void write(Payload payload, PrintStream out) {
    switch (this) {
      case hex:
        out.println(payload.asBytes().toHex());
        break;
      case base64:
        out.println(payload.asBytes().toBase64());
        break;
      default:
        if (payload.isText()) {
          out.println(payload.asText());
        } else {
          out.write(payload.asBytes().toByteArray(), 0, payload.byteLength());
          out.flush();
        }
    }
  }
}
