package io.sente4j.packer.msgpack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.spec.Theories;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * {@link GrowingOutput} holds exactly what msgpack-core's own buffer packer holds after the same writes, at every
 * size (past its first array, past msgpack-core's 8 KB chunk and its direct-write threshold), and a reused array
 * never leaks into bytes already returned.
 */
class GrowingOutputTest {

  /** Drives one packer with a list of sizes: a string, a double, a binary payload of that size, in turn. */
  private static void writeAll(MessagePacker packer, List<Integer> sizes) throws IOException {
    int i = 0;
    for (int size : sizes) {
      switch (i++ % 3) {
        case 0:
          packer.packString("s".repeat(size % 700));
          break;
        case 1:
          packer.packDouble(size * 1.5);
          break;
        default:
          byte[] payload = new byte[size];
          Arrays.fill(payload, (byte) size);
          packer.packBinaryHeader(size);
          packer.writePayload(payload);
      }
    }
  }

  private static byte[] viaGrowingOutput(List<Integer> sizes, int firstCapacity) throws IOException {
    GrowingOutput output = new GrowingOutput(firstCapacity);
    MessagePacker packer = MessagePack.DEFAULT_PACKER_CONFIG.newPacker(output);
    writeAll(packer, sizes);
    packer.flush();
    return output.toByteArray();
  }

  private static byte[] viaBufferPacker(List<Integer> sizes) throws IOException {
    MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
    writeAll(packer, sizes);
    return packer.toByteArray();
  }

  @Test
  void holdsWhatMsgpackCoresBufferPackerHolds() {
    Theories.qt(200).forAll(lists().of(integers().between(0, 20_000)).ofSizeBetween(0, 12), integers().between(1, 600))
        .checkAssert((sizes, firstCapacity) -> {
          try {
            assertThat(viaGrowingOutput(sizes, firstCapacity)).isEqualTo(viaBufferPacker(sizes));
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aReusedArrayNeverChangesBytesAlreadyReturned() {
    byte[] first = MsgpackWriter.write(List.of("first", 1L, "x".repeat(100)), 10);
    byte[] copy = first.clone();
    byte[] second = MsgpackWriter.write(List.of("second", 2L, "y".repeat(300)), 10);
    assertThat(first).isEqualTo(copy);
    assertThat(second).isNotSameAs(first);
    assertThat(MsgpackWriter.write(List.of("first", 1L, "x".repeat(100)), 10)).isEqualTo(copy);
  }

  @Test
  void aMessageLargerThanTheKeptArrayIsWrittenWhole() {
    String big = "z".repeat(GrowingOutput.MAX_KEPT * 3);
    byte[] bytes = MsgpackWriter.write(List.of(big, "after"), 10);
    assertThat(bytes.length).as("fixarray, str 16 and its text, fixstr and its text")
        .isEqualTo(1 + 3 + big.length() + 1 + 5);
    assertThat(MsgpackReader.read(io.sente4j.core.Bytes.wrap(bytes), io.sente4j.core.PackerLimits.defaults()))
        .isEqualTo(List.of(big, "after"));
    assertThat(MsgpackWriter.write("small", 10).length).isEqualTo(6);
  }
}
