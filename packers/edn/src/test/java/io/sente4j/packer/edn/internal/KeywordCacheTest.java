package io.sente4j.packer.edn.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Keyword;
import io.sente4j.core.PackerLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The keyword cache never changes what is read: evictions, collisions, long names and racing threads. */
class KeywordCacheTest {

  private static Object read(String edn, KeywordCache cache) {
    char[] chars = edn.toCharArray();
    return EdnReader.read(chars, chars.length, PackerLimits.defaults(), cache);
  }

  private static String keywords(int from, int count) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = from; i < from + count; i++) {
      sb.append(" :ns").append(i % 7).append("/k").append(i);
    }
    return sb.append(']').toString();
  }

  @Test
  void readsTheSameKeywordsWithOrWithoutTheCacheAcrossEvictions() {
    KeywordCache cache = new KeywordCache();
    for (int round = 0; round < 3; round++) {
      String edn = keywords(round * 1000, 4 * KeywordCache.SLOTS);
      assertThat(read(edn, cache)).isEqualTo(read(edn, null));
    }
  }

  @Test
  void collidingHashesGiveTheirOwnKeywords() {
    // "Aa" and "BB" have the same String hash, so these share a slot and an entry hash.
    KeywordCache cache = new KeywordCache();
    assertThat(read("[:Aa :BB :Aa :BB :x/AaBB :x/BBAa]", cache)).isEqualTo(List.of(Keyword.of("Aa"),
        Keyword.of("BB"), Keyword.of("Aa"), Keyword.of("BB"), Keyword.of("x/AaBB"), Keyword.of("x/BBAa")));
  }

  @Test
  void longKeywordsAreReadButNotCached() {
    KeywordCache cache = new KeywordCache();
    String name = "k".repeat(KeywordCache.MAX_LENGTH + 1);
    assertThat(read("[:" + name + " :" + name + "]", cache)).isEqualTo(List.of(Keyword.of(name), Keyword.of(name)));
    String fits = "k".repeat(KeywordCache.MAX_LENGTH);
    Object first = ((List<?>) read("[:" + fits + "]", cache)).get(0);
    assertThat(((List<?>) read("[:" + fits + "]", cache)).get(0)).isSameAs(first);
  }

  @Test
  void threadsSharingACacheEachReadTheirOwnKeywords() throws Exception {
    KeywordCache cache = new KeywordCache();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int from = t * 10_000;
        results.add(pool.submit(() -> {
          String edn = keywords(from, 2 * KeywordCache.SLOTS);
          Object expected = read(edn, null);
          for (int i = 0; i < 200; i++) {
            if (!read(edn, cache).equals(expected)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
