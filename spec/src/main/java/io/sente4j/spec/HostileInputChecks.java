package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.Keyword;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.core.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Input a peer should never send: noise, damaged and cut-off payloads, malformed UTF-8, duplicate keys. Each must
 * fail with a {@link PackerException} that says where, never another exception and never a value. A text packer
 * gets each input both as text and as bytes, and, where the bytes are UTF-8, both must give the same outcome.
 */
abstract class HostileInputChecks extends GoldenVectorChecks {

  private static final String[] SOUP = {"[", "]", "{", "}", "(", ")", "#", "#{", "#_", "\"", "\\", "\\u", ":",
      "/", ";", ",", " ", "\n", "0", "1", "-", "+", ".", "e", "E", "N", "M", "a", "nil", "true", "#inst", "#uuid",
      "^", "~", "`", "\u00e9", "\ud83d\ude00", "\u0000", "##", "null", "1.5", "\"x\"", "[]", "{}", "\u0092",
      "\u00c1", "\u00ff"};

  /** A string the tests find in packed output to damage it there. */
  private static final String PROBE = "utf8probe";

  /** Byte sequences that are not UTF-8: stray bytes, cut sequences, overlong forms, surrogates, beyond U+10FFFF. */
  private static final List<byte[]> NOT_UTF8 = List.of(b(0xFF), b(0xFE), b(0x80), b(0xC3), b(0xE2, 0x82),
      b(0xC0, 0xAF), b(0xE0, 0x80, 0xAF), b(0xED, 0xA0, 0x80), b(0xF4, 0x90, 0x80, 0x80), b(0xF8, 0x88, 0x80, 0x80));

  /**
   * Inputs that hold a map with two equal keys, each of which the packer must refuse (PROTOCOL.md §3.2.1, §3.3.3).
   * By default: a map packed with the keys {@code "k1xq"} and {@code "k2xq"} (as strings, and as keywords when the
   * packer accepts them), at the top and inside a list, with the second key's bytes overwritten by the first's.
   * Override for a format where that substitution does not give a map with two equal keys (one that caches keys).
   */
  protected List<byte[]> duplicateKeyInputs() {
    List<byte[]> out = new ArrayList<>();
    for (Object[] keys : new Object[][] {{"k1xq", "k2xq"}, {Keyword.of("k1xq"), Keyword.of("k2xq")}}) {
      Map<Object, Object> map = new LinkedHashMap<>();
      map.put(keys[0], 1L);
      map.put(keys[1], 2L);
      for (Object v : List.of(map, List.of(map))) {
        if (!isRefused(v)) {
          out.add(replaceOnce(bytes(packer().pack(v)), "k2xq", "k1xq", "duplicateKeyInputs()"));
        }
      }
    }
    return out;
  }

  /**
   * Inputs that hold a set with two equal elements, each of which the packer must refuse. By default, as {@link
   * #duplicateKeyInputs()} does for maps; none when the packer does not read sets back as sets (JSON writes them as
   * arrays, where repeats are fine).
   */
  protected List<byte[]> duplicateElementInputs() {
    List<byte[]> out = new ArrayList<>();
    for (Object[] elements : new Object[][] {{"k1xq", "k2xq"}, {Keyword.of("k1xq"), Keyword.of("k2xq")}}) {
      Set<Object> set = new LinkedHashSet<>(Arrays.asList(elements));
      for (Object v : List.of(set, List.of(set))) {
        if (!isRefused(v) && readsSetsAsSets(set)) {
          out.add(replaceOnce(bytes(packer().pack(v)), "k2xq", "k1xq", "duplicateElementInputs()"));
        }
      }
    }
    return out;
  }

  private boolean readsSetsAsSets(Set<Object> set) {
    return normalise(set) instanceof Set && roundTrip(set) instanceof Set;
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomInputFailsOnlyWithPackerException() {
    Gen<byte[]> noise = DataModelGens.bytes().map(Bytes::toByteArray);
    Gen<byte[]> soup = DataModelGens.listsOf(Generate.pick(List.of(SOUP)), 24)
        .map(parts -> String.join("", parts).getBytes(StandardCharsets.UTF_8));
    Theories.qt(2000).forAll(noise.mix(soup)).checkAssert(this::unpacksOrFailsCleanlyInEveryForm);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void mutatedInputFailsOnlyWithPackerException() {
    Theories.qt(2000).forAll(domain(), Mutation.mutations()).checkAssert((v, m) -> {
      if (!isRefused(v)) {
        unpacksOrFailsCleanlyInEveryForm(m.apply(bytes(packer().pack(v))));
      }
    });
  }

  private void unpacksOrFailsCleanlyInEveryForm(byte[] input) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Payload form : forms(input)) {
      outcomes.add(unpackCleanly(packer(), form));
    }
    if (outcomes.size() == 2 && isUtf8(input)) {
      assertThat(outcomes.get(0).sameAs(outcomes.get(1))).as("the same UTF-8 input %s as text gave %s, as bytes %s",
          Bytes.wrap(input), outcomes.get(0), outcomes.get(1)).isTrue();
    }
  }

