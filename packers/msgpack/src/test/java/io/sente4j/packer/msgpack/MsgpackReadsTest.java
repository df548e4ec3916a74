package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Reading: the encodings other peers write, and each malformed input failing with the reason and offset. */
class MsgpackReadsTest {
  private final MsgpackPacker packer = new MsgpackPacker();

  private Object read(String hex) {
    return packer.unpack(Payload.binary(Bytes.fromHex(hex.replace(" ", ""))));
  }

  private void fails(String hex, String reason, long offset) {
    assertThatThrownBy(() -> read(hex)).as(hex).isInstanceOfSatisfying(PackerException.class, e -> {
      assertThat(e.reason()).contains(reason);
      assertThat(e.offset()).isEqualTo(offset);
      assertThat(e.getMessage()).startsWith("msgpack: ");
    });
  }

  @Test
  void readsWhatOtherPeersWrite() {
    assertThat(read("ca 3fc00000")).as("ClojureScript's float 32").isEqualTo(1.5);
    assertThat(read("cf 0000000000000001")).as("uint 64 that fits a long").isEqualTo(1L);
    assertThat(read("cf 8000000000000000")).isEqualTo(BigInteger.TWO.pow(63));
    assertThat(read("c7 01 00 61")).as("keyword in ext 8").isEqualTo(Keyword.of("a"));
    assertThat(read("c8 0001 01 61")).as("symbol in ext 16").isEqualTo(Symbol.of("a"));
    assertThat(read("d6 ff 00000001")).as("timestamp 32").isEqualTo(Instant.ofEpochSecond(1));
    assertThat(read("d7 ff 0000000400000001")).as("timestamp 64").isEqualTo(Instant.ofEpochSecond(1, 1));
    assertThat(read("c7 24 09 " + Bytes.wrap("F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6".getBytes()).toHex()))
        .as("upper-case UUID").isEqualTo(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
    assertThat(read("d6 04 dc 0001 01")).as("a set holding an array 16").isEqualTo(Set.of(1L));
    assertThat(read("d9 01 61")).isEqualTo("a");
  }

  @Test
  void refusesWhatIsNotInTheDataModel() {
    fails("d5 03 01 02", "ratio", 0);
    fails("c7 04 05 00000001", "primitive array", 0);
    fails("d4 0a 00", "unknown extension type 10", 0);
    fails("91 c1", "c1", 1);
  }

  @Test
  void refusesMalformedExtensions() {
    fails("d4 02 ff", "not valid UTF-8", 0);
    fails("d5 02 f09f", "not valid UTF-8", 0);
    fails("d5 02 6162", "2 UTF-16 units", 0);
    fails("c7 05 00 3a2f2f2f", "an extension needs 5 bytes but only 4 follow", 0);
    fails("c7 03 00 612062", "invalid keyword", 0);
    fails("d4 04 01", "does not hold an array", 0);
    fails("d6 04 92 01 02 03", "4 bytes whose array takes 3", 0);
    fails("d5 04 91 01 02", "unexpected bytes", 4);
    fails("c7 05 04 94 01 02 01 03", "repeats an element", 6);
    fails("d5 ff 0000", "instead of 4, 8 or 12", 0);
    fails("d7 ff ffffffff00000000", "nanoseconds", 0);
    fails("c7 0c ff 00000000 7fffffffffffffff", "range of an Instant", 0);
    fails("d8 09 00000000000000000000000000000000", "16 bytes instead of 36", 0);
  }

  @Test
  void refusesMalformedStructure() {
    fails("", "empty input", 0);
    fails("92 01", "a collection of 2 elements at least needs 2 bytes but only 1 follow", 0);
    fails("91 cd 01", "ends inside", 1);
    fails("01 02", "unexpected bytes after the value", 1);
    fails("a3 61 ff 62", "not valid UTF-8", 0);
    fails("db 7fffffff 61", "a string needs 2147483647 bytes but only 1 follow", 0);
    fails("dd 7fffffff", "collection", 0);
    fails("c6 00000010 00", "binary needs 16 bytes", 0);
    fails("82 01 01 01 02", "repeats a key", 3);
  }

  @Test
  void aCollectionHeaderCannotClaimMoreElementsThanBytesFollow() {
    fails("dc 0064 01 02", "a collection of 100 elements", 0);
    fails("de 0032" + "01".repeat(20), "a collection of 50 entries", 0);
    assertThat(read("dc 0003 01 02 03")).isEqualTo(List.of(1L, 2L, 3L));
  }
}
