package io.sente4j.benchmarks;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
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
 * The edn packer against Clojure's own {@code pr-str} and {@code clojure.edn/read-string}, on equal trees, in one
 * run. Target: sente4j pack plus unpack at least 5x Clojure's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EdnBenchmark {
  @Param({"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"})
  public String payload;

  Packer edn;
  Object value;
  Payload packed;
  Object clojureValue;
  String clojureText;
  IFn prStr;
  IFn readString;

  @Setup
  public void setUp() {
    edn = PackerRegistry.load().get("edn");
    value = Payloads.get(payload);
    packed = edn.pack(value);
    prStr = Clojure.var("clojure.core", "pr-str");
    Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
    readString = Clojure.var("clojure.edn", "read-string");
    clojureValue = ClojureData.of(value);
    clojureText = (String) prStr.invoke(clojureValue);
  }

  @Benchmark
  public Payload sente4jPack() {
    return edn.pack(value);
  }

  @Benchmark
  public Object sente4jUnpack() {
    return edn.unpack(packed);
  }

  @Benchmark
  public Object sente4jRoundTrip() {
    return edn.unpack(edn.pack(value));
  }

  @Benchmark
  public Object clojurePrStr() {
    return prStr.invoke(clojureValue);
  }

  @Benchmark
  public Object clojureReadString() {
    return readString.invoke(clojureText);
  }

  @Benchmark
  public Object clojureRoundTrip() {
    return readString.invoke(prStr.invoke(clojureValue));
  }
}
