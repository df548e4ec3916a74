package io.sente4j.packer.msgpack;

import static io.sente4j.spec.ConcatenatedLists.assertConcatenatesAsOne;
import static io.sente4j.spec.ConcatenatedLists.concat;
import static io.sente4j.spec.ConcatenatedLists.hex;
import static io.sente4j.spec.ConcatenatedLists.ones;
import static io.sente4j.spec.ConcatenatedLists.packAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.spec.ConcatenatedLists;
import io.sente4j.spec.DataModelGens.Kind;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link MsgpackPacker#concatLists}: the bytes of packing the concatenated list, across every array header size and
 * through the per-message map-key cache.
 */
class MsgpackConcatListsTest {
  private final MsgpackPacker packer = new MsgpackPacker();

  private static Map<Object, Object> map(Object... keysAndValues) {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** One map of {@code n} distinct keyword keys, {@code :k0} on. */
  private static Map<Object, Object> manyKeys(int n) {
    Map<Object, Object> m = new LinkedHashMap<>();
    IntStream.range(0, n).forEach(i -> m.put(Keyword.of("k" + i), (long) i));
    return m;
  }

  @Test
  void theTotalTakesTheShortestHeaderAtEachEdge() {
    int[][] splits = {{15, 0}, {15, 1}, {8, 8}, {10, 5, 1}, {255, 1}, {200, 56}, {65535, 0}, {65535, 1},
        {1, 65535}, {30000, 30000, 5536}};
    for (int[] split : splits) {
      List<?>[] parts = Arrays.stream(split).mapToObj(ConcatenatedLists::ones).toArray(List<?>[]::new);
      assertThat(concat(packer, parts)).as("%s", Arrays.toString(split)).isEqualTo(packAll(packer, parts));
    }
    assertThat(concat(packer, ones(15), ones(1)).asBytes().slice(0, 3))
        .as("array 16").isEqualTo(Bytes.fromHex("dc0010"));
    assertThat(concat(packer, ones(255), ones(1)).asBytes().slice(0, 3)).isEqualTo(Bytes.fromHex("dc0100"));
    assertThat(concat(packer, ones(65535), ones(1)).asBytes().slice(0, 5)).as("array 32")
        .isEqualTo(Bytes.fromHex("dd00010000"));
  }

  @Test
  void emptyListsAddNothing() {
    assertThat(concat(packer, List.of(), List.of(1L), List.of())).isEqualTo(packer.pack(List.of(1L)));
    assertThat(concat(packer, List.of(), List.of())).isEqualTo(hex("90"));
    assertThat(packer.concatLists(List.of())).as("no lists").isEqualTo(hex("90"));
    assertThat(concat(packer, List.of(1L, "a"))).as("one list").isEqualTo(packer.pack(List.of(1L, "a")));
  }

  @Test
  void aLaterListReferencesTheKeysItRepeatsByTheirNumberInTheJoinedMessage() {
    Keyword a = Keyword.of("a");
    // Alone, the second list numbers "b" 0; joined, 0 is "a" and "b" is 1.
    assertConcatenatesAsOne(packer, List.of(map("a", 1L)), List.of(map("b", 1L), map("b", 2L)));
    // A key the first list numbered is a reference in the second, where it was written out.
    assertConcatenatesAsOne(packer, List.of(map(a, 1L)), List.of(map(a, 2L, "a", 3L)), List.of(map("a", 4L, a, 5L)));
    // Maps in a set share the message's cache; the set's extension header is rewritten for its new length.
    assertConcatenatesAsOne(packer, List.of(map(a, 1L)), List.of(Set.of(map(a, 2L)), map(a, 3L)));
    // A map inside a key, and keys the cache does not number.
    assertConcatenatesAsOne(packer, List.of(map(a, 1L)),
        List.of(map(List.of(map(a, 2L)), 3L, 1L, a, Keyword.of("b"), 4L)));
    Set<Object> nested = new LinkedHashSet<>(List.of(Set.of(map(a, 1L)), map("x".repeat(300), 2L)));
    assertConcatenatesAsOne(packer, List.of(map("x".repeat(300), 1L)), List.of(nested, map(a, 2L)));
  }

  @Test
  void keysPastTheCachesTwoHundredFiftySixAreWrittenOut() {
    Keyword late = Keyword.of("late");
    // The first list fills the cache: the second's own number for :late is no number when joined.
    assertConcatenatesAsOne(packer, List.of(manyKeys(256)),
        List.of(map(late, 1L), map(late, 2L, Keyword.of("k0"), 3L)));
    // The cache fills in the middle of the second list.
    assertConcatenatesAsOne(packer, List.of(manyKeys(250)),
        List.of(manyKeys(260), map(Keyword.of("k255"), 1L, Keyword.of("k1"), 2L)));
    // The second list alone numbers keys its 256 did not: joined, they stay written out.
    assertConcatenatesAsOne(packer, List.of(map(late, 0L)),
        List.of(manyKeys(300), map(Keyword.of("k299"), 1L, late, 2L)));
  }

  @Test
  void joinedPushesAreTheBytesOfOnePushOfAllTheirEvents() {
    FrameCodec codec = new FrameCodec(packer);
    Keyword id = Keyword.of("my-app", "update");
    List<Event> first = List.of(new Event(id, map(Keyword.of("id"), 1L, Keyword.of("name"), "a")));
    List<Event> second = List.of(new Event(id, map(Keyword.of("id"), 2L, Keyword.of("name"), "b")),
        new Event(id, map(Keyword.of("name"), "c", Keyword.of("tags"), Set.of("x"))));
    List<Event> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(codec.joinPushes(List.of(codec.encode(new Frame.Push(first)), codec.encode(new Frame.Push(second)))))
        .isEqualTo(codec.encode(new Frame.Push(all)));
  }

  /**
   * The frame layer's probe finds out a concatenation that only replaces the array headers (the later lists' map-key
   * references then point at the earlier lists' keys): such a packer's pushes are packed again, never joined wrongly.
   */
  @Test
  void theFrameLayersProbeFindsOutAConcatenationThatIgnoresTheKeyCache() {
    Packer headerOnly = new Packer() {
      @Override
      public String name() {
        return packer.name();
      }

      @Override
      public boolean isBinary() {
        return true;
      }

      @Override
      public boolean carriesKeywords() {
        return packer.carriesKeywords();
      }

      @Override
      public PackerLimits limits() {
        return packer.limits();
      }

      @Override
      public Payload pack(Object value) {
        return packer.pack(value);
      }

      @Override
      public Object unpack(Payload payload) {
        return packer.unpack(payload);
      }

      @Override
      public Payload concatLists(List<Payload> lists) {
            try (MessageBufferPacker out = MessagePack.newDefaultBufferPacker()) {
          int total = 0;
          List<byte[]> bodies = new ArrayList<>();
          for (Payload list : lists) {
            byte[] bytes = list.asBytes().toByteArray();
            try (MessageUnpacker in = MessagePack.newDefaultUnpacker(bytes)) {
              total += in.unpackArrayHeader();
              bodies.add(Arrays.copyOfRange(bytes, (int) in.getTotalReadBytes(), bytes.length));
            }
          }
          out.packArrayHeader(total);
          for (byte[] body : bodies) {
            out.writePayload(body);
          }
          return Payload.binary(Bytes.wrap(out.toByteArray()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    FrameCodec codec = new FrameCodec(headerOnly);
    List<Event> first = List.of(new Event(Keyword.of("n", "n"), Map.of("k", 1L)));
    List<Event> second = List.of(new Event(Keyword.of("n", "n"), Map.of("k", 2L)));
    assertThat(codec.joinPushes(List.of(codec.encode(new Frame.Push(first)), codec.encode(new Frame.Push(second)))))
        .isNull();
  }

  @Test
  void anythingButAnArrayThisPackerWroteAnswersNull() {
    Payload list = packer.pack(List.of(1L));
    for (Payload other : List.of(packer.pack(1L), packer.pack("[1]"), packer.pack(Map.of(1L, 2L)),
        packer.pack(Set.of(1L)), Payload.text("\u0091\u0001"), hex(""), hex("dc 00"), hex("dd 000000"),
        hex("93 01 02"), hex("dd ffffffff 01"), hex("c1"))) {
      assertThat(packer.concatLists(List.of(list, other))).as("%s", other).isNull();
      assertThat(packer.concatLists(List.of(other, list))).as("%s", other).isNull();
    }
    // Elements are read in every list but the last: malformed ones there answer null too.
    for (String bad : List.of("92 c1 01", "91 d4 08 00", "91 81 d4 08 00 01", "91 81 d5 08 0000 01",
        "92 81 a1 61 01 81 d4 08 01 02", "91 01 02", "91 d9 05 61", "91 c7 02 04 91", "91 d5 04 92 01",
        "91 c7 05 04 92 01 02 03 04", "91 db 7fffffff 61")) {
      assertThat(packer.concatLists(List.of(hex(bad), list))).as(bad).isNull();
    }
  }

  @Test
  void nestingPastTheDepthLimitAnswersNull() {
    MsgpackPacker shallow = new MsgpackPacker(packer.limits().toBuilder().maxDepth(2).build());
    Payload deep = packer.pack(List.of(List.of(List.of(1L))));
    assertThat(shallow.concatLists(List.of(deep, shallow.pack(List.of(1L))))).isNull();
  }

  /** The domain's values, with map keys mostly from a few keywords and strings so that lists share them. */
  private static Gen<Object> values() {
    Gen<Object> fewKeys = Generate.pick(List.<Object>of(Keyword.of("a"), Keyword.of("b"), Keyword.of("x", "c"), "a",
        "d", "e".repeat(40)));
    Gen<Object> keys = Generate.frequency(List.of(Pair.of(4, fewKeys),
        Pair.of(1, DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL, Kind.BIG_INTEGER)
            .scalars())));
    return DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL, Kind.BIG_INTEGER).withMapKeys(keys).values();
  }

  @Test
  void concatenatingIsPackingTheConcatenatedList() {
    Theories.qt().forAll(DataModelGens.listsOf(DataModelGens.listsOf(values(), 0, 6), 0, 5))
        .checkAssert(parts -> assertConcatenatesAsOne(packer, parts.toArray(List<?>[]::new)));
  }

  /**
   * Map keys from a small pool and from wide maps of up to 300 distinct keys (so the 256-key cache fills at any point
   * of any list), and keys that are themselves maps, sets of maps or lists holding such keys; values that hold the
   * bytes of a key reference ({@code d4 08 nn}) without being one.
   */
  private static Gen<Object> keyHeavyValues() {
    Gen<Object> pool = Generate.pick(List.<Object>of(Keyword.of("a"), Keyword.of("b"), Keyword.of("x", "c"), "a",
        "b", "e".repeat(40), Keyword.of("k1"), "k1", Keyword.of("k255"), Keyword.of("k299")));
    Gen<Object> lookalikes = Generate.pick(List.<Object>of(Bytes.fromHex("d40800"), "\u00d4\b\u0000",
        Bytes.fromHex("d408ff"), Keyword.of("d4"), 0xd40800L));
    DataModelGens noBig = DataModelGens.all().without(Kind.TAGGED, Kind.BIG_DECIMAL, Kind.BIG_INTEGER);
    Gen<Object> simpleKeys = Generate.frequency(List.of(Pair.of(6, pool), Pair.of(1, lookalikes),
        Pair.of(1, noBig.scalars())));
    Gen<Object> nested = noBig.withMaxDepth(2).withMapKeys(simpleKeys).values();
    Gen<Object> wide = Generate.range(0, 300).zip(Generate.range(0, 299), Generate.booleans(),
        (n, from, keywords) -> {
          Map<Object, Object> m = new LinkedHashMap<>();
          for (int i = 0; i < n; i++) {
            String name = "k" + ((from + i) % 300);
            m.put(keywords ? Keyword.of(name) : name, (long) i);
          }
          return (Object) m;
        });
    Gen<Object> keys = Generate.frequency(List.of(Pair.of(6, simpleKeys), Pair.of(2, nested)));
    Gen<Object> values = noBig.withMaxDepth(3).withMapKeys(keys).values();
    return Generate.frequency(List.of(Pair.of(8, values), Pair.of(1, wide), Pair.of(1, lookalikes),
        Pair.of(1, DataModelGens.setsOf(values, 1, 4).map(x -> (Object) x))));
  }

  @Test
  void concatenatingIsPackingTheConcatenatedListWhateverTheMapKeys() {
    Theories.qt().forAll(DataModelGens.listsOf(DataModelGens.listsOf(keyHeavyValues(), 0, 6), 0, 5))
        .checkAssert(parts -> assertConcatenatesAsOne(packer, parts.toArray(List<?>[]::new)));
  }
}
