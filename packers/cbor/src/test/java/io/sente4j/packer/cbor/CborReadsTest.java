package io.sente4j.packer.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading: the tags and encodings other CBOR peers write, and each malformed input failing with reason and offset. */
class CborReadsTest {
  private final CborPacker packer = new CborPacker();

  private Object read(String hex) {
    return packer.unpack(Payload.binary(Bytes.fromHex(hex.replace(" ", ""))));
  }

  private void fails(String hex, String reason, long offset) {
    assertThatThrownBy(() -> read(hex)).as(hex).isInstanceOfSatisfying(PackerException.class, e -> {
      assertThat(e.reason()).contains(reason);
      assertThat(e.offset()).isEqualTo(offset);
      assertThat(e.getMessage()).startsWith("cbor: ");
    });
  }

  @Test
  void readsTheTagsAndFormsOtherPeersWrite() {
    assertThat(read("c2 48 0000000000000001")).as("a bignum with leading zeros").isEqualTo(BigInteger.ONE);
    assertThat(read("c2 40")).as("the empty bignum").isEqualTo(BigInteger.ZERO);
    assertThat(read("c3 41 00")).isEqualTo(BigInteger.ONE.negate());
    assertThat(read("c4 82 21 c2 41 96")).as("a bignum mantissa").isEqualTo(new BigDecimal("1.50"));
    assertThat(read("d9d9f7 83 01 02 03")).as("self-described").isEqualTo(List.of(1L, 2L, 3L));
    assertThat(read("d90102 9f 01 02 ff")).as("an indefinite set").isEqualTo(Set.of(1L, 2L));
    assertThat(read("d827 63 3a 6b 77")).isEqualTo(Keyword.of("kw"));
    assertThat(read("d827 63 61 2f 62")).isEqualTo(Symbol.of("a", "b"));
    assertThat(read("c0 78 19 323032342d30312d30325430333a30343a30352b30313a3030"))
        .as("an offset").isEqualTo(java.time.Instant.parse("2024-01-02T02:04:05Z"));
    assertThat(read("d81b 82 63 612f74 f6")).isEqualTo(new Tagged(Symbol.of("a/t"), null));
    assertThat(read("7f 61 61 62 6263 ff")).isEqualTo("abc");
    assertThat(read("bf 01 02 ff")).isEqualTo(Map.of(1L, 2L));
  }

  @Test
  void refusesMalformedTagContents() {
    fails("c2 61 61", "tag 2 around something other than a byte string", 0);
    fails("c4 83 01 02 03", "other than a definite [exponent mantissa]", 0);
    fails("c4 82 f6 01", "exponent is not an integer", 0);
    fails("c4 82 01 f6", "mantissa is not an integer", 0);
    fails("c4 82 01 c0 61 61", "mantissa is not an integer", 0);
    fails("c4 82 1b 0000000100000000 01", "beyond a scale", 0);
    fails("d825 41 00", "16", 0);
    fails("d827 61 3a", "neither a keyword nor a symbol", 0);
    fails("d827 63 3a 61 20", "neither a keyword nor a symbol", 0);
    fails("d90102 82 01 01", "repeats an element", 0);
    fails("d90102 a0", "tag 258 around something other than an array", 0);
    fails("c0 63 616263", "not RFC 3339", 0);
    fails("c1 f6", "number of seconds", 0);
    fails("c1 fb 7ff0000000000000", "number of seconds", 0);
    fails("c1 1b 7fffffffffffffff", "range of an Instant", 0);
    fails("d81b 81 01", "definite [name value]", 0);
    fails("d81b 82 01 02", "name is not a text string", 0);
    fails("d81b 82 6c 73656e7465346a2f63686172 62 6162", "one-character string", 0);
    fails("d81b 82 62 3a61 01", "not a symbol", 0);
    fails("da 00010000 01", "unknown tag 65536", 0);
  }

