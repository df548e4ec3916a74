package io.sente4j.client.jdk;

import io.sente4j.core.Bytes;
import io.sente4j.core.Payload;
import io.sente4j.core.internal.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the parts in which the JDK delivers one incoming WebSocket message, up to a limit in bytes (UTF-8 bytes for
 * text). A message that goes over the limit is dropped, its remaining parts skipped, and the overflow reported once.
 * Not thread-safe: the JDK delivers one socket's parts one at a time.
 */
final class MessageParts {
  private final int limit;
  private StringBuilder text;
  private long textBytes;
  private ByteArrayOutputStream binary;
  private boolean skipping;
  private long overflow = -1;

  MessageParts(int limit) {
    this.limit = limit;
  }

  /** Adds a text part: the whole message after its last part, {@code null} before it or if it was dropped. */
  Payload text(CharSequence data, boolean last) {
    if (!skipping) {
      if (text == null) {
        text = new StringBuilder(data.length());
        textBytes = 0;
      }
      // Each part is counted once, as it comes: a server may send a message as many tiny frames, and counting the
      // whole text again at each one would take time quadratic in the message's length. Utf8 counts a lone
      // surrogate as 1 byte, so a pair split between two parts, counted 1 + 1, is 2 bytes short.
      boolean pairSplit = data.length() > 0 && text.length() > 0
          && Character.isHighSurrogate(text.charAt(text.length() - 1)) && Character.isLowSurrogate(data.charAt(0));
      textBytes += Utf8.length(data) + (pairSplit ? 2 : 0);
      if (textBytes > limit) {
        drop(textBytes);
      } else {
        text.append(data);
      }
    }
    Payload whole = last && !skipping && text != null ? Payload.text(text.toString()) : null;
    if (last) {
      text = null;
      skipping = false;
    }
    return whole;
  }

  /** Adds a binary part: the whole message after its last part, {@code null} before it or if it was dropped. */
  Payload binary(ByteBuffer data, boolean last) {
    if (!skipping) {
      if (binary == null) {
        binary = new ByteArrayOutputStream(Math.min(data.remaining(), limit));
      }
      long size = binary.size() + (long) data.remaining();
      if (size > limit) {
        drop(size);
      } else {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
      }
    }
    Payload whole = last && !skipping && binary != null ? Payload.binary(Bytes.wrap(binary.toByteArray())) : null;
    if (last) {
      binary = null;
      skipping = false;
    }
    return whole;
  }

  /** The bytes seen when the current message went over the limit, once; -1 when none did since the last call. */
  long takeOverflow() {
    long seen = overflow;
    overflow = -1;
    return seen;
  }

  private void drop(long seen) {
    skipping = true;
    text = null;
    binary = null;
    overflow = seen;
  }
}
