package io.sente4j.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Keyword;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class WriteTest {

  @Test
  void nullsAreRefusedWithTheirPlace() {
    assertThatThrownBy(() -> Write.present(null))
        .hasMessage("is null; declare the component Optional to leave it out");
    assertThatThrownBy(() -> Write.list(Arrays.asList("a", null), Function.identity()))
        .hasMessage("field [1]: is null; declare the component Optional to leave it out");
    assertThatThrownBy(() -> Write.plainList(Arrays.asList("a", "b", null)))
        .hasMessage("field [2]: is null; declare the component Optional to leave it out");
    assertThatThrownBy(() -> Write.plainSet(new java.util.LinkedHashSet<>(Arrays.asList(null, "a"))))
        .hasMessage("field [0]: is null; declare the component Optional to leave it out");
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThatThrownBy(() -> Write.map(withNull, k -> k, v -> v)).hasMessageStartingWith("field [k]: is null");
  }

  @Test
  void plainCollectionsArePassedOnInAnUnmodifiableViewInOrder() {
    List<String> tags = new java.util.ArrayList<>(List.of("b", "a"));
    List<String> written = Write.plainList(tags);
    assertThat(written).containsExactly("b", "a");
    assertThatThrownBy(() -> written.add("c")).isInstanceOf(UnsupportedOperationException.class);
    Set<Long> ids = Write.plainSet(new java.util.LinkedHashSet<>(List.of(3L, 1L)));
    assertThat(ids).containsExactly(3L, 1L);
    assertThatThrownBy(() -> ids.add(2L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void collectionsComeOutUnmodifiableInOrder() {
    List<Object> list = Write.list(List.of(1, 2, 3), i -> (long) i);
    assertThat(list).containsExactly(1L, 2L, 3L);
    assertThatThrownBy(() -> list.add(4L)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(Write.set(Set.of("a"), s -> Keyword.of(s))).containsExactly(Keyword.of("a"));
    assertThat(Write.optional(Optional.empty(), v -> v)).isNull();
    assertThat(Write.optional(Optional.of(2), v -> (long) v)).isEqualTo(2L);
  }

  @Test
  void eventSpecsCheckTheirParts() {
    assertThatThrownBy(() -> new EventSpec(Keyword.of("a", "b"), EventSpec.Kind.SERVER_PUSH, Rec.class,
        Optional.of(Rec.class))).hasMessage("a server push has no reply: :a/b");
    assertThat(new EventSpec(Keyword.of("a", "b"), EventSpec.Kind.CLIENT_EVENT, Rec.class, Optional.of(Rec.class))
        .wantsReply()).isTrue();
  }

  private record Rec(long id) {}
}
