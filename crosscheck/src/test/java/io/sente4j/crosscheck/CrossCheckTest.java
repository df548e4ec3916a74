package io.sente4j.crosscheck;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java half of the cross-check (see README.md): Node.js has already decoded every golden vector with an
 * independent library and compared it with sente4j's value (the build stops if they disagree); here sente4j reads
 * every value those libraries encoded and must get what they meant. The report must exist: a build that did not run
 * Node fails here too.
 */
class CrossCheckTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode report;

  @BeforeAll
  static void readReport() throws IOException {
    Path out = Path.of(System.getProperty("crosscheck.out", "target/crosscheck"));
    Path file = out.resolve("report.json");
    assertThat(file).as("the Node.js cross-check's report (run by the build before the tests)").isRegularFile();
    report = JSON.readTree(file.toFile());
  }

  @Test
  void everyPackerWasCheckedBothWaysWithoutDisagreement() {
    String packers = System.getProperty("crosscheck.packers", "edn,transit-json,transit-msgpack,msgpack,cbor");
    for (String name : packers.split(",")) {
      JsonNode r = report.path("packers").path(name);
      assertThat(r.isMissingNode()).as("the report covers %s", name).isFalse();
      assertThat(r.path("failures")).as("disagreements for %s", name).isEmpty();
      assertThat(r.path("decoded").asInt()).as("vectors of %s decoded by JavaScript", name).isPositive();
      assertThat(r.path("encoded")).as("values encoded by JavaScript for %s", name).isNotEmpty();
    }
    assertThat(report.path("selfTests").path("msgpack").asInt()).isEqualTo(4);
  }

  @TestFactory
  Stream<DynamicTest> sente4jReadsWhatTheJavaScriptLibrariesWrote() {
    List<DynamicTest> tests = new ArrayList<>();
    report.path("packers").fields().forEachRemaining(p -> {
      Packer packer = PackerRegistry.load().get(p.getKey());
      for (JsonNode e : p.getValue().path("encoded")) {
        tests.add(DynamicTest.dynamicTest(p.getKey() + " " + e.path("case").asText(), () -> {
          byte[] bytes = Files.readAllBytes(Path.of(e.path("file").asText()));
          Payload wire = packer.isBinary() ? Payload.binary(Bytes.wrap(bytes))
              : Payload.text(new String(bytes, StandardCharsets.UTF_8));
          assertThat(sorted(Cj.of(packer.unpack(wire)))).as("%s read by sente4j", new String(bytes,
              StandardCharsets.UTF_8)).isEqualTo(sorted(e.path("expect")));
        }));
      }
    });
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  /** Sets and maps with their elements in one order, since a JavaScript library's need not keep the wire order. */
  private static JsonNode sorted(JsonNode v) {
    if (!v.isObject()) {
      return v;
    }
    ObjectNode o = v.deepCopy();
    for (String k : List.of("list", "set", "map")) {
      if (o.has(k)) {
        List<JsonNode> items = new ArrayList<>();
        o.get(k).forEach(x -> items.add(x.isArray() ? pair(x) : sorted(x)));
        if (!k.equals("list")) {
          items.sort(Comparator.comparing(JsonNode::toString));
        }
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        items.forEach(a::add);
        o.set(k, a);
      }
    }
    if (o.has("tagged")) {
      o.set("value", sorted(o.get("value")));
    }
    return o;
  }

  private static JsonNode pair(JsonNode kv) {
    return JsonNodeFactory.instance.arrayNode().add(sorted(kv.get(0))).add(sorted(kv.get(1)));
  }
}
