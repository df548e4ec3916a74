package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class BytesTest {

  private static Gen<byte[]> byteArrays() {
    return Generate.byteArrays(Generate.range(0, 40), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  @Test
  void copyOfCopiesTheArray() {
    byte[] source = {1, 2, 3};
    Bytes b = Bytes.copyOf(source);
    source[0] = 99;
    assertThat(b.toByteArray()).containsExactly(1, 2, 3);
  }

  @Test
  void copyOfRangeCopiesOnlyTheRange() {
    byte[] source = {1, 2, 3, 4, 5};
    Bytes b = Bytes.copyOf(source, 1, 3);
    source[2] = 99;
    assertThat(b.toByteArray()).containsExactly(2, 3, 4);
  }

  @Test
  void copyOfRangeChecksBounds() {
    byte[] source = {1, 2, 3};
    assertThatThrownBy(() -> Bytes.copyOf(source, 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.copyOf(source, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> Bytes.copyOf(source, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThat(Bytes.copyOf(source, 3, 0)).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void wrapSharesTheArray() {
    byte[] source = {1, 2, 3};
    Bytes b = Bytes.wrap(source);
    source[0] = 99;
    assertThat(b.get(0)).isEqualTo((byte) 99);
  }

  @Test
  void wrapRejectsNull() {
    assertThatThrownBy(() -> Bytes.wrap(null)).isInstanceOf(NullPointerException.class).hasMessage("bytes");
  }

  @Test
  void toByteArrayReturnsAFreshCopy() {
    Bytes b = Bytes.copyOf(new byte[] {1, 2});
    b.toByteArray()[0] = 99;
    assertThat(b.get(0)).isEqualTo((byte) 1);
    assertThat(b.toByteArray()).isNotSameAs(b.toByteArray());
  }

  @Test
  void readOnlyBufferCannotWriteThrough() {
    Bytes b = Bytes.copyOf(new byte[] {1, 2});
    ByteBuffer buffer = b.asReadOnlyBuffer();
    assertThat(buffer.isReadOnly()).isTrue();
    assertThat(buffer.remaining()).isEqualTo(2);
    assertThatThrownBy(() -> buffer.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
    assertThat(b.get(0)).isEqualTo((byte) 1);
  }

  @Test
  void writeToWritesAllBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Bytes.fromHex("cafe").writeTo(out);
    assertThat(out.toByteArray()).containsExactly(0xca, 0xfe);
  }

  @Test
  void lengthAndEmptiness() {
    assertThat(Bytes.EMPTY.length()).isZero();
    assertThat(Bytes.EMPTY.isEmpty()).isTrue();
    Bytes b = Bytes.fromHex("0001");
    assertThat(b.length()).isEqualTo(2);
    assertThat(b.isEmpty()).isFalse();
  }

  @Test
  void getChecksTheIndex() {
    assertThatThrownBy(() -> Bytes.fromHex("00").get(1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void equalsAndHashCodeByContent() {
    Bytes a = Bytes.copyOf(new byte[] {1, 2, 3});
    Bytes b = Bytes.wrap(new byte[] {1, 2, 3});
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(Bytes.fromHex("010203ff"));
    assertThat(a).isNotEqualTo(new byte[] {1, 2, 3});
    assertThat(Bytes.copyOf(new byte[0])).isEqualTo(Bytes.EMPTY);
  }

  @Test
  void equalityFollowsArrayContent() {
    Qt.seeded(0xb7e5L).forAll(byteArrays(), byteArrays())
        .checkAssert((x, y) -> {
          assertThat(Bytes.copyOf(x).equals(Bytes.copyOf(y))).isEqualTo(Arrays.equals(x, y));
          assertThat(Bytes.copyOf(x)).isEqualTo(Bytes.wrap(x.clone())).hasSameHashCodeAs(Bytes.wrap(x.clone()));
        });
  }

  @Test
  void hexIsLowerCase() {
    assertThat(Bytes.copyOf(new byte[] {0x0a, (byte) 0xBC, 0x7f}).toHex()).isEqualTo("0abc7f");
  }

  @Test
  void fromHexAcceptsEitherCase() {
    assertThat(Bytes.fromHex("0ABC7f")).isEqualTo(Bytes.copyOf(new byte[] {0x0a, (byte) 0xbc, 0x7f}));
  }

  @Test
  void fromHexRejectsOddLengthAndNonHex() {
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromHex("abc"));
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromHex("zz"));
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromHex("0a 0b"));
  }

  @Test
  void hexRoundTrips() {
    Qt.seeded(0x4e8L).forAll(byteArrays())
        .checkAssert(a -> {
          Bytes b = Bytes.copyOf(a);
          assertThat(b.toHex()).hasSize(2 * a.length);
          assertThat(Bytes.fromHex(b.toHex())).isEqualTo(b);
          assertThat(Bytes.fromHex(b.toHex().toUpperCase())).isEqualTo(b);
        });
  }

  @Test
  void base64IsStandardWithPadding() {
    assertThat(Bytes.fromHex("fbff").toBase64()).isEqualTo("+/8=");
    assertThat(Bytes.fromBase64("+/8=")).isEqualTo(Bytes.fromHex("fbff"));
  }

  @Test
  void fromBase64RejectsUrlAlphabetAndGarbage() {
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromBase64("-_8="));
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromBase64("a"));
  }

  @Test
  void base64RoundTrips() {
    Qt.seeded(0xba5e64L).forAll(byteArrays())
        .checkAssert(a -> {
          Bytes b = Bytes.copyOf(a);
          assertThat(Bytes.fromBase64(b.toBase64())).isEqualTo(b);
        });
  }

  @Test
  void comparesUnsigned() {
    assertThat(Bytes.fromHex("80")).isGreaterThan(Bytes.fromHex("7f"));
    assertThat(Bytes.fromHex("ff")).isGreaterThan(Bytes.fromHex("00"));
    assertThat(Bytes.fromHex("01")).isGreaterThan(Bytes.EMPTY);
    assertThat(Bytes.fromHex("0102")).isGreaterThan(Bytes.fromHex("01"));
    assertThat(Bytes.fromHex("02")).isGreaterThan(Bytes.fromHex("01ff"));
    assertThat(Bytes.fromHex("abcd")).isEqualByComparingTo(Bytes.fromHex("ABCD"));
  }

  @Test
  void compareToIsLexicographicUnsignedAndConsistentWithEquals() {
    Qt.seeded(0xc0deL).forAll(byteArrays(), byteArrays())
        .checkAssert((x, y) -> {
          int c = Integer.signum(Bytes.copyOf(x).compareTo(Bytes.copyOf(y)));
          assertThat(c).isEqualTo(Integer.signum(referenceCompare(x, y)));
          assertThat(c == 0).isEqualTo(Arrays.equals(x, y));
        });
  }

  private static int referenceCompare(byte[] x, byte[] y) {
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int d = (x[i] & 0xff) - (y[i] & 0xff);
      if (d != 0) {
        return d;
      }
    }
    return x.length - y.length;
  }

  @Test
  void toStringShowsLengthAndHex() {
    assertThat(Bytes.fromHex("0a0b0c")).hasToString("Bytes[3: 0a0b0c]");
    assertThat(Bytes.EMPTY).hasToString("Bytes[0: ]");
  }

  @Test
  void toStringShowsAllOf32Bytes() {
    byte[] a = new byte[32];
    Arrays.fill(a, (byte) 0xab);
    assertThat(Bytes.wrap(a)).hasToString("Bytes[32: " + "ab".repeat(32) + "]");
  }

  @Test
  void toStringCutsHexAfter32Bytes() {
    byte[] a = new byte[1000];
    Arrays.fill(a, (byte) 0xab);
    a[32] = 0x01;
    assertThat(Bytes.wrap(a)).hasToString("Bytes[1000: " + "ab".repeat(32) + "...]");
  }

  @Test
  void fromBase64AcceptsOnlyTheCanonicalPaddedForm() {
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromBase64("AQ"))
        .withMessageContaining("not a multiple of 4");
    assertThatIllegalArgumentException().isThrownBy(() -> Bytes.fromBase64("AB=="))
        .withMessageContaining("not canonical");
    assertThat(Bytes.fromBase64("AA==")).isEqualTo(Bytes.fromHex("00"));
  }

  @Test
  void sliceCopiesTheRangeAndChecksIt() {
    Bytes b = Bytes.fromHex("0102030405");
    assertThat(b.slice(1, 3)).isEqualTo(Bytes.fromHex("0203"));
    assertThat(b.slice(0, 5)).isSameAs(b);
    assertThat(b.slice(5, 5)).isEqualTo(Bytes.EMPTY);
    assertThatThrownBy(() -> b.slice(3, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> b.slice(3, 2)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
