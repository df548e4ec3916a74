package io.sente4j.packer.transit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import io.sente4j.packer.edn.EdnPacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Transit exemplars (cognitect/transit-format {@code examples/0.8/simple}, read in place from {@code
 * ${sente4j.shared}/corpora/transit-exemplars}): every {@code .json} and {@code .verbose.json} file reads with
 * transit-json, and every {@code .mp} file with transit-msgpack, to the value its {@code .edn} twin reads to with the
 * edn packer. A missing corpus fails the test rather than skipping it.
 */
class TransitExemplarCorpusTest {
  private static final int EXEMPLARS = 67;

  /**
   * The exemplars whose {@code .edn} twin is not edn (Clojure printed {@code #object[...]} for values it has no edn
   * form for), each with the value the Transit files hold instead: a URI and an unknown tag come back as {@link
   * Tagged}, as the packers' domain says.
   */
  private static final Map<String, Object> NOT_EDN = Map.of(
      "one_uri", new Tagged(Symbol.of("r"), "http://example.com"),
      "uris", List.of(new Tagged(Symbol.of("r"), "http://example.com"), new Tagged(Symbol.of("r"), "ftp://example.com"),
          new Tagged(Symbol.of("r"), "file:///path/to/file.txt"),
          new Tagged(Symbol.of("r"), "http://www.\u8a79\u59c6\u65af.com/")),
      "maps_unrecognized_keys", List.of(new Tagged(Symbol.of("abcde"), Keyword.of("anything")),
          new Tagged(Symbol.of("fghij"), Keyword.of("anything-else"))));

  private static Path dir;
  private static List<String> names;

  @BeforeAll
  static void findCorpus() throws IOException {
    String shared = System.getProperty("sente4j.shared");
    assertThat(shared).as("system property sente4j.shared (set by the build)").isNotNull();
    dir = Path.of(shared, "corpora", "transit-exemplars");
    assertThat(dir).as("the Transit exemplars (see .ci/run: ../shared must sit beside the checkout)").isDirectory();
    names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".edn"))
          .forEach(n -> names.add(n.substring(0, n.length() - 4)));
    }
    names.sort(null);
    assertThat(names).hasSize(EXEMPLARS);
  }

  @Test
  void everyExemplarHasItsThreeTransitForms() {
    for (String n : names) {
      for (String ext : List.of(".json", ".verbose.json", ".mp")) {
        assertThat(dir.resolve(n + ext)).isRegularFile();
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> everyTransitFormReadsToItsEdnTwin() {
    Packer json = new TransitJsonPacker();
    Packer msgpack = new TransitMsgpackPacker();
    return names.stream().flatMap(n -> Stream.of(
        DynamicTest.dynamicTest(n + ".json", () -> check(n, json, ".json")),
        DynamicTest.dynamicTest(n + ".verbose.json", () -> check(n, json, ".verbose.json")),
        DynamicTest.dynamicTest(n + ".mp", () -> check(n, msgpack, ".mp"))));
  }

  private static void check(String name, Packer packer, String ext) throws IOException {
    byte[] bytes = Files.readAllBytes(dir.resolve(name + ext));
    Object expected = expected(name);
    Payload wire = packer.isBinary() ? Payload.binary(Bytes.wrap(bytes))
        : Payload.text(new String(bytes, StandardCharsets.UTF_8));
    assertThat(packer.unpack(wire)).as("%s%s", name, ext).isEqualTo(expected);
    // What was read writes back to something that reads equal.
    assertThat(packer.unpack(packer.pack(expected))).as("%s%s written back", name, ext).isEqualTo(expected);
  }

  private static Object expected(String name) throws IOException {
    if (NOT_EDN.containsKey(name)) {
      return NOT_EDN.get(name);
    }
    String edn = Files.readString(dir.resolve(name + ".edn"), StandardCharsets.UTF_8);
    return new EdnPacker().unpack(Payload.text(edn));
  }

  @Test
  void theFilesThatAreNotEdnAreExactlyTheListedOnes() throws IOException {
    Map<String, String> refused = new TreeMap<>();
    for (String n : names) {
      try {
        new EdnPacker().unpack(Payload.text(Files.readString(dir.resolve(n + ".edn"), StandardCharsets.UTF_8)));
      } catch (io.sente4j.core.PackerException e) {
        refused.put(n, e.reason());
      }
    }
    assertThat(refused.keySet()).containsExactlyInAnyOrderElementsOf(NOT_EDN.keySet());
  }
}
