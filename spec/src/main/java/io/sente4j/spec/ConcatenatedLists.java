package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Packer;
import io.sente4j.core.Payload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * For the tests of a {@link Packer#concatLists}: the parts packed alone and concatenated, against the same parts
 * packed as one list, which is the bytes a concatenation must give.
 */
public final class ConcatenatedLists {
  private ConcatenatedLists() {}

  /** Each part packed alone, then concatenated by the packer. */
  public static Payload concat(Packer packer, List<?>... parts) {
    List<Payload> packed = new ArrayList<>(parts.length);
    for (List<?> part : parts) {
      packed.add(packer.pack(part));
    }
    return packer.concatLists(packed);
  }

  /** The parts' elements packed as one list. */
  public static Payload packAll(Packer packer, List<?>... parts) {
    List<Object> all = new ArrayList<>();
    for (List<?> part : parts) {
      all.addAll(part);
    }
    return packer.pack(all);
  }

  /** Concatenating {@code parts} gives the bytes of packing them as one list, and reads back as that list. */
  public static void assertConcatenatesAsOne(Packer packer, List<?>... parts) {
    Payload joined = concat(packer, parts);
    assertThat(joined).as("%s", Arrays.asList(parts)).isEqualTo(packAll(packer, parts));
    assertThat(packer.unpack(joined)).isEqualTo(packer.unpack(packAll(packer, parts)));
  }

  /** A list of {@code n} ones, for the sizes at which a format's list header changes. */
  public static List<Object> ones(int n) {
    return new ArrayList<>(Collections.nCopies(n, 1L));
  }

  /** A binary payload from hex digits, spaces allowed between them. */
  public static Payload hex(String hex) {
    return Payload.binary(Bytes.fromHex(hex.replace(" ", "")));
  }
}
