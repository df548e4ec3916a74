package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;

/** Joining packed push frames without packing their events again ({@link FrameCodec#joinPushes}). */
class PushSplicerTest {
  private static final FrameCodec TOY = new FrameCodec(ToyPacker.TEXT);

  private static Event ev(long n) {
    return new Event(Keyword.of("n", "n"), n);
  }

  private static Payload push(FrameCodec codec, Event... events) {
    return codec.encode(new Frame.Push(List.of(events)));
  }

  @Test
  void joinedPushesAreTheBytesOfPackingAllTheirEventsTogether() {
    Gen<List<List<Long>>> batches = SourceDSL.lists().of(SourceDSL.lists().of(SourceDSL.longs().all())
        .ofSizeBetween(1, 5)).ofSizeBetween(1, 5);
    Qt.seeded(0x5b11ceL).forAll(batches).checkAssert(bs -> {
      List<Payload> packed = new ArrayList<>();
      List<Event> all = new ArrayList<>();
      for (List<Long> b : bs) {
        List<Event> events = b.stream().map(PushSplicerTest::ev).toList();
        packed.add(TOY.encode(new Frame.Push(events)));
        all.addAll(events);
      }
      assertThat(TOY.joinPushes(packed)).isEqualTo(TOY.encode(new Frame.Push(all)));
    });
  }

  @Test
  void aPackerThatCannotConcatenateListsJoinsNothing() {
    FrameCodec binary = new FrameCodec(ToyPacker.BINARY);
    assertThat(binary.joinPushes(List.of(push(binary, ev(1)), push(binary, ev(2))))).isNull();
    FrameCodec faulty = new FrameCodec(FaultyPacker.NULLING);
    assertThat(faulty.joinPushes(List.of(push(faulty, ev(1)), push(faulty, ev(2))))).isNull();
  }

  /** A packer whose concatenation is wrong is found out by the probe join, and its pushes are never joined. */
  @Test
  void aPackerThatConcatenatesWronglyIsFoundOutByTheProbe() {
    Packer wrong = new CountingPacker(ToyPacker.TEXT, true) {
      @Override
      public Payload concatLists(List<Payload> lists) {
        return PackedLists.concatText(lists, ",");
      }
    };
    FrameCodec codec = new FrameCodec(wrong);
    assertThat(codec.joinPushes(List.of(push(codec, ev(1)), push(codec, ev(2))))).isNull();
  }

  /**
   * A packer with state across a message, as Transit's cache is: a string of four chars or more that the message has
   * written before is written {@code "^n"}, for the n-th such string. Joining its lists as text is wrong wherever a
   * string repeats across them (and would misread a later list's own references); the probe pushes repeat such a
   * string across each other, so the probe finds it out and its pushes are packed again.
   */
  @Test
  void aPackerThatCachesLongStringsAcrossAMessageIsFoundOutByTheProbe() {
    Packer caching = new CountingPacker(ToyPacker.TEXT, true) {
      @Override
      public Payload pack(Object value) {
        return super.pack(cached(value, new ArrayList<>()));
      }
    };
    FrameCodec codec = new FrameCodec(caching);
    Event hello = new Event(Keyword.of("n", "n"), "hello");
    assertThat(codec.joinPushes(List.of(push(codec, hello), push(codec, hello)))).isNull();
  }

  /** {@code value} with each string of four chars or more that {@code seen} holds replaced by its reference. */
  private static Object cached(Object value, List<String> seen) {
    if (value instanceof String s && s.length() >= 4) {
      int n = seen.indexOf(s);
      if (n >= 0) {
        return "^" + n;
      }
      seen.add(s);
      return s;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(item -> out.add(cached(item, seen)));
      return out;
    }
    return value;
  }

  /**
   * A packer that throws from its concatenation (a third party's bug), an exception or an {@link Error} other than a
   * {@link VirtualMachineError} (an assertion, say), leaves the splicer off; nothing escapes.
   */
  @Test
  void aPackerThatThrowsWhenProbedJoinsNothing() {
    List<Throwable> failures = List.of(new IllegalStateException("the packer's own bug (expected in this test)"),
        new AssertionError("the packer's own assertion (expected in this test)"));
    for (Throwable failure : failures) {
      Packer throwing = new CountingPacker(ToyPacker.TEXT, true) {
        @Override
        public Payload concatLists(List<Payload> lists) {
          if (failure instanceof Error e) {
            throw e;
          }
          throw (RuntimeException) failure;
        }
      };
      FrameCodec codec = new FrameCodec(throwing);
      assertThat(codec.joinPushes(List.of(push(codec, ev(1)), push(codec, ev(2))))).as("%s", failure).isNull();
    }
  }

  /** A {@link VirtualMachineError} is the JVM's, not the packer's: it goes on to the caller. */
  @Test
  void aVirtualMachineErrorFromThePackerGoesOn() {
    Packer overflowing = new CountingPacker(ToyPacker.TEXT, true) {
      @Override
      public Payload concatLists(List<Payload> lists) {
        throw new StackOverflowError("expected in this test");
      }
    };
    FrameCodec codec = new FrameCodec(overflowing);
    assertThatThrownBy(() -> codec.joinPushes(List.of(push(codec, ev(1)), push(codec, ev(2)))))
        .isInstanceOf(StackOverflowError.class);
  }

  @Test
  void aPayloadThatIsNotAPushOfThisCodecIsNotJoined() {
    assertThat(TOY.joinPushes(List.of(push(TOY, ev(1)), Payload.text("[1 2]")))).isNull();
    assertThat(TOY.joinPushes(List.of(push(TOY, ev(1)), Payload.binary(Bytes.fromHex("00"))))).isNull();
  }
}
