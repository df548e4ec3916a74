package io.sente4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/**
 * The comparisons in BENCHMARKS.md are fair only if both sides do the same work: the baselines must produce the
 * same text from equal trees, and every benchmark method must do what its name says.
 */
class BaselinesMeasureEqualWorkTest {

  @Test
  void clojureAndSente4jPrintTheSameEdn() {
    for (String name : Payloads.NAMES) {
      EdnBenchmark b = new EdnBenchmark();
      b.payload = name;
      b.setUp();
      // Clojure orders hash sets by hash, so the texts may differ in element order only: compare what they say.
      assertThat(b.edn.unpack(io.sente4j.core.Payload.text(b.clojureText))).as(name)
          .isEqualTo(b.edn.unpack(b.sente4jPack()));
      assertThat(b.clojureText.length()).as(name).isEqualTo(b.sente4jPack().asText().length());
      assertThat(b.sente4jUnpack()).as(name).isEqualTo(b.sente4jRoundTrip());
      assertThat(b.clojureReadString()).as(name).isEqualTo(b.clojureRoundTrip());
      assertThat(b.clojurePrStr()).as(name).isEqualTo(b.clojureText);
    }
  }

  @Test
  void jacksonAndSente4jWriteTheSameJson() throws JsonProcessingException {
    for (String name : Payloads.NAMES) {
      JsonBenchmark b = new JsonBenchmark();
      b.payload = name;
      b.setUp();
      assertThat(b.sente4jPack().asText()).as(name).isEqualTo(b.jacksonWrite());
      assertThat(b.sente4jPackDataModel().asText()).as(name).isEqualTo(b.jacksonWrite());
      assertThat(b.sente4jUnpack()).as(name).isEqualTo(b.jacksonRead());
      assertThat(b.sente4jRoundTrip()).as(name).isEqualTo(b.jacksonRoundTrip());
    }
  }

  @Test
  void rawMsgpackAndSente4jReadTheSameValues() throws java.io.IOException {
    for (String name : Payloads.NAMES) {
      MsgpackBenchmark b = new MsgpackBenchmark();
      b.payload = name;
      b.setUp();
      // The raw baseline writes no map-key cache and the shortest timestamps, so the bytes differ; the values
      // read back are the same.
      assertThat(b.rawRead()).as(name).isEqualTo(b.sente4jUnpack());
      assertThat(b.rawRoundTrip()).as(name).isEqualTo(b.sente4jRoundTrip());
      assertThat(b.sente4jUnpack()).as(name).isEqualTo(Payloads.get(name));
    }
  }

  @Test
  void jacksonCborAndSente4jCarryTheSameStructure() throws java.io.IOException {
    for (String name : Payloads.NAMES) {
      CborBenchmark b = new CborBenchmark();
      b.payload = name;
      b.setUp();
      assertThat(b.jacksonRead()).as(name).isEqualTo(JsonTrees.of(b.sente4jUnpack()));
      assertThat(b.sente4jRoundTrip()).as(name).isEqualTo(Payloads.get(name));
      assertThat(b.jacksonRoundTrip()).as(name).isEqualTo(b.jacksonRead());
    }
  }

  @Test
  void wireSizesListEveryPackerForEveryPayload() {
    String table = WireSizes.table();
    assertThat(table).contains("| payload |", " cbor |", " edn |", " json |", " msgpack |");
    assertThat(table.lines()).hasSize(2 + Payloads.NAMES.length);
  }
}
