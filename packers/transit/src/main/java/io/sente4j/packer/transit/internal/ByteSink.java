package io.sente4j.packer.transit.internal;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte array to write a payload into, without {@link java.io.ByteArrayOutputStream}'s locking: transit-java
 * flushes its JSON generator after every element of a collection, so the sink takes many small writes per payload.
 */
final class ByteSink extends OutputStream {
  private byte[] bytes;
  private int length;

  ByteSink(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  @Override
  public void write(int b) {
    ensure(1);
    bytes[length++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
    }
  }

  /** A copy of the bytes written. */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }
}
