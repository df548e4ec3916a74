package io.sente4j.packer.msgpack.internal;

import java.util.Arrays;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * Where a {@link org.msgpack.core.MessagePacker} writes one message: a single array that starts small and doubles.
 *
 * <p>Why not msgpack-core's own {@code MessageBufferPacker}: its output allocates (and so zeroes) an 8 KB chunk for
 * every message, and a profile of packing a 764-byte batch of numbers put that allocation at a third of the packer's
 * time. Sente messages are mostly far smaller than 8 KB; doubling from {@link #FIRST_CAPACITY} costs a few copies of
 * small arrays instead, and a large message still takes O(size) work.
 */
final class GrowingOutput implements MessageBufferOutput {
  static final int FIRST_CAPACITY = 512;

  private byte[] bytes;
  private int size;

  private static final ThreadLocal<byte[]> SPARE = new ThreadLocal<>();
  static final int MAX_KEPT = 16 * 1024;

  /** An output on this thread's spare array, if it has one (taken, so that a nested use gets another). */
  static GrowingOutput reusing() {
    byte[] spare = SPARE.get();
    if (spare == null) {
      return new GrowingOutput(FIRST_CAPACITY);
    }
    SPARE.set(null);
    return new GrowingOutput(spare);
  }

  private GrowingOutput(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Copies out the bytes written and gives the array to this thread to reuse. */
  byte[] toByteArrayAndRelease() {
    byte[] out = Arrays.copyOf(bytes, size);
    if (bytes.length <= MAX_KEPT) {
      SPARE.set(bytes);
    }
    bytes = null;
    return out;
  }

  GrowingOutput(int capacity) {
    bytes = new byte[capacity];
  }

  /** The space after what is written, grown first if it holds fewer than {@code minimumSize} bytes and one more. */
  @Override
  public MessageBuffer next(int minimumSize) {
    ensureRoom(minimumSize + 1);
    return MessageBuffer.wrap(bytes, size, bytes.length - size);
  }

  /** The packer wrote {@code length} bytes at the start of the space {@link #next} returned. */
  @Override
  public void writeBuffer(int length) {
    size += length;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) {
    ensureRoom(length);
    System.arraycopy(buffer, offset, bytes, size, length);
    size += length;
  }

  @Override
  public void add(byte[] buffer, int offset, int length) {
    write(buffer, offset, length);
  }

  /** A copy of the bytes written, of exactly their length. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void ensureRoom(int n) {
    if (bytes.length - size < n) {
      long wanted = Math.max(2L * bytes.length, (long) size + n);
      if (wanted > Integer.MAX_VALUE - 8) {
        if ((long) size + n > Integer.MAX_VALUE - 8) {
          throw new OutOfMemoryError("a MessagePack message of more than 2 GB");
        }
        wanted = Integer.MAX_VALUE - 8;
      }
      bytes = Arrays.copyOf(bytes, (int) wanted);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
