package io.sente4j.transport.jetty.internal;

import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.internal.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the parts of one WebSocket message up to the frame limit, counting bytes as they arrive (a text part's
 * UTF-8 length), so a message over the limit is refused with a {@link MessageTooLargeException} before it is held
 * whole. After a refusal the rest of that message is skipped. One per socket; Jetty delivers a socket's parts one at
 * a time, so it needs no lock.
 *
 * <p>The buffer of a message in parts lives only until its last part: kept for the socket's life, it would hold up to
 * twice the frame limit per socket (the capacity of its largest message) on every socket that ever got one over
 * Jetty's input buffer (4 KiB by default), which Jetty delivers in parts.
 */
final class MessageAssembly {
  private final int limit;
  private StringBuilder text; // the parts of a text message so far; null between messages
  private ByteArrayOutputStream binary; // the parts of a binary message so far; null between messages
  private long seen;
  private boolean skipping;

  MessageAssembly(int limit) {
    this.limit = limit;
  }

  /**
   * One part of a text message.
   *
   * @return the whole message after its last part, or {@code null}
   * @throws MessageTooLargeException once, when the bytes seen pass the limit
   */
  String text(String part, boolean last) {
    if (skip(Utf8.length(part), last)) { // a part never ends inside a surrogate pair
      return null;
    }
    if (last && text == null) {
      seen = 0;
      return part; // a message in one part: no copy
    }
    if (text == null) {
      text = new StringBuilder();
    }
    text.append(part);
    if (!last) {
      return null;
    }
    String whole = text.toString();
    text = null;
    seen = 0;
    return whole;
  }

  /**
   * One part of a binary message; {@code part} is read now and not kept.
   *
   * @return the whole message after its last part, or {@code null}
   * @throws MessageTooLargeException once, when the bytes seen pass the limit
   */
  byte[] binary(ByteBuffer part, boolean last) {
    if (skip(part.remaining(), last)) {
      return null;
    }
    byte[] bytes = new byte[part.remaining()];
    part.get(bytes);
    if (last && binary == null) {
      seen = 0;
      return bytes; // a message in one part: no copy
    }
    if (binary == null) {
      binary = new ByteArrayOutputStream();
    }
    binary.writeBytes(bytes);
    if (!last) {
      return null;
    }
    byte[] whole = binary.toByteArray();
    binary = null;
    seen = 0;
    return whole;
  }

  /** Counts a part; true if it belongs to a refused message and is to be dropped. */
  private boolean skip(long bytes, boolean last) {
    if (skipping) {
      skipping = !last;
      return true;
    }
    seen += bytes;
    if (seen <= limit) {
      return false;
    }
    long size = seen;
    text = null;
    binary = null;
    seen = 0;
    skipping = !last;
    throw new MessageTooLargeException(size, limit);
  }
}
