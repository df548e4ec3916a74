package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.sente4j.core.Bytes;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden vectors, in both directions: packing gives exactly the vector's bytes, and unpacking the vector gives
 * the (normalised) value, whichever form the vector arrives in (text, or bytes for a text packer too).
 */
abstract class GoldenVectorChecks extends KitBase {

  private GoldenVectors vectors() {
    Packer p = packer();
    return new GoldenVectors(p.name(), p.isBinary());
  }

  @TestFactory
  Stream<DynamicTest> goldenValues() {
    GoldenVectors vectors = vectors();
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    Stream<DynamicTest> cases = GoldenValues.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("values", c.name());
      if (wire.isEmpty()) {
        if (isRefused(c.value())) {
          return; // no vector: the value is outside the packer's domain, as it must be
        }
        if (GoldenVectors.writeMissing()) {
          written.add(vectors.write("values", c.name(), bytes(packer().pack(c.value()))));
          return;
        }
        fail("no vector %s, yet the packer accepts %s: add the vector or refuse the value",
            vectors.path("values", c.name()), c.value());
      }
      assertSameBytes(packer().pack(c.value()), wire.get(), "packing " + c.value());
      for (Payload form : forms(wire.get())) {
        assertThat(packer().unpack(form)).as("unpacking %s as %s", vectors.path("values", c.name()), describe(form))
            .isEqualTo(normalise(c.value()));
      }
    }));
    return Stream.concat(cases, Stream.of(reportWritten(written)));
  }

  @TestFactory
  Stream<DynamicTest> goldenFrames() {
    GoldenVectors vectors = vectors();
    FrameCodec codec = new FrameCodec(packer());
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    Stream<DynamicTest> cases = GoldenFrames.written().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("frames", c.name());
      if (wire.isEmpty()) {
        if (GoldenVectors.writeMissing()) {
          written.add(vectors.write("frames", c.name(), bytes(codec.encode(c.frame()))));
          return;
        }
        fail("no vector %s", vectors.path("frames", c.name()));
      }
      assertSameBytes(codec.encode(c.frame()), wire.get(), "encoding " + c.frame());
      for (Payload form : forms(wire.get())) {
        assertThat(codec.decode(form, c.from(), c.via())).as("decoding %s", describe(form))
            .isEqualTo(FrameValues.map(c.frame(), this::normalise));
      }
    }));
    return Stream.concat(cases, Stream.of(reportWritten(written)));
  }

  @TestFactory
  Stream<DynamicTest> goldenLegacyFramesRead() {
    if (!readsLegacyFrames()) {
      return Stream.empty();
    }
    GoldenVectors vectors = vectors();
    FrameCodec codec = new FrameCodec(packer());
    return GoldenFrames.readOnly().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("legacy", c.name());
      assertThat(wire).as("legacy vector %s (written by hand)", vectors.path("legacy", c.name())).isPresent();
      for (Payload form : forms(wire.get())) {
        assertThat(codec.decode(form, c.from(), c.via())).as("decoding %s", describe(form))
            .isEqualTo(FrameValues.map(c.frame(), this::normalise));
      }
    }));
  }

  private static void assertSameBytes(Payload packed, byte[] expected, String what) {
    // Compared as Latin-1 text, so that a mismatch shows readable text with each byte in place.
    assertThat(new String(bytes(packed), StandardCharsets.ISO_8859_1)).as("%s (vector %s)", what,
        Bytes.wrap(expected)).isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
  }

  private static DynamicTest reportWritten(List<Path> written) {
    return DynamicTest.dynamicTest("no vector was missing", () -> assertThat(written)
        .as("vectors written because they were missing: review each by hand, then commit").isEmpty());
  }
}
