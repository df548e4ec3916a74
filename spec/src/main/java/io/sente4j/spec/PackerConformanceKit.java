package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.sente4j.core.Bytes;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerProvider;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.quicktheories.core.Gen;

/**
 * The contract every {@link Packer} proves by extending this class in its own tests: the golden vectors in both
 * directions, round trips over generated values, clean failure on hostile input, and every limit at its edge.
 *
 * <pre>{@code
 * class EdnPackerConformanceTest extends PackerConformanceKit {
 *   protected PackerProvider provider() { return new EdnPackerProvider(); }
 * }
 * }</pre>
 *
 * <p>A lossy packer overrides {@link #domain()} (the values it accepts), {@link #normalise(Object)} (what a round
 * trip makes of a value, written independently of the packer) and {@link #refused()} (values it must refuse).
 *
 * <p><b>Golden vectors.</b> Each case of {@link GoldenFrames#written()} and {@link GoldenValues#all()} has a file
 * under {@code spec/vectors/<packer>/frames/} or {@code .../values/}: packing gives exactly its bytes, and unpacking
 * its bytes gives the normalised value. A value case without a file must be refused. Text packers also read every
 * case of {@link GoldenFrames#readOnly()} from {@code .../legacy/}. To create missing files, run the test with
 * {@code -Dsente4j.vectors.write=true} (see {@link GoldenVectors}); it writes them and fails, so that each new file
 * is reviewed by hand before it is committed.
 */
public abstract class PackerConformanceKit {

  /** The packer under test. */
  protected abstract PackerProvider provider();

  /** The values this packer accepts; by default every value of the data model. */
  protected Gen<Object> domain() {
    return DataModelGens.all().values();
  }

  /**
   * What unpacking a packed {@code value} gives, by the packer's documented rule; the identity for a lossless
   * packer. Write it independently of the packer: the tests compare the two.
   */
  protected Object normalise(Object value) {
    return value;
  }

  /** Values the packer must refuse with a {@link PackerException}. */
  protected List<Object> refused() {
    return List.of();
  }

  /** Whether the packer reads Sente 1.17's prefixed text frames; by default, every text packer does. */
  protected boolean readsLegacyFrames() {
    return !packer().isBinary();
  }

  /** The packer with default limits. */
  protected final Packer packer() {
    return provider().create();
  }

  private GoldenVectors vectors() {
    Packer p = packer();
    return new GoldenVectors(p.name(), p.isBinary());
  }

  private Payload payload(byte[] bytes) {
    return packer().isBinary() ? Payload.binary(Bytes.wrap(bytes))
        : Payload.text(new String(bytes, StandardCharsets.UTF_8));
  }

  private static byte[] bytes(Payload p) {
    return p.asBytes().toByteArray();
  }

  // ---- registration and basic shape -------------------------------------------------------------------------

  @Test
  void isRegisteredWithServiceLoader() {
    PackerRegistry registry = PackerRegistry.load();
    assertThat(registry.names()).contains(provider().name());
    assertThat(registry.get(provider().name()).getClass()).isEqualTo(packer().getClass());
    assertThat(packer().name()).isEqualTo(provider().name());
    assertThat(packer().limits()).isEqualTo(PackerLimits.defaults());
  }

  @Test
  void packsInTheDeclaredForm() {
    assertThat(packer().pack(42L).isText()).isEqualTo(!packer().isBinary());
  }

  @Test
  void refusesValuesOutsideItsDomain() {
    List<Object> outside = new ArrayList<>(refused());
    outside.add(new Object());
    outside.add(new StringBuilder("not a value"));
    outside.add(Thread.State.NEW);
    outside.add(List.of(new Object()));
    for (Object v : outside) {
      assertThatThrownBy(() -> packer().pack(v)).as("packing %s", v).isInstanceOf(PackerException.class);
    }
  }

  @Test
  void acceptsJavaConveniencesAsTheirDataModelForms() {
    Map<Object, Object> conveniences = new LinkedHashMap<>();
    conveniences.put(7, 7L);
    conveniences.put((short) -3, -3L);
    conveniences.put((byte) 9, 9L);
    conveniences.put(1.5f, 1.5d);
    conveniences.put(new byte[] {1, 2, 3}, Bytes.fromHex("010203"));
    conveniences.put(new ArrayList<>(List.of(1L, 2L)), List.of(1L, 2L));
    conveniences.put(new TreeSet<>(List.of(3L, 1L, 2L)), new java.util.LinkedHashSet<>(List.of(1L, 2L, 3L)));
    conveniences.put(new HashMap<>(Map.of("k", 1L)), Map.of("k", 1L));
    for (Map.Entry<Object, Object> e : conveniences.entrySet()) {
      Object expected = normalise(e.getValue());
      if (isRefused(e.getValue())) {
        continue;
      }
      assertThat(roundTrip(e.getKey())).as("round trip of %s", e.getKey()).isEqualTo(expected);
    }
  }

