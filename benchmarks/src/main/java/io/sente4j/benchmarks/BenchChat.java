package io.sente4j.benchmarks;

import io.sente4j.codec.EventSchema;
import io.sente4j.codec.ServerPush;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The event {@link CodecBenchmark} measures, as a typed schema. */
@EventSchema(namespace = "chat")
public interface BenchChat {
  /** A chat message as a server pushes it. */
  @ServerPush(name = "message")
  record Message(UUID id, String room, String from, String text, Instant at, long seq, List<String> tags) {}
}
