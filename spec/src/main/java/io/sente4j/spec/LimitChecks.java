package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Packer;
import io.sente4j.core.PackerLimitException.Limit;
import io.sente4j.core.PackerLimits;
import io.sente4j.core.Payload;
import io.sente4j.core.Symbol;
import io.sente4j.core.Tagged;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The limits of PROTOCOL.md §3.8, each at its edge: a value exactly at a limit is written and read back, one step
 * beyond is refused with a {@link io.sente4j.core.PackerLimitException} naming the limit.
 */
abstract class LimitChecks extends HostileInputChecks {

  /** Characters of 1, 2, 3 and 4 UTF-8 bytes: an input limit counted in UTF-16 units would miss the last three. */
  private static final List<String> FILLERS = List.of("x", "\u00e9", "\u20ac", "\ud840\udc00");

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

  /** Nesting through every kind of collection, and tags when the packer has them, at the limit and one beyond. */
  @Test
  void depthLimitHoldsAtItsEdgeForEveryKindOfCollection() {
    int limit = 10;
    Packer limited = provider().create(PackerLimits.builder().maxDepth(limit).build());
    for (IntFunction<Object> shape : nestings()) {
      Object atLimit = shape.apply(limit);
      Payload packed = limited.pack(atLimit);
      for (Payload form : forms(packed)) {
        assertThat(limited.unpack(form)).as("reading %s", describe(form)).isEqualTo(normalise(atLimit));
      }
      Object beyond = shape.apply(limit + 1);
      assertLimit(() -> limited.pack(beyond), Limit.DEPTH);
      for (Payload form : forms(packer().pack(beyond))) {
        assertUnpackLimit(limited, form, Limit.DEPTH);
      }
    }
  }

  @Test
  void defaultDepthLimitIs128AndHostileNestingFailsCleanly() {
    int limit = PackerLimits.DEFAULT_MAX_DEPTH;
    for (IntFunction<Object> shape : nestings()) {
      assertThat(roundTrip(shape.apply(limit))).isEqualTo(normalise(shape.apply(limit)));
      assertLimit(() -> packer().pack(shape.apply(limit + 1)), Limit.DEPTH);
    }
    List<Object> cyclic = new ArrayList<>();
    cyclic.add(cyclic);
    assertLimit(() -> packer().pack(cyclic), Limit.DEPTH);
    for (Payload form : forms(hostileNesting(100_000))) {
      assertUnpackLimit(packer(), form, Limit.DEPTH);
    }
  }

  /** Lists, maps (through values), sets, and all of them in turn with tags when the packer has tags. */
  private List<IntFunction<Object>> nestings() {
    List<IntFunction<Object>> shapes = new ArrayList<>();
    shapes.add(KitBase::nest);
    shapes.add(depth -> nestAs(depth, "m"));
    shapes.add(depth -> nestAs(depth, "s"));
    Tagged tagged = new Tagged(Symbol.of("my.app/t"), List.of());
    shapes.add(depth -> nestAs(depth, isRefused(tagged) ? "lms" : "lmst"));
    return shapes;
  }

  /**
   * {@code depth} nested values, each a list (l), a map holding the next as a value (m), a set (s) or a tag (t), in
   * turn as {@code kinds} says from the innermost, which is empty (a tag holds nil).
   */
  private static Object nestAs(int depth, String kinds) {
    Object v = null;
    for (int i = 0; i < depth; i++) {
      switch (kinds.charAt(i % kinds.length())) {
        case 'm':
          v = i == 0 ? Map.of() : Map.of("a", v);
          break;
        case 's':
          v = i == 0 ? Set.of() : Set.of(v);
          break;
        case 't':
          v = new Tagged(Symbol.of("my.app/t"), v);
          break;
        default:
          v = i == 0 ? List.of() : List.of(v);
      }
    }
    return v;
  }

  /** The limit counts UTF-8 bytes, for text too: multi-byte characters count for each of their bytes. */
  @Test
  void inputSizeLimitCountsUtf8BytesAtItsEdge() {
    int limit = 300;
    Packer limited = provider().create(PackerLimits.builder().maxInputBytes(limit).build());
    for (String filler : FILLERS) {
      assertInputLimitEdge(limited, limit, filler);
    }
  }

  /** The default limit is 1 MiB: an input of exactly 1,048,576 bytes is read, one byte more is refused. */
  @Test
  void defaultInputLimitIsExactlyOneMebibyte() {
    assertInputLimitEdge(packer(), PackerLimits.DEFAULT_MAX_INPUT_BYTES, "\u20ac");
  }

  private void assertInputLimitEdge(Packer limited, int limit, String filler) {
    String exact = packingTo(limit, filler);
    Payload packed = packer().pack(exact);
    assertThat(packed.byteLength()).isEqualTo(limit);
    for (Payload form : forms(packed)) {
      assertThat(limited.unpack(form)).as("reading %s of %s", describe(form), filler)
          .isEqualTo(normalise(exact));
    }
    Payload over = packer().pack(exact + filler);
    assertThat(over.byteLength()).isGreaterThan(limit);
    for (Payload form : forms(over)) {
      assertUnpackLimit(limited, form, Limit.INPUT_BYTES);
    }
  }

  /** A string of mostly {@code filler} that packs to exactly {@code target} bytes. */
  private String packingTo(int target, String filler) {
    int unit = Payload.text(filler).byteLength();
    int n = Math.max(0, (target - packer().pack("").byteLength()) / unit - 2);
    int pad = 0;
    for (int attempt = 0; attempt < 16 && n >= 0; attempt++) {
      String s = filler.repeat(n) + "x".repeat(pad);
      int length = packer().pack(s).byteLength();
      if (length == target) {
        return s;
      }
      pad += target - length;
      if (pad < 0) {
        n--;
        pad = 0;
      }
    }
    throw new AssertionError("no string of " + filler + " packs to exactly " + target + " bytes");
  }

  @Test
  void collectionSizeLimitHoldsAtItsEdge() {
    int limit = 10;
    Packer limited = provider().create(PackerLimits.builder().maxCollectionSize(limit).build());
    for (int n : new int[] {limit, limit + 1}) {
      List<Object> list = new ArrayList<>();
      Map<Object, Object> map = new LinkedHashMap<>();
      Set<Object> set = new LinkedHashSet<>();
      for (long i = 0; i < n; i++) {
        list.add(null);
        map.put("k" + i, i);
        set.add(i);
      }
      for (Object c : List.of(list, map, set, List.of(list))) {
        for (Payload form : forms(packer().pack(c))) {
          if (n == limit) {
            assertThat(limited.unpack(form)).isEqualTo(normalise(c));
          } else {
            assertUnpackLimit(limited, form, Limit.COLLECTION_SIZE);
          }
        }
      }
    }
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
}
