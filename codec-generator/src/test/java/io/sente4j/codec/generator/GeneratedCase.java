package io.sente4j.codec.generator;

import io.sente4j.codec.RecordCodec;
import io.sente4j.codec.generator.fixtures.ChatCodecs;
import io.sente4j.codec.generator.fixtures.ChatGens;
import io.sente4j.codec.generator.fixtures.EverythingCodecs;
import io.sente4j.codec.generator.fixtures.EverythingGens;
import java.util.List;
import org.quicktheories.core.Gen;

/** A generated codec with the generated generator of its record: every record of the test schemas. */
record GeneratedCase<T extends Record>(String name, RecordCodec<T> codec, Gen<T> gen) {

  static List<GeneratedCase<?>> all() {
    return List.of(
        new GeneratedCase<>("Chat.Send", ChatCodecs.SEND, ChatGens.send()),
        new GeneratedCase<>("Chat.Typing", ChatCodecs.TYPING, ChatGens.typing()),
        new GeneratedCase<>("Chat.Message", ChatCodecs.MESSAGE, ChatGens.message()),
        new GeneratedCase<>("Chat.SendAck", ChatCodecs.SEND_ACK, ChatGens.sendAck()),
        new GeneratedCase<>("Everything.Primitives", EverythingCodecs.PRIMITIVES, EverythingGens.primitives()),
        new GeneratedCase<>("Everything.Boxes", EverythingCodecs.BOXES, EverythingGens.boxes()),
        new GeneratedCase<>("Everything.Scalars", EverythingCodecs.SCALARS, EverythingGens.scalars()),
        new GeneratedCase<>("Everything.Nested", EverythingCodecs.NESTED, EverythingGens.nested()),
        new GeneratedCase<>("Everything.Tree", EverythingCodecs.TREE, EverythingGens.tree()),
        new GeneratedCase<>("Everything.Point", EverythingCodecs.POINT, EverythingGens.point()));
  }
}
