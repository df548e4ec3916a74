package io.sente4j.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JSON packer against a raw, reused Jackson {@code ObjectMapper}, both writing the same plain tree (string keys,
 * strings for keywords, instants and UUIDs) and reading the same text, in one run. {@link #sente4jPackDataModel()}
 * adds what the packer costs on the data-model tree it usually gets. Target: at least 0.9x raw Jackson. The edn packer's figures on the same values come from
 * {@link EdnBenchmark} in the same run (target: edn at least 0.7x the JSON packer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonBenchmark {
  @Param({"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"})
  public String payload;

  Packer json;
  Object value;
  Payload packed;
  ObjectMapper mapper;
  Object tree;
  String text;

  @Setup
  public void setUp() throws JsonProcessingException {
    json = PackerRegistry.load().get("json");
    value = Payloads.get(payload);
    packed = json.pack(value);
    // Longs for all integers, as the packer reads them: both sides then build equal trees.
    mapper = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    tree = JsonTrees.of(value);
    text = mapper.writeValueAsString(tree);
  }

  /** Packs the same plain tree Jackson writes: the equal-trees comparison. */
  @Benchmark
  public Payload sente4jPack() {
    return json.pack(tree);
  }

  /** Packs the data-model tree (keywords, instants, UUIDs), which the packer converts as it writes. */
  @Benchmark
  public Payload sente4jPackDataModel() {
    return json.pack(value);
  }

  @Benchmark
  public Object sente4jUnpack() {
    return json.unpack(packed);
  }

  @Benchmark
  public Object sente4jRoundTrip() {
    return json.unpack(json.pack(tree));
  }

  @Benchmark
  public String jacksonWrite() throws JsonProcessingException {
    return mapper.writeValueAsString(tree);
  }

  @Benchmark
  public Object jacksonRead() throws JsonProcessingException {
    return mapper.readValue(text, Object.class);
  }

  @Benchmark
  public Object jacksonRoundTrip() throws JsonProcessingException {
    return mapper.readValue(mapper.writeValueAsString(tree), Object.class);
  }
}