  @Test
  void decodedCollectionsAreUnmodifiableAndKeepOrder() {
    Map<Object, Object> m = new LinkedHashMap<>();
    for (int i = 20; i > 0; i--) {
      m.put("k" + i, (long) i);
    }
    Object read = roundTrip(Arrays.asList(m, Arrays.asList(3L, null, 1L)));
    assertThat(read).isInstanceOf(List.class);
    @SuppressWarnings("unchecked")
    List<Object> list = (List<Object>) read;
    @SuppressWarnings("unchecked")
    Map<Object, Object> map = (Map<Object, Object>) list.get(0);
    assertThat(new ArrayList<Object>(map.keySet()))
        .isEqualTo(new ArrayList<Object>(((Map<?, ?>) normalise(m)).keySet()));
    assertThat(list.get(1)).isEqualTo(Arrays.asList(3L, null, 1L));
    assertThatThrownBy(() -> list.add(1L)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> map.put("x", 1L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsEmptyInputAndTrailingValues() {
    assertThatThrownBy(() -> packer().unpack(payload(new byte[0]))).isInstanceOf(PackerException.class);
    byte[] one = bytes(packer().pack(List.of()));
    byte[] two = new byte[one.length * 2];
    System.arraycopy(one, 0, two, 0, one.length);
    System.arraycopy(one, 0, two, one.length, one.length);
    assertThatThrownBy(() -> packer().unpack(payload(two))).isInstanceOf(PackerException.class);
  }

  // ---- golden vectors ---------------------------------------------------------------------------------------

  @TestFactory
  Stream<DynamicTest> goldenValues() {
    GoldenVectors vectors = vectors();
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    Stream<DynamicTest> cases = GoldenValues.all().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("values", c.name());
      if (wire.isEmpty()) {
        if (isRefused(c.value())) {
          return; // no vector: the value is outside the packer's domain, as it must be
        }
        if (GoldenVectors.writeMissing()) {
          written.add(vectors.write("values", c.name(), bytes(packer().pack(c.value()))));
          return;
        }
        fail("no vector %s, yet the packer accepts %s: add the vector or refuse the value",
            vectors.path("values", c.name()), c.value());
      }
      assertThat(new String(bytes(packer().pack(c.value())), StandardCharsets.ISO_8859_1))
          .as("packing %s", c.value())
          .isEqualTo(new String(wire.get(), StandardCharsets.ISO_8859_1));
      assertThat(packer().unpack(payload(wire.get()))).as("unpacking %s", vectors.path("values", c.name()))
          .isEqualTo(normalise(c.value()));
    }));
    return Stream.concat(cases, Stream.of(reportWritten(written)));
  }