  /**
   * Tags 55799, 1 and 4 wrap an item without nesting a collection, so the depth limit never saw a chain of them: each
   * tag was a level of recursion, and a long chain ended in a StackOverflowError, reported as the depth limit at
   * whatever offset the stack ran out. A chain of self-describe tags is legal CBOR and reads as its item; tag 1 and
   * tag 4 are refused at once when their content cannot be a number.
   */
  @Test
  void chainsOfTagsAroundScalarsNeverRecurseDownTheStack() {
    String selfDescribed = "d9d9f7".repeat(100_000) + "01";
    assertThat(read(selfDescribed)).isEqualTo(1L);
    assertThat(read("d9d9f7 d9d9f7 c4 82 21 c2 41 96")).isEqualTo(new BigDecimal("1.50"));
    fails("c4 82".repeat(100_000) + "01 01", "a decimal fraction (tag 4) whose exponent is not an integer", 0);
    fails("c4 82 01 " + "c4 82".repeat(100_000) + "01 01",
        "a decimal fraction (tag 4) whose mantissa is not an integer", 0);
    fails("c4 82 01 d9d9f7 c2 41 01", "a decimal fraction (tag 4) whose mantissa is not an integer", 0);
    fails("c1".repeat(100_000) + "01", "a date/time (tag 1) around something other than a number of seconds", 0);
    fails("c1 d9d9f7 01", "a date/time (tag 1) around something other than a number of seconds", 0);
  }

  /** Tag 2 or 3 around the big-endian magnitude {@code m}, as hex. */
  private static String bignum(int tag, BigInteger m) {
    byte[] b = m.toByteArray();
    int skip = b[0] == 0 ? 1 : 0;
    return String.format("c%d 59%04x %s", tag, b.length - skip,
        java.util.HexFormat.of().formatHex(b, skip, b.length));
  }

  /**
   * Bignums have at most 1000 decimal digits, as the text packers' numbers have at most 1000 characters: a 1 MiB
   * bignum read in a moment and then took 16 seconds to print (a log line, an error message, relaying it to an edn
   * or JSON client).
   */
  @Test
  void bignumsOfMoreThanAThousandDigitsAreRefused() {
    BigInteger tenToThe1000 = BigInteger.TEN.pow(1000);
    BigInteger largest = tenToThe1000.subtract(BigInteger.ONE);
    assertThat(read(bignum(2, largest))).isEqualTo(largest);
    assertThat(read(bignum(3, largest.subtract(BigInteger.ONE)))).isEqualTo(largest.negate());
    fails(bignum(2, tenToThe1000), "a bignum (tag 2) of 3322 bits, more than 1000 decimal digits", 0);
    fails(bignum(3, largest), "a bignum (tag 3) of 3322 bits, more than 1000 decimal digits", 0);
    fails("c4 82 01 " + bignum(2, tenToThe1000), "more than 1000 decimal digits", 3);
    fails("c2 5a 00080000 " + "ff".repeat(1 << 19), "a bignum (tag 2) of 4194304 bits", 0);
    assertThat(read("c4 82 01 " + bignum(2, largest))).isEqualTo(new BigDecimal(largest, -1));
  }

  @Test
  void refusesMalformedStructure() {
    fails("", "empty input", 0);
    fails("01 02", "unexpected bytes after the item", 1);
    fails("82 01", "an array of 2 items but only 1 bytes follow", 0);
    fails("82 01 19 01", "ends inside", 2);
    fails("63 61 ff 62", "not valid UTF-8", 0);
    fails("7b 7fffffffffffffff 61", "a text string of 9223372036854775807 bytes but only 1 bytes follow", 0);
    fails("5b ffffffffffffffff", "18446744073709551615 bytes", 0);
    fails("9b 00000000ffffffff 01", "collection larger than the limit", 0);
    fails("99 ffff 01", "an array of 65535 items but only 1 bytes follow", 0);
    fails("a2 01 01 01 02", "repeats a key", 3);
    fails("1c", "reserved", 0);
    fails("ff", "break outside", 0);
    fails("9f 01", "ends inside the indefinite-length item", 1);
    fails("5f 61 61 ff", "holding something other than a definite a byte string", 0);
    fails("1f", "indefinite length where only a definite one", 0);
  }
}
