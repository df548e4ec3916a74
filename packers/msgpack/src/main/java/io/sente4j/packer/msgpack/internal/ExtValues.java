package io.sente4j.packer.msgpack.internal;

import io.sente4j.core.PackerException;
import io.sente4j.packer.msgpack.MsgpackPacker;
import java.time.Instant;
import java.util.UUID;

/** Decodes the payloads of the timestamp and UUID extensions. */
final class ExtValues {
  private ExtValues() {}

  /**
   * MessagePack's timestamp in any of its three forms: 4 bytes of seconds; 8 bytes of 30-bit nanoseconds and 34-bit
   * seconds; 12 bytes of 32-bit nanoseconds and 64-bit signed seconds (the form Sente writes).
   *
   * @throws java.time.DateTimeException if the seconds are beyond the range of an {@link Instant}
   */
  static Instant timestamp(byte[] b, long at) {
    long seconds;
    long nanos;
    switch (b.length) {
      case 4:
        seconds = bigEndian(b, 0, 4);
        nanos = 0;
        break;
      case 8: {
        long both = bigEndian(b, 0, 8);
        nanos = both >>> 34;
        seconds = both & 0x3_ffff_ffffL;
        break;
      }
      case SenteExt.TIMESTAMP_96:
        nanos = bigEndian(b, 0, 4);
        seconds = bigEndian(b, 4, 8);
        break;
      default:
        throw new PackerException(MsgpackPacker.NAME, "a timestamp (extension -1) of " + b.length
            + " bytes instead of 4, 8 or 12", at);
    }
    if (nanos > 999_999_999L) {
      throw new PackerException(MsgpackPacker.NAME, "a timestamp whose nanoseconds, " + nanos
          + ", are more than 999999999", at);
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Sente's UUID extension: the canonical 8-4-4-4-12 string, hex digits in either case. */
  static UUID uuid(byte[] b, long at) {
    if (b.length != SenteExt.UUID_TEXT) {
      throw badUuid(b.length + " bytes instead of 36", at);
    }
    long most = 0;
    long least = 0;
    int digits = 0;
    for (int i = 0; i < b.length; i++) {
      int c = b[i];
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          throw badUuid("no '-' at index " + i, at);
        }
        continue;
      }
      int d = Character.digit(c, 16);
      if (d < 0 || c > 'f') {
        throw badUuid("a byte that is not a hex digit at index " + i, at);
      }
      if (digits++ < 16) {
        most = (most << 4) | d;
      } else {
        least = (least << 4) | d;
      }
    }
    return new UUID(most, least);
  }

  private static PackerException badUuid(String why, long at) {
    return new PackerException(MsgpackPacker.NAME, "a UUID extension (9) with " + why, at);
  }

  private static long bigEndian(byte[] b, int from, int n) {
    long v = 0;
    for (int i = from; i < from + n; i++) {
      v = (v << 8) | (b[i] & 0xff);
    }
    return v;
  }
}
