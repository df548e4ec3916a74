package io.sente4j.benchmarks;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.io.IOException;
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
 * The CBOR packer against a raw, reused Jackson CBOR {@code ObjectMapper} on the equivalent plain Java tree (string
 * keys, strings for keywords, instants and UUIDs: {@link JsonTrees}), in one run. The packer packs and reads the
 * data-model value, with its tags. Target: at least 0.9x raw Jackson CBOR, pack + unpack.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CborBenchmark {
  @Param({"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"})
  public String payload;

  Packer cbor;
  Object value;
  Payload packed;
  ObjectMapper mapper;
  Object tree;
  byte[] raw;

  @Setup
  public void setUp() throws IOException {
    cbor = PackerRegistry.load().get("cbor");
    value = Payloads.get(payload);
    packed = cbor.pack(value);
    mapper = new ObjectMapper(new CBORFactory()).enable(DeserializationFeature.USE_LONG_FOR_INTS);
    tree = JsonTrees.of(value);
    raw = mapper.writeValueAsBytes(tree);
  }

  @Benchmark
  public Payload sente4jPack() {
    return cbor.pack(value);
  }

  @Benchmark
  public Object sente4jUnpack() {
    return cbor.unpack(packed);
  }

  @Benchmark
  public Object sente4jRoundTrip() {
    return cbor.unpack(cbor.pack(value));
  }

  @Benchmark
  public byte[] jacksonWrite() throws IOException {
    return mapper.writeValueAsBytes(tree);
  }

  @Benchmark
  public Object jacksonRead() throws IOException {
    return mapper.readValue(raw, Object.class);
  }

  @Benchmark
  public Object jacksonRoundTrip() throws IOException {
    return mapper.readValue(mapper.writeValueAsBytes(tree), Object.class);
  }
}
