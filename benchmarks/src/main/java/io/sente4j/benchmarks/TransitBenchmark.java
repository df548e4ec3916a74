package io.sente4j.benchmarks;

import com.cognitect.transit.Reader;
import com.cognitect.transit.TransitFactory;
import com.cognitect.transit.Writer;
import io.sente4j.core.Bytes;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The transit-json packer against transit-java used directly (a writer and a reader per message, as its API is
 * made to be used), on the payloads of {@link EdnBenchmark}, each tree built in the library's own types. The raw
 * side does none of the packer's work: no domain check, no limits, no duplicate-key check, mutable collections.
 * Target: the packer at least 0.9x transit-java's speed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class TransitBenchmark {
  @Param({"chat-message", "presence-update", "dashboard-batch", "nested-config", "push-batch"})
  public String payload;

  Packer transit;
  Object value;
  Payload packed;
  Object rawValue;
  byte[] rawBytes;

  @Setup
  public void setUp() {
    transit = PackerRegistry.load().get("transit-json");
    value = Payloads.get(payload);
    packed = transit.pack(value);
    rawValue = toTransitJava(value);
    rawBytes = rawWrite(rawValue);
    if (!new String(rawBytes, StandardCharsets.UTF_8).equals(packed.asText())) {
      throw new IllegalStateException("the two sides write different text for " + payload);
    }
  }

  @Benchmark
  public Payload sente4jPack() {
    return transit.pack(value);
  }

  @Benchmark
  public Object sente4jUnpack() {
    return transit.unpack(packed);
  }

  @Benchmark
  public Object sente4jRoundTrip() {
    return transit.unpack(transit.pack(value));
  }

  @Benchmark
  public Object transitJavaWrite() {
    return new String(rawWrite(rawValue), StandardCharsets.UTF_8);
  }

  @Benchmark
  public Object transitJavaRead() {
    return rawRead(packed.asText());
  }

  @Benchmark
  public Object transitJavaRoundTrip() {
    return rawRead(new String(rawWrite(rawValue), StandardCharsets.UTF_8));
  }

  static byte[] rawWrite(Object v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    Writer<Object> w = TransitFactory.writer(TransitFactory.Format.JSON, out);
    w.write(v);
    return out.toByteArray();
  }

  static Object rawRead(String text) {
    Reader r = TransitFactory.reader(TransitFactory.Format.JSON,
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    return r.read();
  }

  /** The same tree in transit-java's types. */
  static Object toTransitJava(Object v) {
    if (v instanceof Keyword) {
      return TransitFactory.keyword(((Keyword) v).qualifiedName());
    } else if (v instanceof Symbol) {
      return TransitFactory.symbol(((Symbol) v).qualifiedName());
    } else if (v instanceof Instant) {
      return new Date(((Instant) v).toEpochMilli());
    } else if (v instanceof Bytes) {
      return ((Bytes) v).toByteArray();
    } else if (v instanceof Tagged) {
      return TransitFactory.taggedValue(((Tagged) v).tag().qualifiedName(), toTransitJava(((Tagged) v).value()));
    } else if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      ((List<?>) v).forEach(e -> out.add(toTransitJava(e)));
      return out;
    } else if (v instanceof Set) {
      Set<Object> out = new LinkedHashSet<>();
      ((Set<?>) v).forEach(e -> out.add(toTransitJava(e)));
      return out;
    } else if (v instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      ((Map<?, ?>) v).forEach((k, e) -> out.put(toTransitJava(k), toTransitJava(e)));
      return out;
    }
    return v;
  }
}
