package io.sente4j.packer.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile input: random bytes, soups of CBOR heads (every major type, the tags this packer knows and others,
 * indefinite lengths, breaks, lengths up to 2^64-1) and damaged valid output. Unpacking either returns a value or
 * throws a {@link PackerException} naming the packer, never anything else, and never hangs.
 */
class CborFuzzTest {
  /** Small limits, so that the fuzz reaches them too. */
  private final CborPacker packer =
      new CborPacker(PackerLimits.builder().maxDepth(6).maxCollectionSize(8).maxInputBytes(400).build());

  private static final List<String> SOUP = List.of("00", "17", "18", "19", "1a", "1b", "20", "38", "3b", "40", "41",
      "5f", "5b", "60", "61", "7f", "7b", "80", "81", "82", "9f", "9b", "a0", "a1", "bf", "bb", "c0", "c1", "c2",
      "c3", "c4", "d81b", "d825", "d827", "d90102", "d9d9f7", "d7", "f4", "f5", "f6", "f7", "f8", "f9", "fa", "fb",
      "ff", "1c", "3a", "2f", "ffffffff", "7fffffff", "0000", "6c73656e7465346a2f63686172", "e9", "ed", "f0");

  private static Gen<byte[]> soup() {
    return DataModelGens.listsOf(Generate.pick(SOUP), 40).map(parts -> HexFormat.of().parseHex(String.join("", parts)));
  }

  private void readsOrFailsCleanly(byte[] input) {
    try {
      packer.unpack(Payload.binary(Bytes.wrap(input)));
    } catch (PackerException expected) {
      assertThat(expected.getMessage()).startsWith("cbor: ");
      assertThat(expected.offset()).isBetween(0L, (long) input.length);
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + Bytes.wrap(input) + " threw " + t + " instead of a PackerException", t);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsOfHeadsFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(soup()).checkAssert(this::readsOrFailsCleanly);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomBytesFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(Generate.byteArrays(Generate.range(0, 64),
        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0))).checkAssert(this::readsOrFailsCleanly);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void damagedOutputFailsOnlyWithPackerException() {
    Gen<int[]> damage = Generate.intArrays(Generate.range(1, 4), Generate.range(0, Integer.MAX_VALUE));
    Theories.qt(3000).forAll(DataModelGens.all().values().assuming(CborDomain::accepts), damage)
        .checkAssert((v, d) -> {
          byte[] b = new CborPacker().pack(v).asBytes().toByteArray();
          for (int i = 0; i + 1 < d.length; i += 2) {
            b[d[i] % b.length] = (byte) d[i + 1];
          }
          if (d.length % 2 == 1) {
            b = java.util.Arrays.copyOf(b, d[d.length - 1] % b.length);
          }
          readsOrFailsCleanly(b);
        });
  }
}
