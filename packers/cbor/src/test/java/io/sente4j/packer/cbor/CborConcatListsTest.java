package io.sente4j.packer.cbor;

import static io.sente4j.spec.ConcatenatedLists.concat;
import static io.sente4j.spec.ConcatenatedLists.hex;
import static io.sente4j.spec.ConcatenatedLists.ones;
import static io.sente4j.spec.ConcatenatedLists.packAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.spec.ConcatenatedLists;
import io.sente4j.spec.DataModelGens;
import io.sente4j.spec.Theories;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CborPacker#concatLists}: the bytes of packing the concatenated list, across every head size. */
class CborConcatListsTest {
  private final CborPacker packer = new CborPacker();

  @Test
  void theTotalTakesTheShortestHeadAtEachEdge() {
    int[][] splits = {{15, 8}, {23, 0}, {23, 1}, {12, 12}, {255, 0}, {200, 56}, {65535, 0}, {65000, 536},
        {1, 65535}, {30000, 30000, 5536}};
    for (int[] split : splits) {
      List<?>[] parts = Arrays.stream(split).mapToObj(ConcatenatedLists::ones).toArray(List<?>[]::new);
      assertThat(concat(packer, parts)).as("%s", Arrays.toString(split)).isEqualTo(packAll(packer, parts));
    }
    assertThat(concat(packer, ones(23), ones(1)).asBytes().slice(0, 2)).isEqualTo(Bytes.fromHex("9818"));
    assertThat(concat(packer, ones(255), ones(1)).asBytes().slice(0, 3)).isEqualTo(Bytes.fromHex("990100"));
    assertThat(concat(packer, ones(65535), ones(1)).asBytes().slice(0, 5)).isEqualTo(Bytes.fromHex("9a00010000"));
  }

  @Test
  void emptyListsAddNothing() {
    assertThat(concat(packer, List.of(), List.of(1L), List.of())).isEqualTo(packer.pack(List.of(1L)));
    assertThat(concat(packer, List.of(), List.of())).isEqualTo(hex("80"));
    assertThat(packer.concatLists(List.of())).as("no lists").isEqualTo(hex("80"));
    assertThat(concat(packer, List.of(1L, "a"))).as("one list").isEqualTo(packer.pack(List.of(1L, "a")));
  }

  @Test
  void itemsOfAnyKindAreCopiedWhole() {
    List<Object> a = List.of(List.of(1L, List.of()), Map.of(Keyword.of("a"), "b"), Set.of(2L));
    List<Object> b = Arrays.asList(null, "x".repeat(3000), Bytes.fromHex("00ff"));
    assertThat(concat(packer, a, b)).isEqualTo(packAll(packer, a, b));
  }

  @Test
  void anInputHeadInALongerFormThanNeededIsAccepted() {
    assertThat(packer.concatLists(List.of(hex("9b 0000000000000001 01"), hex("98 01 02"))))
        .isEqualTo(packer.pack(List.of(1L, 2L)));
  }

  @Test
  void anythingButADefiniteArrayAnswersNull() {
    Payload list = packer.pack(List.of(1L));
    for (Payload other : List.of(packer.pack(1L), packer.pack("[1]"), packer.pack(Map.of(1L, 2L)),
        packer.pack(Set.of(1L)), Payload.text("\u0081\u0001"), hex(""), hex("9f 01 ff"), hex("98"),
        hex("9a 0000"), hex("83 01 02"), hex("9b 8000000000000000 01"), hex("9c 01"))) {
      assertThat(packer.concatLists(List.of(list, other))).as("%s", other).isNull();
      assertThat(packer.concatLists(List.of(other, list))).as("%s", other).isNull();
    }
  }

  @Test
  void concatenatingIsPackingTheConcatenatedList() {
    Theories.qt().forAll(DataModelGens.listsOf(DataModelGens.listsOf(DataModelGens.all().values(), 0, 6), 0, 5))
        .checkAssert(parts -> assertThat(concat(packer, parts.toArray(List<?>[]::new)))
            .isEqualTo(packAll(packer, parts.toArray(List<?>[]::new))));
  }
}
