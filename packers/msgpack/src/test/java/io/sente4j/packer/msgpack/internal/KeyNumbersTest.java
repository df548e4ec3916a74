package io.sente4j.packer.msgpack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.sente4j.core.Keyword;
import io.sente4j.spec.Theories;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link KeyNumbers} numbers keys exactly as a map from key to first-seen position, capped at 256 keys, would. */
class KeyNumbersTest {

  @Test
  void numbersKeysInFirstSeenOrderAsAMapWouldUpToTheCap() {
    // Key ids from a small range repeat often; a wide range passes the 256-key cap and the table's growth.
    Theories.qt().forAll(lists().of(integers().between(0, 700)).ofSizeBetween(0, 2000)).checkAssert(ids -> {
      KeyNumbers table = new KeyNumbers();
      Map<Object, Integer> model = new HashMap<>();
      for (int id : ids) {
        Object key = id % 2 == 0 ? "k" + id : Keyword.of("k" + id);
        Integer expected = model.get(key);
        if (expected == null && model.size() < SenteExt.KEY_CACHE_SIZE) {
          model.put(key, model.size());
        }
        assertThat(table.numberOrAdd(key)).isEqualTo(expected == null ? -1 : expected);
      }
    });
  }

  @Test
  void aStringAndAKeywordOfTheSameNameAreDifferentKeys() {
    KeyNumbers table = new KeyNumbers();
    assertThat(table.numberOrAdd("room")).isEqualTo(-1);
    assertThat(table.numberOrAdd(Keyword.of("room"))).isEqualTo(-1);
    assertThat(table.numberOrAdd("room")).isZero();
    assertThat(table.numberOrAdd(Keyword.of("room"))).isEqualTo(1);
  }

  @Test
  void equalKeysThatAreDifferentObjectsShareANumber() {
    KeyNumbers table = new KeyNumbers();
    table.numberOrAdd(new String("text"));
    assertThat(table.numberOrAdd(new String("text"))).isZero();
    assertThat(List.of(table.numberOrAdd("other"), table.numberOrAdd("other"))).containsExactly(-1, 1);
  }
}
