package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.Theories;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile input: random bytes, soups of MessagePack headers (every type byte, Sente's extension headers, lengths up
 * to 2^32-1) and damaged valid output. Unpacking either returns a value or throws a {@link PackerException} naming
 * the packer, never anything else, and never hangs.
 */
class MsgpackFuzzTest {
  /** Small limits, so that the fuzz reaches them too. */
  private final MsgpackPacker packer =
      new MsgpackPacker(PackerLimits.builder().maxDepth(6).maxCollectionSize(8).maxInputBytes(400).build());

  private static final List<String> SOUP = List.of("c0", "c1", "c2", "c3", "00", "7f", "ff", "e0", "cc", "cd", "ce",
      "cf", "d0", "d1", "d2", "d3", "ca", "cb", "a0", "a1", "bf", "d9", "da", "db", "c4", "c5", "c6", "90", "91", "9f",
      "dc", "dd", "80", "81", "8f", "de", "df", "d4", "d5", "d6", "d7", "d8", "c7", "c8", "c9", "00", "01", "02", "04",
      "08", "09", "ff", "d400", "d401", "d402", "d404", "d408", "d409", "d6ff", "d7ff", "c70cff", "c72409", "d40800",
      "d408ff", "ffffffff", "7fffffff", "0000", "61", "f0", "ed", "a0", "3a", "2f");

  private static Gen<byte[]> soup() {
    return DataModelGens.listsOf(Generate.pick(SOUP), 40).map(parts -> HexFormat.of().parseHex(String.join("", parts)));
  }

  private static Gen<byte[]> noise() {
    return Generate.byteArrays(Generate.range(0, 64), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  private void readsOrFailsCleanly(byte[] input) {
    try {
      packer.unpack(Payload.binary(Bytes.wrap(input)));
    } catch (PackerException expected) {
      assertThat(expected.getMessage()).startsWith("msgpack: ");
      assertThat(expected.offset()).isBetween(0L, (long) input.length);
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + Bytes.wrap(input) + " threw " + t + " instead of a PackerException", t);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsOfHeadersFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(soup()).checkAssert(this::readsOrFailsCleanly);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomBytesFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(noise()).checkAssert(this::readsOrFailsCleanly);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void damagedOutputFailsOnlyWithPackerException() {
    Gen<Object> values = DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL).values()
        .assuming(MsgpackDomain::accepts);
    Gen<int[]> damage = Generate.intArrays(Generate.range(1, 4), Generate.range(0, Integer.MAX_VALUE));
    Theories.qt(3000).forAll(values, damage).checkAssert((v, d) -> {
      byte[] b = new MsgpackPacker().pack(v).asBytes().toByteArray();
      for (int i = 0; i + 1 < d.length; i += 2) {
        if (b.length > 0) {
          b[d[i] % b.length] = (byte) d[i + 1];
        }
      }
      if (d.length % 2 == 1 && b.length > 0) {
        b = java.util.Arrays.copyOf(b, d[d.length - 1] % b.length);
      }
      readsOrFailsCleanly(b);
    });
  }

  /** Headers claiming huge lengths before a short tail: refused from the header, nothing allocated for them. */
  @Test
  void hugeClaimedLengthsFailAtOnce() {
    for (String header : List.of("dbffffffff", "c6ffffffff", "ddffffffff", "dfffffffff", "c9ffffffff00",
        "c9ffffffff04", "dd7fffffff", "c97fffffff09")) {
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      in.writeBytes(HexFormat.of().parseHex(header));
      in.writeBytes(new byte[16]);
      readsOrFailsCleanly(in.toByteArray());
      MsgpackPacker roomy = new MsgpackPacker();
      try {
        roomy.unpack(Payload.binary(Bytes.wrap(in.toByteArray())));
        throw new AssertionError(header + " read");
      } catch (PackerException expected) {
        assertThat(expected.offset()).isZero();
      }
    }
  }
}
