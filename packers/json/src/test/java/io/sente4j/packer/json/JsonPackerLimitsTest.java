package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each of the {@link PackerLimits} at its exact edge, in both directions where it applies. */
class JsonPackerLimitsTest {

  private static JsonPacker limited(PackerLimits.Builder b) {
    return new JsonPacker(b.build());
  }

  private static PackerLimitException assertLimit(ThrowingCallable call, Limit limit) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isInstanceOf(PackerLimitException.class);
    PackerLimitException e = (PackerLimitException) t;
    assertThat(e.limit()).isEqualTo(limit);
    assertThat(e.packer()).isEqualTo("json");
    return e;
  }

  private static Object lists(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }

  private static String arrays(int depth) {
    return "[".repeat(depth) + "]".repeat(depth);
  }

  @Test
  void depthLimitOnUnpackAtItsEdge() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(3));
    assertThat(p.unpack(Payload.text("[[[]]]"))).isEqualTo(lists(3));
    assertThat(p.unpack(Payload.text("{\"a\":{\"b\":[1]}}"))).isEqualTo(Map.of("a", Map.of("b", List.of(1L))));
    PackerLimitException e = assertLimit(() -> p.unpack(Payload.text("[[[[]]]]")), Limit.DEPTH);
    assertThat(e.offset()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(4);
    assertThat(e.limitValue()).isEqualTo(3);
    assertLimit(() -> p.unpack(Payload.text("{\"a\":{\"b\":{\"c\":{}}}}")), Limit.DEPTH);
    assertThat(p.unpack(Payload.text("7"))).isEqualTo(7L); // a scalar has no depth
  }

  @Test
  void depthOneAllowsOnlyFlatCollections() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(1));
    assertThat(p.unpack(Payload.text("[1,2]"))).isEqualTo(List.of(1L, 2L));
    assertLimit(() -> p.unpack(Payload.text("[[]]")), Limit.DEPTH);
    assertThat(p.pack(List.of(1L)).asText()).isEqualTo("[1]");
    assertLimit(() -> p.pack(List.of(List.of())), Limit.DEPTH);
  }

  @Test
  void depthLimitOnPackAtItsEdge() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(5));
    assertThat(p.pack(lists(5)).asText()).isEqualTo(arrays(5));
    PackerLimitException e = assertLimit(() -> p.pack(lists(6)), Limit.DEPTH);
    assertThat(e.offset()).isEqualTo(-1);
  }

  @Test
  void collectionKeysCountTowardsTheDepthAsChildrenOfTheirMap() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(3));
    assertThat(p.pack(Map.of(List.of(List.of()), 1L)).asText()).isEqualTo("{\"[[]]\":1}");
    assertLimit(() -> p.pack(Map.of(List.of(List.of(List.of())), 1L)), Limit.DEPTH);
  }

  @Test
  void aCyclicCollectionEndsAtTheDepthLimit() {
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertLimit(() -> new JsonPacker().pack(cyclic), Limit.DEPTH);
    Map<Object, Object> cyclicMap = new LinkedHashMap<>();
    cyclicMap.put("self", cyclicMap);
    assertLimit(() -> new JsonPacker().pack(cyclicMap), Limit.DEPTH);
    Map<Object, Object> cyclicKey = new LinkedHashMap<>();
    List<Object> key = new ArrayList<>();
    key.add(cyclicKey);
    cyclicKey.put(key, 1L);
    assertLimit(() -> new JsonPacker().pack(cyclicKey), Limit.DEPTH);
  }

  @Test
  @Timeout(60)
  void hugeDepthLimitsNeitherOverflowTheStackNorLoseTheLimit() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(PackerLimits.MAX_DEPTH_CEILING).maxInputBytes(1 << 22));
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertLimit(() -> p.pack(cyclic), Limit.DEPTH);
    Map<Object, Object> cyclicMap = new LinkedHashMap<>();
    cyclicMap.put(Keyword.of("self"), cyclicMap);
    assertLimit(() -> p.pack(cyclicMap), Limit.DEPTH);

    Object deep = lists(100_000);
    String text = p.pack(deep).asText();
    assertThat(text).isEqualTo(arrays(100_000));
    assertThat(depthOfNestedSingletons(p.unpack(Payload.text(text)))).isEqualTo(100_000);
    assertLimit(() -> p.unpack(Payload.text(arrays(100_001))), Limit.DEPTH);
  }

  /** The depth of {@code [[[...[]...]]]}, checked without recursion (List.equals would overflow the stack). */
  private static int depthOfNestedSingletons(Object v) {
    int depth = 0;
    while (true) {
      assertThat(v).isInstanceOf(List.class);
      List<?> list = (List<?>) v;
      depth++;
      if (list.isEmpty()) {
        return depth;
      }
      assertThat(list).hasSize(1);
      v = list.get(0);
    }
  }

  @Test
  void deepValuesWrittenBeyondTheRecursionLimitMatchTheShallowForm() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(2000));
    Map<Object, Object> leaf = new LinkedHashMap<>();
    leaf.put(Keyword.of("k"), List.of(1L, 2.5, "s", Bytes.fromHex("ff")));
    leaf.put(List.of(Keyword.of("a"), 1L), Map.of(true, "t"));
    leaf.put(null, new java.util.LinkedHashSet<>(List.of('c', Keyword.of("x/y"))));
    Object v = leaf;
    for (int i = 0; i < 600; i++) {
      Map<Object, Object> m = new LinkedHashMap<>();
      m.put(i % 2 == 0 ? "m" : Keyword.of("n" + i), i % 3 == 0 ? List.of(v) : v);
      v = m;
    }
    String text = p.pack(v).asText();
    assertThat(text).isEqualTo(JsonDomain.jsonText(v));
    assertThat(p.unpack(Payload.text(text))).isEqualTo(JsonDomain.normalise(v));
  }

  @Test
  void beyondTheRecursionLimitTheReaderAppliesTheSameChecks() {
    JsonPacker p = limited(PackerLimits.builder().maxDepth(1000).maxCollectionSize(3));
    String open = "[".repeat(300);
    String close = "]".repeat(300);
    assertThat(depthOfNestedSingletons(p.unpack(Payload.text(open + close)))).isEqualTo(300);
    Object read = p.unpack(Payload.text(open + "{\"a\":[1,2.5,\"s\"],\"b\":{\"c\":null}}" + close));
    for (int i = 0; i < 300; i++) {
      read = ((List<?>) read).get(0);
    }
    assertThat(read).isEqualTo(Map.of("a", List.of(1L, 2.5, "s"), "b", java.util.Collections.singletonMap("c", null)));

    PackerLimitException size = assertLimit(() -> p.unpack(Payload.text(open + "1,2,3,4" + close)), Limit.COLLECTION_SIZE);
    assertThat(size.offset()).isEqualTo(300 + 6);
    assertLimit(() -> p.unpack(Payload.text(open + "{\"a\":1,\"b\":2,\"c\":3,\"d\":4}" + close)),
        Limit.COLLECTION_SIZE);
    PackerLimitException depth = assertLimit(() -> p.unpack(Payload.text(arrays(1001))), Limit.DEPTH);
    assertThat(depth.offset()).isEqualTo(1000);
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "{\"a\":1,\"a\":2}" + close))))
        .isEqualTo("duplicate key \"a\" in an object");
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "\"\\ud800\"" + close))))
        .contains("lone surrogate");
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "1e999" + close)))).contains("beyond the range");
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "-" + "1".repeat(1000) + close))))
        .contains("longer than 1000");
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "1" + "]".repeat(299))))).contains("end-of-input");
    assertThat(catchReason(() -> p.unpack(Payload.text(open + "1" + close + "]")))).contains("close marker");
  }

  private static String catchReason(ThrowingCallable call) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
    assertThat(t).isExactlyInstanceOf(io.sente4j.core.PackerException.class);
    return ((io.sente4j.core.PackerException) t).reason();
  }

  @Test
  void collectionSizeLimitAtItsEdge() {
    JsonPacker p = limited(PackerLimits.builder().maxCollectionSize(3));
    assertThat(p.unpack(Payload.text("[1,2,3]"))).isEqualTo(List.of(1L, 2L, 3L));
    assertThat(p.unpack(Payload.text("{\"a\":1,\"b\":2,\"c\":3}"))).isEqualTo(Map.of("a", 1L, "b", 2L, "c", 3L));
    PackerLimitException array = assertLimit(() -> p.unpack(Payload.text("[1,2,3,[4]]")), Limit.COLLECTION_SIZE);
    assertThat(array.offset()).isEqualTo(7); // the element that does not fit
    PackerLimitException object =
        assertLimit(() -> p.unpack(Payload.text("{\"a\":1,\"b\":2,\"c\":3,\"d\":4}")), Limit.COLLECTION_SIZE);
    assertThat(object.offset()).isEqualTo(19); // its key
    assertLimit(() -> p.unpack(Payload.text("[[1,2,3,4]]")), Limit.COLLECTION_SIZE);
    assertThat(p.pack(List.of(1L, 2L, 3L, 4L)).asText()).isEqualTo("[1,2,3,4]"); // writing is the peer's concern
  }

  @Test
  void collectionSizeZeroAllowsOnlyEmptyCollections() {
    JsonPacker p = limited(PackerLimits.builder().maxCollectionSize(0));
    assertThat(p.unpack(Payload.text("[]"))).isEqualTo(List.of());
    assertThat(p.unpack(Payload.text("{}"))).isEqualTo(Map.of());
    assertLimit(() -> p.unpack(Payload.text("[null]")), Limit.COLLECTION_SIZE);
    assertLimit(() -> p.unpack(Payload.text("{\"a\":1}")), Limit.COLLECTION_SIZE);
  }

  @Test
  void inputLimitCountsUtf8BytesAtItsEdge() {
    JsonPacker p = limited(PackerLimits.builder().maxInputBytes(10));
    assertThat(p.unpack(Payload.text("\"12345678\""))).isEqualTo("12345678");
    assertThat(p.unpack(Payload.text("\"\u00e9\u00e9\u00e9\u00e9\""))).isEqualTo("\u00e9\u00e9\u00e9\u00e9");
    assertThat(p.unpack(Payload.text("\"\ud834\udd1e\ud834\udd1e\""))).isEqualTo("\ud834\udd1e\ud834\udd1e");
    PackerLimitException ascii = assertLimit(() -> p.unpack(Payload.text("\"123456789\"")), Limit.INPUT_BYTES);
    assertThat(ascii.offset()).isEqualTo(10);
    assertThat(ascii.limitValue()).isEqualTo(10);
    PackerLimitException accented = assertLimit(() -> p.unpack(Payload.text("\"\u00e9\u00e9\u00e9\u00e9\u00e9\"")),
        Limit.INPUT_BYTES);
    assertThat(accented.offset()).isEqualTo(5); // the é whose second byte is the 11th
    assertLimit(() -> p.unpack(Payload.text("\n\n\"\u20ac\u20ac\u20ac\"")), Limit.INPUT_BYTES);
  }

  @Test
  void inputLimitOnBinaryPayloadsAtItsEdge() {
    JsonPacker p = limited(PackerLimits.builder().maxInputBytes(10));
    byte[] ten = "\"\u00e9\u00e9\u00e9\u00e9\"".getBytes(StandardCharsets.UTF_8);
    assertThat(ten).hasSize(10);
    assertThat(p.unpack(Payload.binary(Bytes.wrap(ten)))).isEqualTo("\u00e9\u00e9\u00e9\u00e9");
    byte[] eleven = "[\"12345678\"]".getBytes(StandardCharsets.UTF_8);
    PackerLimitException e = assertLimit(() -> p.unpack(Payload.binary(Bytes.wrap(eleven))), Limit.INPUT_BYTES);
    assertThat(e.offset()).isEqualTo(10);
  }

  @Test
  void thePackerReportsItsLimits() {
    PackerLimits limits = PackerLimits.builder().maxDepth(7).maxInputBytes(99).maxCollectionSize(5).build();
    assertThat(new JsonPacker(limits).limits()).isEqualTo(limits);
    assertThat(new JsonPacker().limits()).isEqualTo(PackerLimits.defaults());
    assertThatThrownBy(() -> new JsonPacker(null)).isInstanceOf(NullPointerException.class);
  }
}
