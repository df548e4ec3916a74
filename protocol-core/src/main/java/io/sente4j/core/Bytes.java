package io.sente4j.core;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable sequence of bytes with equality by content: the data model's binary value, and the body of a binary
 * {@link Payload}. Packers accept {@code byte[]} too, and read binary back as {@code Bytes}.
 */
public final class Bytes implements Comparable<Bytes> {
  /** The empty byte sequence. */
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private static final HexFormat HEX = HexFormat.of();
  private final byte[] bytes;

  private Bytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Returns a copy of {@code bytes}. */
  public static Bytes copyOf(byte[] bytes) {
    return new Bytes(bytes.clone());
  }

  /** Returns a copy of {@code length} bytes of {@code bytes} starting at {@code offset}. */
  public static Bytes copyOf(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new Bytes(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /**
   * Wraps {@code bytes} without copying. The caller hands the array over and must not change it afterwards;
   * this saves a copy on hot paths such as a packer's output.
   */
  public static Bytes wrap(byte[] bytes) {
    return new Bytes(Objects.requireNonNull(bytes, "bytes"));
  }

  /** Parses hexadecimal text (upper or lower case, no separators). */
  public static Bytes fromHex(String hex) {
    return new Bytes(HEX.parseHex(hex));
  }

  /**
   * Decodes standard base64 (RFC 4648 section 4) in its canonical form: padded to a multiple of 4 characters, no
   * line breaks, and unused bits zero, so that each byte sequence has exactly one text.
   *
   * @throws IllegalArgumentException if the text is not canonical standard base64
   */
  public static Bytes fromBase64(String base64) {
    if (base64.length() % 4 != 0) {
      throw new IllegalArgumentException("base64 length " + base64.length() + " is not a multiple of 4 (padding missing?)");
    }
    byte[] bytes = Base64.getDecoder().decode(base64);
    if (!Base64.getEncoder().encodeToString(bytes).equals(base64)) {
      throw new IllegalArgumentException("base64 is not canonical: its unused bits are not zero");
    }
    return new Bytes(bytes);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** Whether there are no bytes. */
  public boolean isEmpty() {
    return bytes.length == 0;
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  /**
   * The bytes from {@code from} (inclusive) to {@code to} (exclusive), as a new value.
   *
   * @throws IndexOutOfBoundsException if the range is outside the bytes
   */
  public Bytes slice(int from, int to) {
    Objects.checkFromToIndex(from, to, bytes.length);
    return from == 0 && to == bytes.length ? this : new Bytes(Arrays.copyOfRange(bytes, from, to));
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** A read-only view of the bytes, without copying. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
  }

  /** Writes the bytes to {@code out} without copying them. */
  public void writeTo(OutputStream out) throws IOException {
    out.write(bytes);
  }

  /** Lower-case hexadecimal. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof Bytes && Arrays.equals(bytes, ((Bytes) o).bytes));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Orders by unsigned lexicographic comparison. */
  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** {@code Bytes[3: 0a0b0c]}, the hex cut after 32 bytes. */
  @Override
  public String toString() {
    String hex = bytes.length <= 32 ? toHex() : HEX.formatHex(bytes, 0, 32) + "...";
    return "Bytes[" + bytes.length + ": " + hex + "]";
  }
}
