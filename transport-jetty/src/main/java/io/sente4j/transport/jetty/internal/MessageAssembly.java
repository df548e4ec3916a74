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
 */
final class MessageAssembly {
  private final int limit;
  private final StringBuilder text = new StringBuilder();
  private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
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
    if (last && text.length() == 0) {
      seen = 0;
      return part; // a message in one part: no copy
    }
    text.append(part);
    if (!last) {
      return null;
    }
    String whole = text.toString();
    text.setLength(0);
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
    if (last && binary.size() == 0) {
      seen = 0;
      return bytes;
    }
    binary.writeBytes(bytes);
    if (!last) {
      return null;
    }
    byte[] whole = binary.toByteArray();
    binary.reset();
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
    text.setLength(0);
    binary.reset();
    seen = 0;
    skipping = !last;
    throw new MessageTooLargeException(size, limit);
  }
}