  /**
   * Every proper prefix of a packed frame, and of a packed collection, fails: as text, char by char, and as bytes,
   * byte by byte. A packer that accepts a cut-off payload would hand a peer half a message.
   */
  @Test
  void everyProperPrefixFails() {
    FrameCodec codec = new FrameCodec(packer());
    List<Payload> whole = new ArrayList<>();
    GoldenFrames.written().forEach(c -> whole.add(codec.encode(c.frame())));
    for (GoldenValues.Case c : GoldenValues.all()) {
      Object v = c.value();
      if ((v instanceof List || v instanceof Map || v instanceof Set) && !isRefused(v)) {
        whole.add(packer().pack(v));
      }
    }
    for (Payload p : whole) {
      if (p.isText()) {
        String text = p.asText();
        for (int n = 0; n < text.length(); n++) {
          assertUnpackFails(packer(), Payload.text(text.substring(0, n)));
        }
      }
      byte[] b = bytes(p);
      for (int n = 0; n < b.length; n++) {
        assertUnpackFails(packer(), Payload.binary(Bytes.wrap(Arrays.copyOf(b, n))));
      }
    }
  }

  @Test
  void rejectsEmptyInputAndTrailingValues() {
    for (Payload empty : forms(new byte[0])) {
      assertUnpackFails(packer(), empty);
    }
    byte[] one = bytes(packer().pack(List.of()));
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    for (Payload form : forms(two)) {
      assertUnpackFails(packer(), form);
    }
  }

  /** A text packer reads bytes as strict UTF-8 (PROTOCOL.md §3.1): a frame with a malformed string is an error. */
  @Test
  void bytesThatAreNotUtf8FailInATextPacker() {
    assumeThat(packer().isBinary()).as("a binary packer has no text").isFalse();
    FrameCodec codec = new FrameCodec(packer());
    for (byte[] bad : framesWithMalformedUtf8()) {
      Payload p = Payload.binary(Bytes.wrap(bad));
      assertThat(assertUnpackFails(packer(), p)).as("reading %s", Bytes.wrap(bad))
          .isNotInstanceOf(PackerLimitException.class);
      assertUnpackable(() -> codec.decode(p, Direction.FROM_CLIENT, Via.WEBSOCKET));
    }
  }

  /** Sente 1.17's {@code +} and {@code -} prefixes do not weaken the check: the bytes after them are strict UTF-8. */
  @Test
  void legacyPrefixesBeforeMalformedUtf8AreUnpackable() {
    assumeThat(readsLegacyFrames()).as("the packer reads no legacy frames").isTrue();
    FrameCodec codec = new FrameCodec(packer());
    for (byte[] bad : framesWithMalformedUtf8()) {
      for (byte prefix : new byte[] {'+', '-'}) {
        byte[] prefixed = new byte[bad.length + 1];
        prefixed[0] = prefix;
        System.arraycopy(bad, 0, prefixed, 1, bad.length);
        assertUnpackable(() -> codec.decode(Payload.binary(Bytes.wrap(prefixed)), Direction.FROM_CLIENT,
            Via.WEBSOCKET));
      }
    }
  }

  /** A valid client event frame whose event data is a string, with one of {@link #NOT_UTF8} inside the string. */
  private List<byte[]> framesWithMalformedUtf8() {
    Frame frame = new Frame.ClientEvent(Event.of("my-app/probe", "<" + PROBE + ">"), null);
    byte[] packed = bytes(new FrameCodec(packer()).encode(frame));
    List<byte[]> out = new ArrayList<>();
    for (byte[] bad : NOT_UTF8) {
      byte[] replacement = new byte[PROBE.length() + bad.length];
      System.arraycopy(bad, 0, replacement, 0, bad.length);
      System.arraycopy(PROBE.getBytes(StandardCharsets.US_ASCII), 0, replacement, bad.length, PROBE.length());
      out.add(replaceOnce(packed, PROBE, replacement));
    }
    return out;
  }

  private static void assertUnpackable(org.assertj.core.api.ThrowableAssert.ThrowingCallable decode) {
    assertThatThrownBy(decode).isInstanceOfSatisfying(FrameException.class, e -> {
      assertThat(e.reason()).as("%s", e.getMessage()).isEqualTo(FrameException.Reason.UNPACKABLE);
      assertThat(e.getCause()).isInstanceOf(PackerException.class);
    });
  }

