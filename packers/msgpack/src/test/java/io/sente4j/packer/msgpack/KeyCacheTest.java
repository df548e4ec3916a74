package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.Payload;
import io.sente4j.spec.GoldenVectors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Sente's per-message map-key cache, both ways, pinned by the golden vectors in {@code
 * spec/vectors/msgpack/key-cache/}: the first 256 distinct keyword or string map keys are numbered in order of first
 * appearance (inside sets and key collections too), a repeat is {@code d4 08 nn}, keys beyond the 256th are always
 * written out, and values are never cached.
 */
class KeyCacheTest {
  private final MsgpackPacker packer = new MsgpackPacker();
  private final GoldenVectors vectors = new GoldenVectors(MsgpackPacker.NAME, true);

  private static Map<Object, Object> map(Object... kvs) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kvs.length; i += 2) {
      m.put(kvs[i], kvs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  private static Keyword kw(String name) {
    return Keyword.of(name);
  }

  /** The cases: name and value. */
  static Map<String, Object> cases() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("keyword-and-string-apart", List.of(map(kw("a"), 1L, "a", 2L), map("a", 3L, kw("a"), 4L)));
    c.put("values-never-cached", List.of(map(kw("a"), kw("b")), map(kw("b"), kw("a")), map(kw("a"), "b")));
    c.put("keys-inside-sets-and-keys", List.of(new LinkedHashSet<>(List.of(map(kw("x"), 1L))),
        map(map(kw("y"), 2L), 3L), map(kw("x"), 4L, kw("y"), 5L)));
    c.put("other-keys-not-cached", List.of(map(1L, 2L, kw("k"), 3L), map(1L, 4L, kw("k"), 5L)));
    Map<Object, Object> full = new LinkedHashMap<>();
    for (int i = 0; i < 256; i++) {
      full.put(String.format("k%03d", i), (long) i);
    }
    c.put("full-after-256-keys", List.of(Collections.unmodifiableMap(full), map("k255", 1L, "new", 2L, "k000", 3L),
        map("new", 4L)));
    return c;
  }

  @TestFactory
  Stream<DynamicTest> goldenKeyCacheVectors() {
    List<String> written = new ArrayList<>();
    Stream<DynamicTest> checks = cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
      byte[] packed = packer.pack(e.getValue()).asBytes().toByteArray();
      Optional<byte[]> wire = vectors.read("key-cache", e.getKey());
      if (wire.isEmpty()) {
        if (GoldenVectors.writeMissing()) {
          written.add(vectors.write("key-cache", e.getKey(), packed).toString());
          return;
        }
        fail("no vector %s", vectors.path("key-cache", e.getKey()));
      }
      assertThat(Bytes.wrap(packed).toHex()).isEqualTo(Bytes.wrap(wire.get()).toHex());
      assertThat(packer.unpack(Payload.binary(Bytes.wrap(wire.get())))).isEqualTo(e.getValue());
    }));
    return Stream.concat(checks, Stream.of(DynamicTest.dynamicTest("no vector was missing",
        () -> assertThat(written).as("vectors written: review, then commit").isEmpty())));
  }

  private Object read(String hex) {
    return packer.unpack(Payload.binary(Bytes.fromHex(hex.replace(" ", ""))));
  }

  /** Sente's reader numbers every literal keyword or string key it reads, repeats included. */
  @Test
  void aLiteralRepeatInAnotherMapTakesTheNextNumber() {
    // [{"a" 1} {"a" 2} {#8(1) 3}]: the second literal "a" is key 1.
    assertThat(read("93 81 a161 01 81 a161 02 81 d40801 03"))
        .isEqualTo(List.of(Map.of("a", 1L), Map.of("a", 2L), Map.of("a", 3L)));
  }

  @Test
  void aReferenceToAKeyNotYetNumberedFails() {
    assertThatThrownBy(() -> read("92 81 a161 01 81 d40801 02")).isInstanceOfSatisfying(PackerException.class,
        e -> {
          assertThat(e.reason()).contains("key 1", "only 1 keys");
          assertThat(e.offset()).isEqualTo(6);
        });
  }

  /**
   * A reference is three bytes standing for a whole key read before: a 1 MiB payload of one long key and maps
   * referring to it read into a value of billions of characters, which the first toString or re-packing into another
   * format then tried to build. The references of one payload may stand for 16 times its input limit.
   */
  @Test
  void referencesMayStandForSixteenTimesTheInputLimitAndNoMore() {
    MsgpackPacker limited = new MsgpackPacker(io.sente4j.core.PackerLimits.builder().maxInputBytes(1000).build());
    String key = "k".repeat(248); // d9 f8 and 248 bytes: each reference to it is charged its 250 bytes
    StringBuilder hex = new StringBuilder("81 d9f8 " + "6b".repeat(248) + " c0");
    for (int i = 0; i < 64; i++) {
      hex.append(" 81 d40800 c0");
    }
    Map<Object, Object> one = map(key, null);
    assertThat(limited.unpack(Payload.binary(Bytes.fromHex(("dc0041 " + hex).replace(" ", "")))))
        .isEqualTo(Collections.nCopies(65, one));
    String beyond = "dc0042 " + hex + " 81 d40800 c0";
    assertThatThrownBy(() -> limited.unpack(Payload.binary(Bytes.fromHex(beyond.replace(" ", "")))))
        .isInstanceOfSatisfying(PackerLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(PackerLimitException.Limit.CACHE_EXPANSION);
          assertThat(e.limitValue()).isEqualTo(16);
          assertThat(e.reason()).isEqualTo("cache references that stand for more than 16000 bytes in all (16 times"
              + " PackerLimits.maxInputBytes; see maxCacheExpansion): a value that large from so small an input is"
              + " refused");
          assertThat(e.offset()).isEqualTo(3 + 252 + 64 * 5 + 1);
        });
  }

  /** The same payload under {@code maxCacheExpansion(2)}: 2,000 bytes, so the ninth reference is one too many. */
  @Test
  void referencesMayStandForTheConfiguredExpansionAndNoMore() {
    MsgpackPacker limited = new MsgpackPacker(io.sente4j.core.PackerLimits.builder().maxInputBytes(1000)
        .maxCacheExpansion(2).build());
    String key = "k".repeat(248);
    StringBuilder hex = new StringBuilder("81 d9f8 " + "6b".repeat(248) + " c0");
    for (int i = 0; i < 8; i++) {
      hex.append(" 81 d40800 c0");
    }
    assertThat(limited.unpack(Payload.binary(Bytes.fromHex(("99 " + hex).replace(" ", "")))))
        .isEqualTo(Collections.nCopies(9, map(key, null)));
    String beyond = "9a " + hex + " 81 d40800 c0";
    assertThatThrownBy(() -> limited.unpack(Payload.binary(Bytes.fromHex(beyond.replace(" ", "")))))
        .isInstanceOfSatisfying(PackerLimitException.class, e -> {
          assertThat(e.limitValue()).isEqualTo(2);
          assertThat(e.reason()).startsWith("cache references that stand for more than 2000 bytes in all (2 times");
        });
  }

  @Test
  void aReferenceOutsideAMapKeyFails() {
    assertThatThrownBy(() -> read("92 81 a161 01 d40800")).isInstanceOfSatisfying(PackerException.class,
        e -> assertThat(e.reason()).contains("not a map key"));
  }

  @Test
  void aReferenceOfOtherThanOneByteFails() {
    assertThatThrownBy(() -> read("92 81 a161 01 81 d5080000 02")).isInstanceOfSatisfying(PackerException.class,
        e -> assertThat(e.reason()).contains("2 bytes instead of 1"));
  }

  @Test
  void aReferenceRepeatingAKeyOfTheSameMapIsADuplicate() {
    assertThatThrownBy(() -> read("82 a161 01 d40800 02")).isInstanceOfSatisfying(PackerException.class,
        e -> assertThat(e.reason()).contains("repeats a key"));
  }
}
