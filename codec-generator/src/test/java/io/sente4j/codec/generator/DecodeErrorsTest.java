package io.sente4j.codec.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.codec.CodecException;
import io.sente4j.codec.generator.fixtures.Chat;
import io.sente4j.codec.generator.fixtures.ChatCodecs;
import io.sente4j.codec.generator.fixtures.ChatEvents;
import io.sente4j.codec.generator.fixtures.Everything;
import io.sente4j.codec.generator.fixtures.EverythingCodecs;
import io.sente4j.core.Keyword;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A value that does not fit its record fails with a {@link CodecException} naming the event and the field. */
class DecodeErrorsTest {
  private static final Keyword SEND = ChatEvents.SEND;

  @Test
  void missingFieldNamesTheEventAndTheField() {
    assertThatThrownBy(() -> ChatCodecs.SEND.decodeEvent(SEND, Map.of(Keyword.of("room"), "lobby")))
        .isInstanceOfSatisfying(CodecException.class, e -> {
          assertThat(e.eventId()).contains(SEND);
          assertThat(e.path()).isEqualTo("text");
          assertThat(e.problem()).isEqualTo("missing");
        })
        .hasMessage("event :chat/send, field text: missing");
  }

  @Test
  void nilFieldIsNotMissingButStillRefused() {
    Map<Keyword, Object> data = new LinkedHashMap<>();
    data.put(Keyword.of("room"), "lobby");
    data.put(Keyword.of("text"), null);
    assertThatThrownBy(() -> ChatCodecs.SEND.decodeEvent(SEND, data))
        .hasMessage("event :chat/send, field text: is nil");
  }

  @Test
  void illTypedFieldSaysWhatItExpectedAndWhatItGot() {
    assertThatThrownBy(() -> ChatCodecs.SEND.decodeEvent(SEND, Map.of(Keyword.of("room"), 42L,
        Keyword.of("text"), "hi")))
        .hasMessage("event :chat/send, field room: expected a string, got Long 42");
  }

  @Test
  void dataThatIsNotAMapIsRefused() {
    assertThatThrownBy(() -> ChatCodecs.SEND.decodeEvent(SEND, "hello"))
        .hasMessage("event :chat/send: expected a map for record Chat.Send, got String hello");
  }

  @Test
  void replyErrorsSayItWasTheReply() {
    assertThatThrownBy(() -> ChatCodecs.SEND_ACK.decodeReply(SEND, Map.of(Keyword.of("id"), "seven")))
        .isInstanceOfSatisfying(CodecException.class, e -> assertThat(e.inReply()).isTrue())
        .hasMessage("event :chat/send, reply, field id: expected an integer, got String seven");
  }

  @Test
  void numbersAreNarrowedWithARangeCheck() {
    Map<Object, Object> data = new LinkedHashMap<>(EverythingCodecs.PRIMITIVES.encode(primitives()));
    data.put(Keyword.of("an-int"), 1L << 31);
    assertThatThrownBy(() -> EverythingCodecs.PRIMITIVES.decode(data))
        .hasMessage("field an-int: 2147483648 is out of range for int (-2147483648..2147483647)");
    data.put(Keyword.of("an-int"), 1L);
    data.put(Keyword.of("a-byte"), 128L);
    assertThatThrownBy(() -> EverythingCodecs.PRIMITIVES.decode(data))
        .hasMessage("field a-byte: 128 is out of range for byte (-128..127)");
    data.put(Keyword.of("a-byte"), 1L);
    data.put(Keyword.of("a-long"), BigInteger.ONE.shiftLeft(63));
    assertThatThrownBy(() -> EverythingCodecs.PRIMITIVES.decode(data))
        .hasMessage("field a-long: 9223372036854775808 is out of range for long");
    data.put(Keyword.of("a-long"), 1L);
    data.put(Keyword.of("a-float"), 1e300);
    assertThatThrownBy(() -> EverythingCodecs.PRIMITIVES.decode(data))
        .hasMessage("field a-float: 1.0E300 is out of range for float");
    data.put(Keyword.of("a-float"), 1.5);
    data.put(Keyword.of("a-short"), 2.5);
    assertThatThrownBy(() -> EverythingCodecs.PRIMITIVES.decode(data))
        .hasMessage("field a-short: expected an integer, got Double 2.5");
  }

  @Test
  void errorsDeepInsideNameThePath() {
    Map<Keyword, Object> nested = new LinkedHashMap<>(EverythingCodecs.NESTED.encode(emptyNested()));
    nested.put(Keyword.of("path"), List.of(Map.of(Keyword.of("x"), 1L, Keyword.of("y"), 2L),
        Map.of(Keyword.of("x"), 1L)));
    assertThatThrownBy(() -> EverythingCodecs.NESTED.decode(nested)).hasMessage("field path[1].y: missing");
    nested.put(Keyword.of("path"), List.of());
    nested.put(Keyword.of("by-colour"), Map.of(Keyword.of("red"), List.of(1L, "two")));
    assertThatThrownBy(() -> EverythingCodecs.NESTED.decode(nested))
        .hasMessage("field by-colour[:red][1]: expected an integer, got String two");
  }

  @Test
  void unknownEnumKeywordListsTheKnownOnes() {
    Map<Keyword, Object> nested = new LinkedHashMap<>(EverythingCodecs.NESTED.encode(emptyNested()));
    nested.put(Keyword.of("by-colour"), Map.of(Keyword.of("purple"), List.of()));
    assertThatThrownBy(() -> EverythingCodecs.NESTED.decode(nested))
        .hasMessage("field by-colour[:purple]: key: unknown Everything.Colour :purple; expected one of :red, "
            + ":dark-green, :light-blue");
  }