  @Test
  void duplicateMapKeysAreRejected() {
    List<byte[]> inputs = duplicateKeyInputs();
    assertThat(inputs).as("inputs with duplicate map keys").isNotEmpty();
    for (byte[] input : inputs) {
      for (Payload form : forms(input)) {
        assertThat(assertUnpackFails(packer(), form)).isNotInstanceOf(PackerLimitException.class);
      }
    }
  }

  @Test
  void duplicateSetElementsAreRejected() {
    for (byte[] input : duplicateElementInputs()) {
      for (Payload form : forms(input)) {
        assertThat(assertUnpackFails(packer(), form)).isNotInstanceOf(PackerLimitException.class);
      }
    }
  }

  /**
   * Keys that share a hash code, as a peer can choose them ({@code [i, 31 * (k - i)]} has one {@code List.hashCode}
   * for every {@code i}): a map or set holding {@link PackerLimits#maxKeysPerHashCode()} of them is read, one more is
   * refused, since Java's hash maps take time in the square of their number. A packer that reads such keys back as
   * something else (JSON: strings, a list for a set) reads both.
   */
  @Test
  void keysSharingOneHashCodeAreBoundedAtTheirEdge() {
    assertThat(packer().limits().maxKeysPerHashCode()).isEqualTo(PackerLimits.DEFAULT_MAX_KEYS_PER_HASH_CODE);
    assertHashCodeBoundAtItsEdge(packer());
  }

  @Test
  void keysSharingOneHashCodeAreBoundedByTheConfiguredLimit() {
    assertHashCodeBoundAtItsEdge(provider().create(PackerLimits.builder().maxKeysPerHashCode(5).build()));
  }

  private void assertHashCodeBoundAtItsEdge(Packer p) {
    int max = p.limits().maxKeysPerHashCode();
    for (int n : new int[] {max, max + 1}) {
      Map<Object, Object> map = new LinkedHashMap<>();
      Set<Object> set = new LinkedHashSet<>();
      for (long i = 0; i < n; i++) {
        map.put(List.of(i, 31 * (1_000_000 - i)), i);
        set.add(List.of(i, 31 * (1_000_000 - i)));
      }
      for (Object value : List.of(map, set)) {
        Object expected = normalise(value);
        Collection<?> keys = expected instanceof Map ? ((Map<?, ?>) expected).keySet()
            : expected instanceof Set ? (Set<?>) expected : List.of();
        boolean flooded = keys.size() > max && keys.stream().map(Object::hashCode).distinct().count() == 1;
        for (Payload form : forms(p.pack(value))) {
          if (flooded) {
            PackerException e = assertUnpackFails(p, form);
            assertThat(e).as("%s", e.getMessage()).isInstanceOfSatisfying(PackerLimitException.class, l -> {
              assertThat(l.limit()).isEqualTo(Limit.KEYS_PER_HASH_CODE);
              assertThat(l.limitValue()).isEqualTo(max);
            });
            assertThat(e.reason()).contains("more than " + max).contains("share one hash code");
            assertWellFormed(e, form);
          } else {
            assertThat(p.unpack(form)).as("%d keys read from %s", n, describe(form)).isEqualTo(expected);
          }
        }
      }
    }
  }

  private static byte[] replaceOnce(byte[] in, String target, String replacement, String hook) {
    byte[] t = target.getBytes(StandardCharsets.UTF_8);
    if (indexOf(in, t, 0) < 0 || indexOf(in, t, indexOf(in, t, 0) + 1) >= 0) {
      throw new AssertionError("\"" + target + "\" does not appear exactly once in the packed bytes "
          + Bytes.wrap(in) + "; override " + hook);
    }
    return replaceOnce(in, target, replacement.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] replaceOnce(byte[] in, String target, byte[] replacement) {
    byte[] t = target.getBytes(StandardCharsets.UTF_8);
    int at = indexOf(in, t, 0);
    if (at < 0) {
      throw new AssertionError("\"" + target + "\" does not appear in the packed bytes " + Bytes.wrap(in)
          + "; a text packer is expected to write an ASCII string as itself");
    }
    byte[] out = new byte[in.length - t.length + replacement.length];
    System.arraycopy(in, 0, out, 0, at);
    System.arraycopy(replacement, 0, out, at, replacement.length);
    System.arraycopy(in, at + t.length, out, at + replacement.length, in.length - at - t.length);
    return out;
  }

  private static int indexOf(byte[] in, byte[] t, int from) {
    for (int i = from; i + t.length <= in.length; i++) {
      if (Arrays.equals(in, i, i + t.length, t, 0, t.length)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] b(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
