package io.sente4j.examples.typedchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.codec.RecordCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;

/**
 * The chat's own events, property-tested with the generators the processor wrote ({@code ChatGens}): record to
 * data to packed bytes and back is the identity with edn and JSON; with any other packer on the class path the
 * event decodes and a second trip changes nothing (a packer may normalise, say, instants to milliseconds).
 */
class ChatGensPropertyTest {
  private record Case<T extends Record>(String name, RecordCodec<T> codec, Gen<T> gen) {}

  private static final List<Case<?>> CASES = List.of(
      new Case<>("Send", ChatCodecs.SEND, ChatGens.send()),
      new Case<>("Join", ChatCodecs.JOIN, ChatGens.join()),
      new Case<>("Typing", ChatCodecs.TYPING, ChatGens.typing()),
      new Case<>("Message", ChatCodecs.MESSAGE, ChatGens.message()),
      new Case<>("TypingIn", ChatCodecs.TYPING_IN, ChatGens.typingIn()),
      new Case<>("SendAck", ChatCodecs.SEND_ACK, ChatGens.sendAck()),
      new Case<>("History", ChatCodecs.HISTORY, ChatGens.history()));

  @TestFactory
  Stream<DynamicTest> everyEventSurvivesEveryPacker() {
    PackerRegistry packers = PackerRegistry.load();
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : packers.names()) {
      for (Case<?> c : CASES) {
        tests.add(DynamicTest.dynamicTest(name + " " + c.name(), () -> check(packers.get(name), c)));
      }
    }
    return tests.stream();
  }

  private static <T extends Record> void check(Packer packer, Case<T> c) {
    boolean exact = packer.name().equals("edn") || packer.name().equals("json");
    QuickTheory qt = QuickTheory.qt().withFixedSeed(Long.getLong("sente4j.qt.seed", 0x7c4a7L))
        .withExamples(Integer.getInteger("sente4j.qt.examples", 300));
    qt.forAll(c.gen()).checkAssert(event -> {
      Object back;
      try {
        back = packer.unpack(packer.pack(c.codec().encode(event)));
      } catch (PackerException refused) {
        assertThat(exact).as("edn and JSON carry every chat event").isFalse();
        return;
      }
      T once = c.codec().decode(back);
      if (exact) {
        assertThat(once).isEqualTo(event);
      }
      assertThat(c.codec().decode(packer.unpack(packer.pack(c.codec().encode(once))))).isEqualTo(once);
    });
  }
}