  @Test
  void aRepeatedSetElementIsRefused() {
    Map<Keyword, Object> nested = new LinkedHashMap<>(EverythingCodecs.NESTED.encode(emptyNested()));
    nested.put(Keyword.of("numbers"), List.of(1L, 2L, 1L));
    assertThatThrownBy(() -> EverythingCodecs.NESTED.decode(nested))
        .hasMessage("field numbers[2]: holds Long 1 twice");
  }

  @Test
  void encodingANullComponentSaysHowToMakeItOptional() {
    assertThatThrownBy(() -> ChatCodecs.SEND.encodeEvent(SEND, new Chat.Send("lobby", null)))
        .hasMessage("event :chat/send, field text: is null; declare the component Optional to leave it out");
    assertThatThrownBy(() -> EverythingCodecs.NESTED.encode(new Everything.Nested(java.util.Arrays.asList("a", null),
        java.util.Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Optional.empty(), Optional.empty(),
        List.of(), List.of(), Map.of())))
        .hasMessage("field tags[1]: is null; declare the component Optional to leave it out");
  }

  @Test
  void longValuesInMessagesAreShortened() {
    String huge = "x".repeat(10_000);
    assertThatThrownBy(() -> ChatCodecs.SEND_ACK.decode(Map.of(Keyword.of("id"), huge)))
        .hasMessageStartingWith("field id: expected an integer, got String xxxx")
        .hasMessageEndingWith("...")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(120));
  }

  /**
   * A record that holds itself decodes by recursion, one level of the data per few stack frames: with a packer's
   * depth limit raised (it may be up to 100,000), data nested deeper than the thread's stack ended in a
   * StackOverflowError thrown out of the typed handler.
   */
  @Test
  void aRecordNestedDeeperThanTheStackAllowsFailsWithCodecException() {
    Object data = Map.of(Keyword.of("label"), "leaf", Keyword.of("children"), List.of());
    for (int i = 0; i < 200_000; i++) {
      data = Map.of(Keyword.of("label"), "n", Keyword.of("children"), List.of(), Keyword.of("next"), data);
    }
    Object deep = data;
    assertThatThrownBy(() -> EverythingCodecs.TREE.decode(deep)).isInstanceOf(CodecException.class)
        .hasMessageStartingWith("nested too deeply to decode");
    Keyword tree = Keyword.of("test.all", "tree");
    assertThatThrownBy(() -> EverythingCodecs.TREE.decodeEvent(tree, deep)).isInstanceOf(CodecException.class)
        .hasMessageStartingWith("event :test.all/tree: nested too deeply to decode");
    // A record that cannot reach itself has a bounded depth, and no such guard.
    assertThat(EverythingCodecs.POINT.decode(Map.of(Keyword.of("x"), 1L, Keyword.of("y"), 2L)))
        .isEqualTo(new Everything.Point(1, 2));
  }

  /** The message shows 60 characters of the value; it used to build the whole value's text first. */
  @Test
  void describingAValueReadsOnlyWhatTheMessageShows() {
    int[] read = {0};
    List<Object> million = new java.util.AbstractList<>() {
      @Override
      public Object get(int index) {
        read[0]++;
        return 7L;
      }

      @Override
      public int size() {
        return 1_000_000;
      }
    };
    assertThatThrownBy(() -> ChatCodecs.SEND_ACK.decode(Map.of(Keyword.of("id"), million)))
        .hasMessageStartingWith("field id: expected an integer, got ")
        .hasMessageContaining("[7, 7, 7")
        .hasMessageEndingWith("...");
    assertThat(read[0]).isLessThan(100);
    Object nested = List.of();
    for (int i = 0; i < 100_000; i++) {
      nested = List.of(nested);
    }
    Object deep = nested;
    assertThatThrownBy(() -> ChatCodecs.SEND_ACK.decode(Map.of(Keyword.of("id"), deep)))
        .isInstanceOf(CodecException.class).hasMessageContaining("[[[[[[");
  }

  /**
   * Elements that differ but share a hash code made the set quadratic to build: {@code Point(i, 31 * (k - i))}
   * all have one hash code, and their maps do not, so the packer's own guard does not see them.
   */
  @Test
  void aSetOfElementsSharingOneHashCodeIsRefusedPastTheLimit() {
    int max = io.sente4j.core.PackerLimits.DEFAULT_MAX_KEYS_PER_HASH_CODE;
    List<Object> points = new java.util.ArrayList<>();
    for (long i = 0; i <= max; i++) {
      points.add(Map.of(Keyword.of("x"), i, Keyword.of("y"), 31 * (1000 - i)));
    }
    assertThat(points.stream().map(p -> EverythingCodecs.POINT.decode(p).hashCode()).distinct()).hasSize(1);
    Map<Keyword, Object> nested = new LinkedHashMap<>(EverythingCodecs.NESTED.encode(emptyNested()));
    nested.put(Keyword.of("shapes"), Map.of("s", points.subList(0, max)));
    assertThat(EverythingCodecs.NESTED.decode(nested).shapes().get("s")).hasSize(max);
    nested.put(Keyword.of("shapes"), Map.of("s", points));
    assertThatThrownBy(() -> EverythingCodecs.NESTED.decode(nested))
        .hasMessage("field shapes[s][" + max + "]: more than " + max + " elements of one set share one hash code"
            + " (Java's hashCode), which would make building it take time that grows with their square"
            + " (PackerLimits.maxKeysPerHashCode)");
  }

  static Everything.Primitives primitives() {
    return new Everything.Primitives(true, (byte) 1, (short) 2, 3, 4L, 5.5f, 6.25, 'c');
  }

  static Everything.Nested emptyNested() {
    return new Everything.Nested(List.of(), java.util.Set.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
        Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of());
  }
}