  @TestFactory
  Stream<DynamicTest> goldenFrames() {
    GoldenVectors vectors = vectors();
    FrameCodec codec = new FrameCodec(packer());
    List<Path> written = Collections.synchronizedList(new ArrayList<>());
    Stream<DynamicTest> cases = GoldenFrames.written().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("frames", c.name());
      if (wire.isEmpty()) {
        if (GoldenVectors.writeMissing()) {
          written.add(vectors.write("frames", c.name(), bytes(codec.encode(c.frame()))));
          return;
        }
        fail("no vector %s", vectors.path("frames", c.name()));
      }
      assertThat(new String(bytes(codec.encode(c.frame())), StandardCharsets.ISO_8859_1))
          .as("encoding %s", c.frame())
          .isEqualTo(new String(wire.get(), StandardCharsets.ISO_8859_1));
      assertThat(codec.decode(payload(wire.get()), c.from(), c.via()))
          .isEqualTo(FrameValues.map(c.frame(), this::normalise));
    }));
    return Stream.concat(cases, Stream.of(reportWritten(written)));
  }

  @TestFactory
  Stream<DynamicTest> goldenLegacyFramesRead() {
    if (!readsLegacyFrames()) {
      return Stream.empty();
    }
    GoldenVectors vectors = vectors();
    FrameCodec codec = new FrameCodec(packer());
    return GoldenFrames.readOnly().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
      var wire = vectors.read("legacy", c.name());
      assertThat(wire).as("legacy vector %s (written by hand)", vectors.path("legacy", c.name())).isPresent();
      assertThat(codec.decode(payload(wire.get()), c.from(), c.via()))
          .isEqualTo(FrameValues.map(c.frame(), this::normalise));
    }));
  }

  private static DynamicTest reportWritten(List<Path> written) {
    return DynamicTest.dynamicTest("no vector was missing", () -> assertThat(written)
        .as("vectors written because they were missing: review each by hand, then commit").isEmpty());
  }

  // ---- properties -------------------------------------------------------------------------------------------

  @Test
  void roundTripGivesTheValueOrItsNormalisedForm() {
    Theories.qt().forAll(domain()).checkAssert(v ->
        assertThat(roundTrip(v)).as("round trip of %s", v).isEqualTo(normalise(v)));
  }

  @Test
  void framesRoundTripThroughTheCodec() {
    FrameCodec codec = new FrameCodec(packer());
    Theories.qt().forAll(FrameGens.frames(domain())
        .assuming(c -> !isAmbiguous(FrameValues.map(c.frame(), this::normalise))))
        .checkAssert(c -> assertThat(codec.decode(codec.encode(c.frame()), c.from(), c.via()))
            .as("%s", c.frame()).isEqualTo(FrameValues.map(c.frame(), this::normalise)));
  }

  private static boolean isAmbiguous(Frame expected) {
    if (expected instanceof Frame.Reply) {
      return "pong".equals(((Frame.Reply) expected).value());
    }
    if (expected instanceof Frame.AjaxReply) {
      Object v = ((Frame.AjaxReply) expected).value();
      return v instanceof String && (((String) v).endsWith("chsk/timeout")
          || ((String) v).endsWith("chsk/dummy-cb-200"));
    }
    if (expected instanceof Frame.Handshake) {
      Object uid = ((Frame.Handshake) expected).uid();
      return uid instanceof String && ((String) uid).endsWith("nil-uid");
    }
    return false;
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void randomInputFailsOnlyWithPackerException() {
    Gen<byte[]> noise = DataModelGens.bytes().map(Bytes::toByteArray);
    Gen<byte[]> soup = DataModelGens.listsOf(
        org.quicktheories.generators.Generate.pick(List.of(SOUP)), 24).map(parts -> String.join("", parts)
        .getBytes(StandardCharsets.UTF_8));
    Theories.qt(2000).forAll(noise.mix(soup)).checkAssert(this::unpacksOrFailsCleanly);
  }

  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void mutatedInputFailsOnlyWithPackerException() {
    Theories.qt(2000).forAll(domain(), Mutation.mutations()).checkAssert((v, m) -> {
      if (isRefused(v)) {
        return;
      }
      unpacksOrFailsCleanly(m.apply(bytes(packer().pack(v))));
    });
  }

  @Test
  void everyTruncationFailsOnlyWithPackerException() {
    for (GoldenFrames.Case c : GoldenFrames.written()) {
      byte[] whole = bytes(new FrameCodec(packer()).encode(c.frame()));
      for (int n = 0; n < whole.length; n++) {
        unpacksOrFailsCleanly(Arrays.copyOf(whole, n));
      }
    }
  }

  private static final String[] SOUP = {"[", "]", "{", "}", "(", ")", "#", "#{", "#_", "\"", "\\", "\\u", ":",
      "/", ";", ",", " ", "\n", "0", "1", "-", "+", ".", "e", "E", "N", "M", "a", "nil", "true", "#inst", "#uuid",
      "^", "~", "`", "\u00e9", "\ud83d\ude00", "\u0000", "##", "null", "1.5", "\"x\"", "[]", "{}", "\u0092",
      "\u00c1", "\u00ff"};

  private void unpacksOrFailsCleanly(byte[] input) {
    try {
      packer().unpack(payload(input));
    } catch (PackerException expected) {
      assertThat(expected.getMessage()).startsWith(packer().name() + ": ");
    } catch (Throwable t) {
      throw new AssertionError("unpacking " + Bytes.wrap(input) + " threw " + t + " instead of a PackerException",
          t);
    }
  }

  // ---- limits -----------------------------------------------------------------------------------------------

  @Test
  void depthLimitHoldsAtItsEdge() {
    int limit = 10;
    Packer limited = provider().create(PackerLimits.builder().maxDepth(limit).build());
    assertThat(limited.unpack(limited.pack(nest(limit)))).isEqualTo(normalise(nest(limit)));
    assertLimit(() -> limited.pack(nest(limit + 1)), Limit.DEPTH);
    Payload tooDeep = packer().pack(nest(limit + 1));
    assertLimit(() -> limited.unpack(tooDeep), Limit.DEPTH);
    Object deepMap = nestMaps(limit + 1);
    assertLimit(() -> limited.unpack(packer().pack(deepMap)), Limit.DEPTH);
  }

  @Test
  void defaultDepthLimitIs128AndHostileNestingFailsCleanly() {
    int limit = PackerLimits.DEFAULT_MAX_DEPTH;
    assertThat(roundTrip(nest(limit))).isEqualTo(normalise(nest(limit)));
    assertLimit(() -> packer().pack(nest(limit + 1)), Limit.DEPTH);
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertLimit(() -> packer().pack(cyclic), Limit.DEPTH);
    byte[] hostile = hostileNesting(100_000);
    assertLimit(() -> packer().unpack(payload(hostile)), Limit.DEPTH);
  }

  /**
   * Input of {@code depth} nested empty lists, built without packing it (a writer would refuse it). The default
   * infers the repeating prefix and suffix from {@code nest(1)} and {@code nest(2)}; override for a packer where
   * nesting is not a plain repetition.
   */
  protected byte[] hostileNesting(int depth) {
    byte[] one = bytes(packer().pack(nest(1)));
    byte[] two = bytes(packer().pack(nest(2)));
    for (int at = 0; at + one.length <= two.length; at++) {
      if (Arrays.equals(two, at, at + one.length, one, 0, one.length)) {
        byte[] prefix = Arrays.copyOfRange(two, 0, at);
        byte[] suffix = Arrays.copyOfRange(two, at + one.length, two.length);
        byte[] three = repeat(prefix, suffix, one, 2);
        if ((prefix.length + suffix.length) > 0 && Arrays.equals(three, bytes(packer().pack(nest(3))))) {
          return repeat(prefix, suffix, one, depth - 1);
        }
      }
    }
    throw new AssertionError("cannot infer how this packer nests lists; override hostileNesting(int)");
  }

  private static byte[] repeat(byte[] prefix, byte[] suffix, byte[] core, int times) {
    byte[] out = new byte[(prefix.length + suffix.length) * times + core.length];
    int at = 0;
    for (int i = 0; i < times; i++) {
      System.arraycopy(prefix, 0, out, at, prefix.length);
      at += prefix.length;
    }
    System.arraycopy(core, 0, out, at, core.length);
    at += core.length;
    for (int i = 0; i < times; i++) {
      System.arraycopy(suffix, 0, out, at, suffix.length);
      at += suffix.length;
    }
    return out;
  }

  @Test
  void inputSizeLimitHoldsAtItsEdge() {
    int limit = 300;
    Packer limited = provider().create(PackerLimits.builder().maxInputBytes(limit).build());
    for (int k = 0; k <= limit; k++) {
      String s = "x".repeat(k);
      Payload exact = packer().pack(s);
      if (exact.byteLength() == limit) {
        assertThat(limited.unpack(exact)).isEqualTo(normalise(s));
        Payload over = packer().pack(s + "x");
        assertThat(over.byteLength()).isGreaterThan(limit);
        assertLimit(() -> limited.unpack(over), Limit.INPUT_BYTES);
        return;
      }
    }
    throw new AssertionError("no string packs to exactly " + limit + " bytes");
  }

  @Test
  void defaultInputLimitIsOneMebibyte() {
    String big = "y".repeat(PackerLimits.DEFAULT_MAX_INPUT_BYTES);
    assertLimit(() -> packer().unpack(packer().pack(big)), Limit.INPUT_BYTES);
  }

  @Test
  void collectionSizeLimitHoldsAtItsEdge() {
    int limit = 10;
    Packer limited = provider().create(PackerLimits.builder().maxCollectionSize(limit).build());
    for (int n : new int[] {limit, limit + 1}) {
      List<Object> list = new ArrayList<>();
      Map<Object, Object> map = new LinkedHashMap<>();
      java.util.Set<Object> set = new java.util.LinkedHashSet<>();
      for (long i = 0; i < n; i++) {
        list.add(null);
        map.put("k" + i, i);
        set.add(i);
      }
      for (Object c : List.of(list, map, set)) {
        Payload packed = packer().pack(c);
        if (n == limit) {
          assertThat(limited.unpack(packed)).isEqualTo(normalise(c));
        } else {
          assertLimit(() -> limited.unpack(packed), Limit.COLLECTION_SIZE);
        }
      }
    }
  }

  private static void assertLimit(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Limit limit) {
    assertThatThrownBy(call).isInstanceOfSatisfying(PackerLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(limit));
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  /** Packs then unpacks with the default limits. */
  protected final Object roundTrip(Object value) {
    return packer().unpack(packer().pack(value));
  }

  private boolean isRefused(Object value) {
    try {
      packer().pack(value);
      return false;
    } catch (PackerException e) {
      return true;
    }
  }

  /** {@code depth} nested lists; the innermost is empty and is at depth {@code depth}. */
  protected static Object nest(int depth) {
    Object v = List.of();
    for (int i = 1; i < depth; i++) {
      v = List.of(v);
    }
    return v;
  }

  private static Object nestMaps(int depth) {
    Object v = Map.of();
    for (int i = 1; i < depth; i++) {
      v = Map.of("a", v);
    }
    return v;
  }
}
