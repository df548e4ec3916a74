package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TaggedTest {

  @Test
  void requiresTag() {
    assertThatNullPointerException().isThrownBy(() -> new Tagged(null, 1L)).withMessage("tag");
  }

  @Test
  void allowsNullValue() {
    assertThat(new Tagged(Symbol.of("my.app/x"), null).value()).isNull();
  }

  @Test
  void equalsByTagAndValue() {
    assertThat(new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)))
        .isEqualTo(new Tagged(Symbol.of("my.app/point"), List.of(1L, 2L)))
        .isNotEqualTo(new Tagged(Symbol.of("my.app/pt"), List.of(1L, 2L)));
  }

  @Test
  void toStringIsTheEdnForm() {
    assertThat(new Tagged(Symbol.of("my.app/point"), 1L)).hasToString("#my.app/point 1");
  }
}
