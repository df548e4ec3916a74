package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Bytes;
import io.sente4j.core.Direction;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Packer;
import io.sente4j.core.PackerException;
import io.sente4j.core.PackerLimitException;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.PackerRegistry;
import io.sente4j.core.Payload;
import io.sente4j.core.Via;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Packer} proves by extending this class in its own tests: the golden vectors in both
 * directions, round trips over generated values and frames, the data model's rules for decoded collections, clean
 * failure on hostile input, every limit at its edge, and safe use from many threads.
 *
 * <pre>{@code
 * class EdnPackerConformanceTest extends PackerConformanceKit {
 *   protected PackerProvider provider() { return new EdnPackerProvider(); }
 * }
 * }</pre>
 *
 * <p>A lossy packer overrides {@link #domain()} (the values it accepts), {@link #normalise(Object)} (what a round
 * trip makes of a value, written independently of the packer) and {@link #refused()} (values it must refuse). A
 * format in which the kit cannot build some hostile input by rewriting packed bytes overrides the hook that says
 * so ({@link #hostileNesting(int)}, {@link #duplicateKeyInputs()}, {@link #duplicateElementInputs()}).
 *
 * <p><b>Payload forms.</b> A text packer gets every input of the golden vectors, the fuzzing and the limits twice:
 * as text, and as its UTF-8 bytes, which it must read strictly (PROTOCOL.md §3.1). Read errors must say where:
 * an offset within the input and, for a text packer, a line and a column.
 *
 * <p><b>Golden vectors.</b> Each case of {@link GoldenFrames#written()} and {@link GoldenValues#all()} has a file
 * under {@code spec/vectors/<packer>/frames/} or {@code .../values/}: packing gives exactly its bytes, and unpacking
 * its bytes gives the normalised value. A value case without a file must be refused. Text packers also read every
 * case of {@link GoldenFrames#readOnly()} from {@code .../legacy/}. To create missing files, run the test with
 * {@code -Dsente4j.vectors.write=true} (see {@link GoldenVectors}); it writes them and fails, so that each new file
 * is reviewed by hand before it is committed.
 *
 * <p>The checks are grouped in package-private parts that this class extends one after the other (golden vectors,
 * hostile input, limits); the hooks and the inherited tests are all reached through this class.
 */
public abstract class PackerConformanceKit extends LimitChecks {

  /** Threads and values of {@link #concurrentUseGivesTheSingleThreadedResults()}. */
  private static final int THREADS = 4;
  private static final int CONCURRENT_VALUES = 300;

  /** For subclasses. */
  protected PackerConformanceKit() {}

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

  /** A value the data model does not have; its {@code toString} fails, since a packer must not write it as text. */
  private static final class NotAValue {
    @Override
    public String toString() {
      throw new IllegalStateException("a packer called toString() on a value outside the data model");
    }
  }

  @Test
  void refusesValuesOutsideItsDomain() {
    for (Object v : refused()) {
      assertThatThrownBy(() -> packer().pack(v)).as("packing %s", v).isInstanceOf(PackerException.class);
    }
  }

  /** Outside the data model (PROTOCOL.md §2.1, §3.1): refused, naming the Java class, also deep inside a value. */
  @Test
  void refusesObjectsOutsideTheDataModelNamingTheirClass() {
    List<Object> outside = List.of(new Object(), new StringBuilder("not a value"), Thread.State.NEW,
        new NotAValue(), new java.util.Date(0), new int[] {1}, Optional.empty(), new Object[] {1L});
    for (Object v : outside) {
      for (Object where : List.of(v, List.of(1L, v), Map.of("k", v), Map.of(List.of(v), 1L))) {
        assertThatThrownBy(() -> packer().pack(where)).as("packing %s", v.getClass().getName())
            .isInstanceOfSatisfying(PackerException.class, e -> {
              assertThat(e).isNotInstanceOf(PackerLimitException.class);
              assertThat(e.getMessage()).as("the message names the class").satisfiesAnyOf(
                  m -> assertThat(m).contains(v.getClass().getName()),
                  m -> assertThat(m).contains(v.getClass().getSimpleName()));
            });
      }
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
    conveniences.put(new TreeSet<>(List.of(3L, 1L, 2L)), new LinkedHashSet<>(List.of(1L, 2L, 3L)));
    conveniences.put(new HashMap<>(Map.of("k", 1L)), Map.of("k", 1L));
    for (Map.Entry<Object, Object> e : conveniences.entrySet()) {
      if (!isRefused(e.getValue())) {
        assertThat(roundTrip(e.getKey())).as("round trip of %s", e.getKey()).isEqualTo(normalise(e.getValue()));
      }
    }
  }

  // ---- decoded values (PROTOCOL.md §2.2) --------------------------------------------------------------------

  /** Nested lists, maps and sets come back unmodifiable, every one, and maps and sets in their wire order. */
  @Test
  void decodedCollectionsAreUnmodifiableAndKeepOrderAllTheWayDown() {
    Map<Object, Object> map = new LinkedHashMap<>();
    Set<Object> set = new LinkedHashSet<>();
    for (int i = 20; i > 0; i--) {
      map.put("k" + i, i % 3 == 0 ? List.of((long) i) : (long) i);
      set.add("s" + i);
    }
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put("z", new LinkedHashSet<>(List.of(9L, 3L, 5L, 1L)));
    inner.put("a", Arrays.asList(3L, null, 1L));
    Object value = Arrays.asList(map, set, Arrays.asList(3L, null, 1L), List.of(inner, List.of(), Map.of(), Set.of()),
        Collections.singletonMap("m", Collections.singletonMap("n", List.of(set))));
    for (Payload form : forms(packer().pack(value))) {
      DecodedValues.assertUnmodifiableAndInOrder(normalise(value), packer().unpack(form));
    }
  }

  @Test
  void roundTripGivesTheValueOrItsNormalisedForm() {
    Theories.qt().forAll(domain()).checkAssert(v -> {
      Object expected = normalise(v);
      for (Payload form : forms(packer().pack(v))) {
        Object read = packer().unpack(form);
        assertThat(read).as("round trip of %s as %s", v, form.isText() ? "text" : "bytes").isEqualTo(expected);
        DecodedValues.assertUnmodifiableAndInOrder(expected, read);
      }
    });
  }

  @Test
  void framesRoundTripThroughTheCodec() {
    FrameCodec codec = new FrameCodec(packer());
    boolean keywords = packer().carriesKeywords();
    Theories.qt().forAll(FrameGens.frames(domain(), keywords)
        .assuming(c -> !FrameAmbiguity.isAmbiguous(expected(c.frame()), keywords)))
        .checkAssert(c -> {
          for (Payload form : forms(codec.encode(c.frame()))) {
            assertThat(codec.decode(form, c.from(), c.via())).as("%s", c.frame()).isEqualTo(expected(c.frame()));
          }
        });
  }

  /**
   * Packed lists concatenated without unpacking ({@link Packer#concatLists}) read back as one list of all their
   * elements, in order, in every payload form, and a list packed inside another value is packed as it is alone (the
   * frame layer relies on it); a packer that says it does not concatenate answers {@code null}.
   */
  @Test
  void concatenatedListsReadAsAllTheirElementsInOrder() {
    Theories.qt().forAll(DataModelGens.listsOf(DataModelGens.listsOf(domain(), 0, 4), 0, 4)).checkAssert(parts -> {
      List<Object> all = flat(parts);
      Payload joined = ConcatenatedLists.concat(packer(), parts.toArray(List<?>[]::new));
      if (!concatenatesLists()) {
        assertThat(joined).as("a packer that does not concatenate answers null").isNull();
        return;
      }
      assertThat(joined).as("concatenated %s", parts).isNotNull();
      for (Payload form : forms(joined)) {
        assertThat(packer().unpack(form)).as("%s concatenated", parts).isEqualTo(normalise(all));
      }
      assertThat(bytes(joined)).as("%s concatenated: the bytes of packing them all", parts)
          .isEqualTo(bytes(packer().pack(all)));
      assertThat(bytes(packer().pack(Arrays.asList(all, null)))).as("[%s nil]: the list as packed alone", all)
          .isEqualTo(aroundList(bytes(packer().pack(all))));
    });
  }

  /**
   * {@code [list nil]} packed, from {@code list} packed alone: between the bytes that come before and after an
   * empty list in {@code [[] nil]}, which is how the frame layer cuts a push frame's events out.
   */
  private byte[] aroundList(byte[] list) {
    byte[] empty = bytes(packer().pack(List.of()));
    byte[] frame = bytes(packer().pack(Arrays.asList(List.of(), null)));
    for (int at = 0; at + empty.length <= frame.length; at++) {
      if (Arrays.equals(frame, at, at + empty.length, empty, 0, empty.length)) {
        byte[] out = Arrays.copyOf(frame, at + list.length + frame.length - at - empty.length);
        System.arraycopy(list, 0, out, at, list.length);
        System.arraycopy(frame, at + empty.length, out, at + list.length, frame.length - at - empty.length);
        return out;
      }
    }
    throw new AssertionError("[[] nil] does not hold [] as packed alone");
  }

  /**
   * Concatenated lists whose maps share keys, as a push's events do (the same keys in every event): the bytes of
   * packing them all, also for a format that caches map keys across a message.
   */
  @Test
  void concatenatedListsWithSharedMapKeysAreTheBytesOfPackingThemAll() {
    Map<Object, Object> first = new LinkedHashMap<>();
    first.put("room", "lobby");
    first.put("text", "hi");
    Map<Object, Object> second = new LinkedHashMap<>();
    second.put("text", "bye");
    second.put("room", "lobby");
    List<List<Object>> parts = List.of(List.of(first, first), List.of(second), List.of(List.of(first, second)),
        List.of(Set.of(second)));
    List<Object> all = flat(parts);
    Payload joined = ConcatenatedLists.concat(packer(), parts.toArray(List<?>[]::new));
    if (!concatenatesLists()) {
      assertThat(joined).isNull();
      return;
    }
    assertThat(bytes(joined)).isEqualTo(bytes(packer().pack(all)));
    assertThat(packer().unpack(joined)).isEqualTo(normalise(all));
  }

  /**
   * Push frames the codec joins are the bytes of the one push of all their events, and decode as it, in order.
   */
  @Test
  void joinedPushesDecodeAsOnePushOfAllTheirEvents() {
    FrameCodec codec = new FrameCodec(packer());
    boolean keywords = packer().carriesKeywords();
    Theories.qt().forAll(DataModelGens.listsOf(DataModelGens.listsOf(FrameGens.events(domain()), 1, 4), 1, 4))
        .assuming(batches -> !FrameAmbiguity.isAmbiguous(expected(new Frame.Push(flat(batches))), keywords))
        .checkAssert(batches -> {
          List<Payload> packed = new ArrayList<>();
          batches.forEach(events -> packed.add(codec.encode(new Frame.Push(events))));
          Payload joined = codec.joinPushes(packed);
          if (!concatenatesLists()) {
            assertThat(joined).isNull();
            return;
          }
          Frame.Push all = new Frame.Push(flat(batches));
          assertThat(bytes(joined)).as("%s joined: the bytes of one push of them all", batches)
              .isEqualTo(bytes(codec.encode(all)));
          assertThat(codec.decode(joined, Direction.FROM_SERVER, Via.AJAX_POLL)).as("%s joined", batches)
              .isEqualTo(expected(all));
        });
  }

  private static <T> List<T> flat(List<List<T>> lists) {
    List<T> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return all;
  }

  private Frame expected(Frame frame) {
    return FrameValues.map(frame, this::normalise);
  }

  // ---- threads ----------------------------------------------------------------------------------------------

  /**
   * One packer used from several threads at once packs and unpacks exactly as it does from one (a server shares
   * one packer among all its connections).
   */
  @Test
  @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void concurrentUseGivesTheSingleThreadedResults() throws Exception {
    List<Object> values = new ArrayList<>();
    Theories.qt(CONCURRENT_VALUES).forAll(domain()).checkAssert(v -> {
      if (!isRefused(v)) {
        values.add(v);
      }
    });
    Packer shared = packer();
    List<Payload> packed = new ArrayList<>();
    List<Object> read = new ArrayList<>();
    for (Object v : values) {
      Payload p = shared.pack(v);
      packed.add(p);
      read.add(shared.unpack(p));
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Void>> runs = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        int offset = t * values.size() / THREADS;
        Callable<Void> run = () -> {
          start.await();
          for (int i = 0; i < values.size(); i++) {
            int k = (offset + i) % values.size();
            assertThat(bytes(shared.pack(values.get(k)))).as("packing %s", values.get(k))
                .isEqualTo(bytes(packed.get(k)));
            assertThat(shared.unpack(packed.get(k))).as("unpacking %s", describe(packed.get(k)))
                .isEqualTo(read.get(k));
          }
          return null;
        };
        runs.add(pool.submit(run));
      }
      start.countDown();
      for (Future<Void> run : runs) {
        try {
          run.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof AssertionError ? (AssertionError) e.getCause() : new AssertionError(e);
        }
      }
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
