package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Hostile input built from Transit's own pieces (tags, cache references, escapes, map markers) as well as from
 * JSON's and MessagePack's: reading gives a value or a {@link PackerException}, never another exception or a hang.
 * The conformance kit adds random bytes and damaged valid payloads.
 */
class TransitFuzzTest {
  private static final PackerLimits SMALL =
      PackerLimits.builder().maxDepth(6).maxCollectionSize(8).maxInputBytes(600).build();

  private static final List<String> SOUP = List.of("[", "]", "{", "}", ",", ":", "\"", "\"^ \"", "\"^0\"", "\"^1\"",
      "\"^10\"", "\"~#set\"", "\"~#list\"", "\"~#cmap\"", "\"~#'\"", "\"~#u\"", "\"~#m\"", "\"~#my/tag\"", "\"~:kw\"",
      "\"~:a/b\"", "\"~$sym\"", "\"~i1\"", "\"~n12\"", "\"~f1.5\"", "\"~d2.5\"", "\"~zNaN\"", "\"~m0\"",
      "\"~t2000-01-01T00:00:00Z\"", "\"~uf81d4fae-7dec-11d0-a765-00a0c91e6bf6\"", "\"~bAAE=\"", "\"~ca\"", "\"~~x\"",
      "\"~^x\"", "\"~rhttp://x\"", "\"~_\"", "\"~?t\"", "\"abcd\"", "1", "-1", "1.5", "1e999", "null", "true",
      "false", " ", "\\u0000", "\"\\ud800\"");

  private static Gen<String> soup() {
    return DataModelGens.listsOf(Generate.pick(SOUP), 40).map(parts -> String.join("", parts));
  }

  private static void readsOrFailsCleanly(Packer p, Payload input) {
    try {
      p.unpack(input);
    } catch (PackerException expected) {
      assertThat(expected.getMessage()).startsWith(p.name() + ": ");
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + input + " with " + p.name() + " threw " + t, t);
    }
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsOfTransitJsonFailOnlyWithPackerException() {
    TransitJsonPacker json = new TransitJsonPacker(SMALL);
    Theories.qt(5000).forAll(soup()).checkAssert(s -> {
      readsOrFailsCleanly(json, Payload.text(s));
      readsOrFailsCleanly(json, Payload.binary(Bytes.wrap(s.getBytes(StandardCharsets.UTF_8))));
    });
  }

  /** The same soups, re-encoded as MessagePack by parsing them as JSON where they parse. */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void soupsOfTransitMsgpackFailOnlyWithPackerException() {
    TransitJsonPacker json = new TransitJsonPacker();
    TransitMsgpackPacker msgpack = new TransitMsgpackPacker(SMALL);
    Theories.qt(3000).forAll(soup(), Generate.range(0, 1000)).checkAssert((s, cut) -> {
      Object v;
      try {
        v = json.unpack(Payload.text(s));
      } catch (PackerException notJson) {
        return;
      }
      byte[] b;
      try {
        b = new TransitMsgpackPacker().pack(v).asBytes().toByteArray();
      } catch (PackerException refused) {
        return;
      }
      readsOrFailsCleanly(msgpack, Payload.binary(Bytes.wrap(b)));
      readsOrFailsCleanly(msgpack, Payload.binary(Bytes.wrap(java.util.Arrays.copyOf(b, cut % (b.length + 1)))));
    });
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomMessagePackFailsOnlyWithPackerException() {
    Gen<byte[]> noise = Generate.byteArrays(Generate.range(0, 64), Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE,
        (byte) 0));
    TransitMsgpackPacker msgpack = new TransitMsgpackPacker(SMALL);
    Theories.qt(5000).forAll(noise).checkAssert(b -> readsOrFailsCleanly(msgpack, Payload.binary(Bytes.wrap(b))));
  }
}
