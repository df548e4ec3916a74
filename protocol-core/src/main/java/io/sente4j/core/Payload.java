package io.sente4j.core;

import io.sente4j.core.internal.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One packed message as it travels: text (a WebSocket text frame, an edn or JSON body, the {@code ppstr} form field)
 * or binary (a WebSocket binary frame, a raw-byte Ajax body). A text packer produces {@link Text}, a binary packer
 * {@link Binary}; a transport sends each in its native form.
 */
public sealed interface Payload permits Payload.Text, Payload.Binary {

  /** A text payload. */
  static Text text(String text) {
    return new Text(text);
  }

  /** A binary payload. */
  static Binary binary(Bytes bytes) {
    return new Binary(bytes);
  }

  /** Whether this is a text payload. */
  boolean isText();

  /** The payload as text: the text itself, or the bytes decoded as UTF-8 (malformed input replaced). */
  String asText();

  /** The payload as bytes: the bytes themselves, or the text encoded as UTF-8. */
  Bytes asBytes();

  /**
   * The size on the wire in bytes; for text that is the UTF-8 length, which is what a transport's frame limit
   * counts.
   */
  int byteLength();

  /**
   * Whether {@link #byteLength()} is at most {@code maxBytes}. A text of n chars takes at most 3n bytes in UTF-8 (a
   * surrogate pair: 4 bytes for 2 chars), so a text short enough is within it without counting its bytes, which
   * takes a pass over the whole text.
   */
  default boolean fitsIn(long maxBytes) {
    return this instanceof Text t && t.text().length() * 3L <= maxBytes || byteLength() <= maxBytes;
  }

  /**
   * A text payload.
   *
   * @param text the text
   */
  record Text(String text) implements Payload {
    /** Checks that the text is present. */
    public Text {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public boolean isText() {
      return true;
    }

    @Override
    public String asText() {
      return text;
    }

    @Override
    public Bytes asBytes() {
      return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int byteLength() {
      return Utf8.length(text);
    }
  }

  /**
   * A binary payload.
   *
   * @param bytes the bytes
   */
  record Binary(Bytes bytes) implements Payload {
    /** Checks that the bytes are present. */
    public Binary {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public boolean isText() {
      return false;
    }

    @Override
    public String asText() {
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    @Override
    public Bytes asBytes() {
      return bytes;
    }

    @Override
    public int byteLength() {
      return bytes.length();
    }
  }
}
