package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Concatenates packed MessagePack arrays into the bytes {@link MsgpackWriter} writes for the array of all their
 * elements, without unpacking the elements.
 *
 * <p>One array header for the total replaces the inputs' headers. The map-key cache needs more: each input numbered
 * its keyword and string map keys from 0 and wrote a repeated one as a reference to its number (extension 8), while
 * the joined message has one cache for all of them. So the elements of every input but the last are walked, header by
 * header, to each map key (in sets too, whose maps share the message's cache), and each such key is written as the
 * joined message's writer writes it: a reference to its number there if it has one, otherwise out in full, numbered
 * while fewer than 256 are. Everything else is copied as it is. An input comes out unchanged unless an input before
 * it had such keys; the last is copied without a walk when none before it had any.
 *
 * <p>One instance serves one {@link #concat} call.
 */
public final class MsgpackArrays {
  private static final int FIXARRAY = 0x90;
  private static final int ARRAY16 = 0xdc;
  private static final int ARRAY32 = 0xdd;
  private static final int FIXEXT1 = 0xd4;
  /** The largest result, so that it fits a Java array with the JVM's headroom. */
  private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;
  private static final NotOurs NOT_OURS = new NotOurs();

  private final int maxDepth;
  private GrowingOutput output;
  private MessagePacker out;
  /** The joined message's map-key cache, as its writer would keep it. */
  private final KeyNumbers numbers = new KeyNumbers();
  /** Whether the joined message has any keys numbered yet. */
  private boolean keysSeen;

  /** The input being walked, its reader, where its reader starts, and how far it is copied to {@link #out}. */
  private byte[] input;
  private MessageUnpacker in;
  private int base;
  private int copied;
  /** The input's own map-key cache, as its writer numbered it: the keys written out, in order, up to 256. */
  private List<Key> ownKeys;
  private final byte[] reference = {(byte) FIXEXT1, SenteExt.CACHED_KEY, 0};

  private MsgpackArrays(int maxDepth, int capacity) {
    this.maxDepth = maxDepth;
    this.output = new GrowingOutput(capacity);
    this.out = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(output);
  }

  /**
   * The elements of {@code arrays}, in order, as {@link MsgpackWriter} writes a list of them all.
   *
   * @param arrays arrays the MessagePack packer packed
   * @param maxDepth the packer's depth limit, which the walked elements must keep
   * @return the packed concatenation, or {@code null} if an input is a text payload, does not start with an array
   *     header, counts more elements than it has bytes, has walked elements that are malformed, nest too deep or do
   *     not end with the input, or the result would pass 2 GiB
   */
  public static byte[] concat(List<Payload> arrays, int maxDepth) {
    int n = arrays.size();
    byte[][] inputs = new byte[n][];
    long total = 0;
    long length = 0;
    for (int i = 0; i < n; i++) {
      if (!(arrays.get(i) instanceof Payload.Binary binary)) {
        return null;
      }
      byte[] b = binary.bytes().toByteArray();
      long count = count(b);
      if (count < 0 || count > b.length - headerLength(b)) { // each element takes one byte at least
        return null;
      }
      inputs[i] = b;
      total += count;
      length += b.length;
    }
    if (length > MAX_LENGTH - 5) {
      return null;
    }
    MsgpackArrays joiner = new MsgpackArrays(maxDepth, (int) length + 5);
    try {
      joiner.out.packArrayHeader((int) total); // total <= length: one byte an element at least
      for (int i = 0; i < n; i++) {
        byte[] b = inputs[i];
        if (i == n - 1 && !joiner.keysSeen) {
          joiner.out.writePayload(b, headerLength(b), b.length - headerLength(b));
        } else if (!joiner.walk(b, (int) count(b))) {
          return null;
        }
      }
      joiner.out.flush();
      return joiner.output.toByteArray();
    } catch (IOException e) {
      return null; // writing to memory does not fail
    }
  }

  /** The length of the array header {@code b} starts with, or -1 if it starts with none. */
  private static int headerLength(byte[] b) {
    int length = b.length == 0 ? -1 : (b[0] & 0xf0) == FIXARRAY ? 1 : (b[0] & 0xff) == ARRAY16 ? 3
        : (b[0] & 0xff) == ARRAY32 ? 5 : -1;
    return length <= b.length ? length : -1;
  }

  /** The count in the array header {@code b} starts with, or -1 if it starts with none. */
  private static long count(byte[] b) {
    int length = headerLength(b);
    if (length <= 1) {
      return length == 1 ? b[0] & 0x0f : -1;
    }
    long n = 0;
    for (int i = 1; i < length; i++) {
      n = (n << 8) | (b[i] & 0xff);
    }
    return n;
  }

  /** Walks the {@code count} elements of the array {@code b}, writing them with their keys renumbered. */
  private boolean walk(byte[] b, int count) throws IOException {
    input = b;
    base = headerLength(b);
    copied = base;
    ownKeys = null;
    in = MessagePack.newDefaultUnpacker(b, base, b.length - base);
    try {
      for (int i = 0; i < count; i++) {
        value(1, false);
      }
      if (in.hasNext()) {
        return false;
      }
    } catch (MessagePackException | NotOurs e) {
      return false;
    } catch (StackOverflowError e) {
      return false; // only with maxDepth set far above its default, as in MsgpackWriter
    }
    copyTo(b.length);
    return true;
  }

  private int at() {
    return base + (int) in.getTotalReadBytes();
  }

  /** Walks one value, which sits inside {@code enclosing} collections; {@code key} if it is a map key. */
  private void value(int enclosing, boolean key) throws IOException {
    int start = at();
    MessageFormat format = in.getNextFormat();
    if (format == MessageFormat.NEVER_USED) {
      throw NOT_OURS;
    }
    switch (format.getValueType()) {
      case ARRAY: {
        int n = in.unpackArrayHeader();
        checkDepth(enclosing + 1);
        for (int i = 0; i < n; i++) {
          value(enclosing + 1, false);
        }
        break;
      }
      case MAP: {
        int n = in.unpackMapHeader();
        checkDepth(enclosing + 1);
        for (int i = 0; i < n; i++) {
          value(enclosing + 1, true);
          value(enclosing + 1, false);
        }
        break;
      }
      case STRING:
        if (key) {
          int payload = skipPayload(in.unpackRawStringHeader());
          writtenOut(false, start, payload);
        } else {
          in.skipValue();
        }
        break;
      case EXTENSION:
        extension(start, enclosing, key);
        break;
      default:
        in.skipValue();
    }
  }

  private void extension(int start, int enclosing, boolean key) throws IOException {
    ExtensionTypeHeader h = in.unpackExtensionTypeHeader();
    if (h.getType() == SenteExt.SET) {
      set(start, h.getLength(), enclosing + 1);
      return;
    }
    int payload = skipPayload(h.getLength());
    if (key && h.getType() == SenteExt.KEYWORD) {
      writtenOut(true, start, payload);
    } else if (h.getType() == SenteExt.CACHED_KEY) {
      if (!key || h.getLength() != 1) {
        throw NOT_OURS;
      }
      referenced(start, input[payload] & 0xff);
    }
  }

  /** Skips {@code n} bytes of payload, checked against what remains first; returns where they start. */
  private int skipPayload(int n) throws IOException {
    int payload = at();
    if (n < 0 || n > input.length - payload) {
      throw NOT_OURS;
    }
    in.readPayloadAsReference(n);
    return payload;
  }

  /** A keyword or string key written out from {@code start}, its text from {@code payload} to the reader's place. */
  private void writtenOut(boolean keyword, int start, int payload) throws IOException {
    Key k = new Key(keyword, input, payload, at(), start);
    if (ownKeys == null) {
      ownKeys = new ArrayList<>();
    }
    if (ownKeys.size() < SenteExt.KEY_CACHE_SIZE) {
      ownKeys.add(k);
    }
    keysSeen = true;
    int number = numbers.numberOrAdd(k);
    if (number >= 0) {
      replace(start, reference(number), 0, reference.length);
    }
  }

  /** A reference from {@code start} to the input's own key number {@code index}. */
  private void referenced(int start, int index) throws IOException {
    if (ownKeys == null || index >= ownKeys.size()) {
      throw NOT_OURS;
    }
    Key k = ownKeys.get(index);
    int number = numbers.numberOrAdd(k);
    if (number < 0) { // the joined message's cache was full before the key came
      replace(start, k.bytes, k.start, k.to - k.start);
    } else if (number != index) {
      replace(start, reference(number), 0, reference.length);
    }
  }

  private byte[] reference(int number) {
    reference[2] = (byte) number;
    return reference;
  }

  /** Extension 4 around one array: written again, since its keys may take another length now. */
  private void set(int start, int length, int depth) throws IOException {
    checkDepth(depth);
    int payload = at();
    if (length > input.length - payload || in.getNextFormat().getValueType() != ValueType.ARRAY) {
      throw NOT_OURS;
    }
    copyTo(start);
    GrowingOutput outerOutput = output;
    MessagePacker outer = out;
    output = new GrowingOutput(length + 16);
    out = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(output);
    copied = payload;
    byte[] inner;
    try {
      int n = in.unpackArrayHeader();
      for (int i = 0; i < n; i++) {
        value(depth, false);
      }
      if (at() - payload != length) {
        throw NOT_OURS;
      }
      copyTo(at());
      out.flush();
      inner = output.toByteArray();
    } finally {
      output = outerOutput;
      out = outer;
    }
    out.packExtensionTypeHeader(SenteExt.SET, inner.length);
    out.writePayload(inner);
  }

  private void checkDepth(int depth) {
    if (depth > maxDepth) {
      throw NOT_OURS;
    }
  }

  /** Writes what the input holds from {@code start} to the reader's place as {@code length} bytes of {@code b}. */
  private void replace(int start, byte[] b, int from, int length) throws IOException {
    copyTo(start);
    out.writePayload(b, from, length);
    copied = at();
  }

  /** Copies the input up to {@code end} to the output, from where the copy stopped. */
  private void copyTo(int end) throws IOException {
    if (end > copied) {
      out.writePayload(input, copied, end - copied);
      copied = end;
    }
  }

  /**
   * A keyword or string map key by its kind and UTF-8 text, equal as the writer's keys are (the text determines the
   * keyword or string), with the bytes that write it out.
   */
  private static final class Key {
    final boolean keyword;
    final byte[] bytes;
    /** Where it is written out in {@link #bytes}: header from {@code start}, text from {@code from} to {@code to}. */
    final int start;
    final int from;
    final int to;
    final int hash;

    Key(boolean keyword, byte[] bytes, int from, int to, int start) {
      this.keyword = keyword;
      this.bytes = bytes;
      this.start = start;
      this.from = from;
      this.to = to;
      int h = keyword ? 1 : 0;
      for (int i = from; i < to; i++) {
        h = 31 * h + bytes[i];
      }
      this.hash = h;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.keyword == keyword && k.hash == hash
          && Arrays.equals(bytes, from, to, k.bytes, k.from, k.to);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** An input this packer did not write; thrown without a stack trace, caught by {@link #walk}. */
  private static final class NotOurs extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotOurs() {
      super(null, null, false, false);
    }
  }
}
