package io.sente4j.packer.cbor.internal;

import io.sente4j.core.Bytes;
import io.sente4j.core.Payload;
import java.util.List;

/**
 * Concatenates packed CBOR arrays into the array of all their items without decoding the items. That is sound
 * because a CBOR item means the same wherever it sits: the packer writes no string references (the one CBOR feature
 * that carries state from one item to the next), so only the array heads change.
 */
public final class CborArrays {
  private CborArrays() {}

  /** Additional information 24 to 27: the argument follows in 1, 2, 4 or 8 bytes. */
  private static final int ONE_BYTE = 24;
  private static final int EIGHT_BYTES = 27;
  /** The largest array the result may be, so that it fits a Java array with the JVM's headroom. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

  /**
   * The items of {@code arrays}, in order, under one definite-length head for their total count in its shortest form,
   * as {@link CborWriter} writes an array of that many items. An input's own head may take any definite form.
   *
   * @param arrays packed arrays, each one definite-length array head and its items
   * @return the packed concatenation, or {@code null} if an input is a text payload, does not start with a
   *     definite-length array head (an indefinite-length array too: the writer never writes one), counts more items
   *     than it has bytes after its head, or the result would pass 2 GiB
   */
  public static byte[] concat(List<Payload> arrays) {
    int n = arrays.size();
    int[] heads = new int[n];
    long total = 0;
    long length = 0;
    for (int i = 0; i < n; i++) {
      if (!(arrays.get(i) instanceof Payload.Binary binary)) {
        return null;
      }
      Bytes b = binary.bytes();
      heads[i] = headLength(b);
      if (heads[i] < 0) {
        return null;
      }
      long count = argument(b, heads[i]);
      if (count < 0 || count > b.length() - heads[i]) { // each item takes one byte at least
        return null;
      }
      total += count;
      length += b.length() - heads[i];
    }
    byte[] head = new byte[9];
    int headLength = CborValues.head(head, CborValues.MAJOR_ARRAY, total);
    if (length + headLength > MAX_LENGTH) {
      return null;
    }
    byte[] out = new byte[(int) length + headLength];
    System.arraycopy(head, 0, out, 0, headLength);
    int at = headLength;
    for (int i = 0; i < n; i++) {
      Bytes b = arrays.get(i).asBytes();
      int items = b.length() - heads[i];
      b.asReadOnlyBuffer().position(heads[i]).get(out, at, items);
      at += items;
    }
    return out;
  }

  /** The length of the definite-length array head that {@code b} starts with, or -1 if it starts with none. */
  private static int headLength(Bytes b) {
    if (b.isEmpty() || (b.get(0) & 0xff) >>> 5 != CborValues.MAJOR_ARRAY) {
      return -1;
    }
    int info = b.get(0) & 0x1f;
    int length = info < ONE_BYTE ? 1 : info <= EIGHT_BYTES ? 1 + (1 << (info - ONE_BYTE)) : -1;
    return length <= b.length() ? length : -1;
  }

  /** The count in the head of {@code length} bytes; negative past 2<sup>63</sup>-1. */
  private static long argument(Bytes b, int length) {
    if (length == 1) {
      return b.get(0) & 0x1f;
    }
    long n = 0;
    for (int i = 1; i < length; i++) {
      n = (n << 8) | (b.get(i) & 0xff);
    }
    return n;
  }
}
