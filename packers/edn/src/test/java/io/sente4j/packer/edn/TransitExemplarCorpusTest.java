package io.sente4j.packer.edn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.PackerException;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code .edn} file of the Transit exemplars (cognitect/transit-format {@code examples/0.8/simple}, read in
 * place from {@code ${sente4j.shared}/corpora/transit-exemplars}): Clojure printed each with {@code pr-str}, so each
 * reads, reads as Clojure reads it, and writes back to the same text (save lists, which we write as vectors).
 */
class TransitExemplarCorpusTest {

  /**
   * The files that are not edn, and why: Clojure printed objects it has no edn form for as {@code #object[Class
   * 0xhash "toString"]}, which is not edn ({@code #object} would be a tag, but {@code 0x15e0fe05} is a hexadecimal
   * number, which edn does not have).
   */
  private static final Map<String, String> REJECTED = Map.of(
      "one_uri.edn", "#object[java.net.URI ...]: invalid number 0x15e0fe05: hexadecimal numbers are not edn",
      "uris.edn", "#object[java.net.URI ...]: invalid number 0x15e0fe05: hexadecimal numbers are not edn",
      "maps_unrecognized_keys.edn",
      "#object[com.cognitect.transit.impl.TaggedValueImpl ...]: "
          + "invalid number 0x7159a5cd: hexadecimal numbers are not edn");

  /** The files holding edn lists, which read as List and are written back as vectors. */
  private static final List<String> LISTS = List.of("list_empty.edn", "list_mixed.edn", "list_nested.edn",
      "list_simple.edn");

  private static Map<String, String> files;

  @BeforeAll
  static void readCorpus() throws IOException {
    String shared = System.getProperty("sente4j.shared");
    assertThat(shared).as("system property sente4j.shared (set by the build)").isNotNull();
    Path dir = Path.of(shared, "corpora", "transit-exemplars");
    files = new TreeMap<>();
    try (Stream<Path> paths = Files.list(dir)) {
      for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".edn")).collect(Collectors.toList())) {
        files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
      }
    }
    assertThat(files).hasSize(67);
  }

  @Test
  void exactlyTheListedFilesAreRejected() {
    Map<String, String> rejected = new TreeMap<>();
    for (Map.Entry<String, String> f : files.entrySet()) {
      try {
        new EdnPacker().unpack(Payload.text(f.getValue()));
      } catch (PackerException e) {
        rejected.put(f.getKey(), e.reason());
      }
    }
    assertThat(rejected.keySet()).containsExactlyInAnyOrderElementsOf(REJECTED.keySet());
    REJECTED.forEach((file, why) -> assertThat(why).endsWith(": " + rejected.get(file)));
  }

  @Test
  void everyOtherFileReadsAsClojureReadsIt() {
    accepted().forEach((name, text) -> assertThat(Edn.read(text)).as(name)
        .isEqualTo(ClojureEdn.toDataModel(ClojureEdn.readString(text))));
  }

  @Test
  void everyOtherFileWritesBackToAValueThatReadsEqual() {
    accepted().forEach((name, text) -> {
      Object value = Edn.read(text);
      assertThat(Edn.read(Edn.write(value))).as(name).isEqualTo(value);
    });
  }

  @Test
  void everyOtherFileWritesBackToTheSameText() {
    accepted().forEach((name, text) -> {
      String written = Edn.write(Edn.read(text));
      if (LISTS.contains(name)) {
        assertThat(written).as(name).isEqualTo(text.replace('(', '[').replace(')', ']'));
      } else {
        assertThat(written).as(name).isEqualTo(text);
      }
    });
  }

  @Test
  void theRejectedFilesAreRefusedWithAPosition() {
    for (String name : REJECTED.keySet()) {
      assertThatThrownBy(() -> Edn.read(files.get(name))).isInstanceOfSatisfying(PackerException.class,
          e -> assertThat(e.offset()).isPositive());
    }
  }

  private static Map<String, String> accepted() {
    Map<String, String> accepted = new TreeMap<>(files);
    accepted.keySet().removeAll(REJECTED.keySet());
    assertThat(accepted).hasSize(64);
    return accepted;
  }
}
