package io.sente4j.packer.msgpack.internal;

import java.util.Arrays;
import org.msgpack.core.buffer.MessageBuffer;
import org.msgpack.core.buffer.MessageBufferOutput;

/**
 * Where a {@link org.msgpack.core.MessagePacker} writes one message: a single array that doubles as it fills, and
 * that each thread keeps for its next message (up to {@link #MAX_KEPT} bytes).
 *
 * <p>Why not msgpack-core's own {@code MessageBufferPacker}: its output allocates (and so zeroes) an 8 KB chunk for
 * every message, and a profile of packing a 764-byte batch of numbers put that allocation at a third of the packer's
 * time; growing a fresh array from a small one instead still left a quarter of it in allocating and copying. With a
 * kept array the only allocation is the message's own bytes. The cost is at most {@link #MAX_KEPT} bytes held per
 * thread that packs (Jackson keeps buffers per thread the same way); a larger array is let go after its message.
 */
final class GrowingOutput implements MessageBufferOutput {
  /** The capacity of a thread's first array. */
  static final int FIRST_CAPACITY = 512;
  /** The largest array a thread keeps. */
  static final int MAX_KEPT = 16 * 1024;

  /** A thread's kept array; empty while an output on that thread uses it, so that a nested use gets its own. */
  private static final class Spare {
    byte[] bytes;
  }

  private static final ThreadLocal<Spare> SPARE = ThreadLocal.withInitial(Spare::new);

  /** Where {@link #bytes} goes back when the message is done, or null for an output of its own. */
  private final Spare home;
  private byte[] bytes;
  private int size;

  /** An output on a fresh array of {@code capacity} bytes, kept by no thread. */
  GrowingOutput(int capacity) {
    this.home = null;
    this.bytes = new byte[capacity];
  }

  private GrowingOutput(Spare home) {
    this.home = home;
    this.bytes = home.bytes != null ? home.bytes : new byte[FIRST_CAPACITY];
    home.bytes = null;
  }

  /** An output on this thread's kept array, which it takes until {@link #toByteArrayAndRelease}. */
  static GrowingOutput reusing() {
    return new GrowingOutput(SPARE.get());
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

  /** A copy of the bytes written; the array goes back to its thread if it came from one and is not too large. */
  byte[] toByteArrayAndRelease() {
    byte[] out = toByteArray();
    if (home != null && bytes.length <= MAX_KEPT) {
      home.bytes = bytes;
    }
    bytes = null;
    return out;
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
