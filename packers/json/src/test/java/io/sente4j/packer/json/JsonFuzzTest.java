package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.Theories;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile input: random bytes, soups of JSON fragments and damaged valid output, as text and as bytes. Unpacking
 * either returns a value or throws a {@link PackerException}, never anything else, and never hangs.
 */
class JsonFuzzTest {
  /** Small limits, so that the fuzz reaches them too. */
  private final JsonPacker packer =
      new JsonPacker(PackerLimits.builder().maxDepth(6).maxCollectionSize(8).maxInputBytes(400).build());

  private static final List<String> SOUP = List.of("[", "]", "{", "}", ",", ":", "\"", "\\", "\\u", "\\ud800",
      "\\udc00", "\\u00e9", "\\n", "\\x", "0", "1", "9", "-", "+", ".", "e", "E", "00", "1e999", "-0", "1.5",
      "123456789012345678901234567890", "null", "true", "false", "nul", "NaN", "Infinity", "\"a\"", "\"a\":", "[]",
      "{}", " ", "\n", "\t", "\r", "/", "/*", "*/", "//", "#", "'", "\u00e9", "\ud83d\ude00", "\ud800", "\udc00",
      "\u0000", "\u001f", "\u007f", "\u2028", "\uFEFF", "\uFFFF", "x", "1" + "0".repeat(40));

  private static Gen<String> soup() {
    return DataModelGens.listsOf(Generate.pick(SOUP), 40).map(parts -> String.join("", parts));
  }

  private static Gen<byte[]> noise() {
    return Generate.byteArrays(Generate.range(0, 64), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  private void readsOrFailsCleanly(Payload input) {
    try {
      packer.unpack(input);
    } catch (PackerException expected) {
      assertThat(expected.getMessage()).startsWith("json: ");
      assertThat(expected.packer()).isEqualTo("json");
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + input + " threw " + t + " instead of a PackerException", t);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsOfJsonFragmentsFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(soup()).checkAssert(s -> {
      readsOrFailsCleanly(Payload.text(s));
      readsOrFailsCleanly(Payload.binary(Bytes.wrap(s.getBytes(StandardCharsets.UTF_8))));
    });
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsBeyondTheRecursionLimitFailOnlyWithPackerException() {
    JsonPacker deep =
        new JsonPacker(PackerLimits.builder().maxDepth(300).maxCollectionSize(8).maxInputBytes(2000).build());
    String open = "[".repeat(290);
    String close = "]".repeat(290);
    Theories.qt(2000).forAll(soup()).checkAssert(s -> {
      try {
        deep.unpack(Payload.text(open + s + close));
      } catch (PackerException expected) {
        assertThat(expected.getMessage()).startsWith("json: ");
      }
    });
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomBytesFailOnlyWithPackerException() {
    Theories.qt(5000).forAll(noise()).checkAssert(b -> {
      readsOrFailsCleanly(Payload.binary(Bytes.wrap(b)));
      readsOrFailsCleanly(Payload.text(new String(b, StandardCharsets.ISO_8859_1)));
    });
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void damagedOutputFailsOnlyWithPackerException() {
    Gen<Object> values = DataModelGens.all().without(Kind.TAGGED, Kind.NON_FINITE_DOUBLE).values()
        .assuming(JsonDomain::accepts);
    Gen<int[]> damage = Generate.intArrays(Generate.range(1, 4), Generate.range(0, Integer.MAX_VALUE));
    Theories.qt(3000).forAll(values, damage).checkAssert((v, d) -> {
      byte[] b = new JsonPacker().pack(v).asBytes().toByteArray();
      for (int i = 0; i + 1 < d.length; i += 2) {
        if (b.length > 0) {
          b[d[i] % b.length] = (byte) d[i + 1];
        }
      }
      if (d.length % 2 == 1 && b.length > 0) {
        b = java.util.Arrays.copyOf(b, d[d.length - 1] % b.length);
      }
      readsOrFailsCleanly(Payload.binary(Bytes.wrap(b)));
      readsOrFailsCleanly(Payload.text(new String(b, StandardCharsets.UTF_8)));
    });
  }
}
