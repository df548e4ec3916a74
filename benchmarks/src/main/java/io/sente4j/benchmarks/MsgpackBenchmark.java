package io.sente4j.benchmarks;

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
 * The MessagePack packer against raw msgpack-core writing and reading the same structure by hand ({@link
 * RawMsgpack}), on the same payloads, in one run. Target: at least 0.9x raw msgpack-core, pack + unpack.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MsgpackBenchmark {
  @Param({"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"})
  public String payload;

  Packer msgpack;
  Object value;
  Payload packed;
  byte[] raw;

  @Setup
  public void setUp() throws IOException {
    msgpack = PackerRegistry.load().get("msgpack");
    value = Payloads.get(payload);
    packed = msgpack.pack(value);
    raw = RawMsgpack.write(value);
  }

  @Benchmark
  public Payload sente4jPack() {
    return msgpack.pack(value);
  }

  @Benchmark
  public Object sente4jUnpack() {
    return msgpack.unpack(packed);
  }

  @Benchmark
  public Object sente4jRoundTrip() {
    return msgpack.unpack(msgpack.pack(value));
  }

  @Benchmark
  public byte[] rawWrite() throws IOException {
    return RawMsgpack.write(value);
  }

  @Benchmark
  public Object rawRead() throws IOException {
    return RawMsgpack.read(raw);
  }

  @Benchmark
  public Object rawRoundTrip() throws IOException {
    return RawMsgpack.read(RawMsgpack.write(value));
  }
}
