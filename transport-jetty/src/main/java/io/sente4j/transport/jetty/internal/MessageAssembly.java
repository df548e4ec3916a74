package io.sente4j.transport.jetty.internal;

import io.sente4j.core.MessageTooLargeException;
import io.sente4j.core.internal.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Joins the parts of one WebSocket message up to the frame limit, counting bytes as they arrive (a text part's
 * UTF-8 length), so a message over the limit is never held whole: past the limit its parts are dropped as they come.
 * The {@link MessageTooLargeException} is thrown at the message's last part, with its whole size, or once more than
 * the drain (the larger of 1 MiB and 16 times the limit) has been dropped past the limit, whichever comes first.
 * Jetty ends the TCP connection as soon as it has sent the 1009 close that follows, and a client still sending the
 * rest of its message is then reset before it can read that close (it sees the connection cut, 1006, not
 * too-large): reading the rest first lets it see why. One per socket; Jetty delivers a socket's parts one at a time,
 * so it needs no lock.
 *
 * <p>The buffer of a message in parts lives only until its last part: kept for the socket's life, it would hold up to
 * twice the frame limit per socket (the capacity of its largest message) on every socket that ever got one over
 * Jetty's input buffer (4 KiB by default), which Jetty delivers in parts.
 */
final class MessageAssembly {
  /** The least drain: the most dropped past the limit before a refusal is reported is this or 16 times the limit. */
  static final long MIN_DRAIN_BYTES = 1 << 20;

  private final int limit;
  private final long drainBytes;
  private StringBuilder text; // the parts of a text message so far; null between messages
  private ByteArrayOutputStream binary; // the parts of a binary message so far; null between messages
  private long seen;
  private boolean skipping;
  /** Whether the message being skipped was refused already (its drain ran out before its last part). */
  private boolean reported;

  MessageAssembly(int limit) {
    this.limit = limit;
    this.drainBytes = Math.max(MIN_DRAIN_BYTES, 16L * limit);
  }

  /**
   * One part of a text message.
   *
   * @return the whole message after its last part, or {@code null}
   * @throws MessageTooLargeException once per message over the limit (see the class's description)
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
   * @throws MessageTooLargeException once per message over the limit (see the class's description)
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

  /**
   * Counts a part; true if it belongs to a refused message and is to be dropped.
   *
   * @throws MessageTooLargeException once per refused message: at its last part, or when more than the drain's bytes
   *     over the limit have been dropped
   */
  private boolean skip(long bytes, boolean last) {
    seen += bytes;
    if (!skipping) {
      if (seen <= limit) {
        return false;
      }
      text = null;
      binary = null;
      skipping = true;
      reported = false;
    }
    if (last) {
      long size = seen;
      skipping = false;
      seen = 0;
      if (!reported) {
        throw new MessageTooLargeException(size, limit);
      }
      return true;
    }
    if (!reported && seen - limit > drainBytes) {
      reported = true; // the rest is still dropped, but the connection is closed now rather than at the end
      throw new MessageTooLargeException(seen, limit);
    }
    return true;
  }
}
