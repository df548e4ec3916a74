package io.sente4j.benchmarks;

import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A generated codec plus a packer against a hand-built map plus the same packer, for one chat message. "Hand" is
 * what an application writes without the generator: a {@code LinkedHashMap} of keyword constants to pack, and
 * casts without checks to read back. Target: the generated codec no slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CodecBenchmark {
  private static final Keyword ID = Keyword.of("id");
  private static final Keyword ROOM = Keyword.of("room");
  private static final Keyword FROM = Keyword.of("from");
  private static final Keyword TEXT = Keyword.of("text");
  private static final Keyword AT = Keyword.of("at");
  private static final Keyword SEQ = Keyword.of("seq");
  private static final Keyword TAGS = Keyword.of("tags");

  @Param({"edn", "json"})
  public String packer;

  Packer p;
  BenchChat.Message message;
  Payload packed;

  @Setup
  public void setUp() {
    p = PackerRegistry.load().get(packer);
    message = new BenchChat.Message(UUID.fromString("8f0e4d6a-3c1b-4f7e-9a2d-5b6c7d8e9f01"), "lobby", "alice",
        "Grüße aus Köln! Are we still on for lunch?", Instant.parse("2026-11-28T09:00:00.250Z"), 42L,
        List.of("greeting", "lunch"));
    packed = p.pack(BenchChatCodecs.MESSAGE.encode(message));
    if (!generatedUnpack().equals(message) || !handUnpack().equals(message)) {
      throw new IllegalStateException("the two sides disagree on " + packer);
    }
  }

  @Benchmark
  public Payload generatedPack() {
    return p.pack(BenchChatCodecs.MESSAGE.encode(message));
  }

  @Benchmark
  public Payload handPack() {
    Map<Keyword, Object> m = new LinkedHashMap<>(10);
    m.put(ID, message.id());
    m.put(ROOM, message.room());
    m.put(FROM, message.from());
    m.put(TEXT, message.text());
    m.put(AT, message.at());
    m.put(SEQ, message.seq());
    m.put(TAGS, message.tags());
    return p.pack(m);
  }

  @Benchmark
  public BenchChat.Message generatedUnpack() {
    return BenchChatCodecs.MESSAGE.decode(p.unpack(packed));
  }

  /** Reads back as an application would without the generator; JSON's strings are parsed where needed. */
  @Benchmark
  @SuppressWarnings("unchecked")
  public BenchChat.Message handUnpack() {
    Map<Object, Object> m = (Map<Object, Object>) p.unpack(packed);
    boolean json = !p.carriesKeywords();
    Object id = json ? m.get("id") : m.get(ID);
    Object at = json ? m.get("at") : m.get(AT);
    return new BenchChat.Message(json ? UUID.fromString((String) id) : (UUID) id,
        (String) (json ? m.get("room") : m.get(ROOM)), (String) (json ? m.get("from") : m.get(FROM)),
        (String) (json ? m.get("text") : m.get(TEXT)), json ? Instant.parse((String) at) : (Instant) at,
        (Long) (json ? m.get("seq") : m.get(SEQ)), (List<String>) (json ? m.get("tags") : m.get(TAGS)));
  }
}
