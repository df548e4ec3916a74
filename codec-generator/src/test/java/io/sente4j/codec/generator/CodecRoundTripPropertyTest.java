package io.sente4j.codec.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.codec.RecordCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated codecs are exact: record to data to record is the identity, directly and through every packer on the
 * class path (edn and JSON here; others join when their modules are on the test class path). Values come from the
 * generators the processor writes with {@code -Asente4j.generators=true}.
 */
class CodecRoundTripPropertyTest {

  @TestFactory
  Stream<DynamicTest> recordToDataToRecordIsTheIdentity() {
    return GeneratedCase.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> identity(c)));
  }

  private static <T extends Record> void identity(GeneratedCase<T> c) {
    Qt.seeded(0x5e47e4L).forAll(c.gen()).checkAssert(r -> sameRecord(c.codec().decode(c.codec().encode(r)), r));
  }

  /**
   * Through a packer: what the packer refuses is outside its domain and skipped; everything else must decode, must
   * be the same record where the packer carried the data exactly, and must be stable (a second trip changes
   * nothing) where the packer normalised it.
   */
  @TestFactory
  Stream<DynamicTest> recordThroughEveryPackerDecodesAndIsStable() {
    PackerRegistry packers = PackerRegistry.load();
    assertThat(packers.names()).contains("edn", "json");
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : packers.names()) {
      for (GeneratedCase<?> c : GeneratedCase.all()) {
        tests.add(DynamicTest.dynamicTest(name + " " + c.name(), () -> throughPacker(packers.get(name), c)));
      }
    }
    return tests.stream();
  }

  private static <T extends Record> void throughPacker(Packer packer, GeneratedCase<T> c) {
    RecordCodec<T> codec = c.codec();
    Qt.seeded(0x9ac4e5L).forAll(c.gen()).checkAssert(r -> {
      Object data = codec.encode(r);
      Object back;
      try {
        back = packer.unpack(packer.pack(data));
      } catch (PackerException refused) {
        return; // outside this packer's documented domain
      }
      T once = codec.decode(back);
      if (back.equals(data)) {
        sameRecord(once, r);
      }
      sameRecord(codec.decode(packer.unpack(packer.pack(codec.encode(once)))), once);
    });
  }

  static void sameRecord(Object actual, Object expected) {
    if (!actual.equals(expected)) {
      // A record's equals compares byte[] components by identity; compare those field by field, by content.
      assertThat(actual).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(expected);
    }
  }
}
