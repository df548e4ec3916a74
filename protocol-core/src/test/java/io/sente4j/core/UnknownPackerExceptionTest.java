package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnknownPackerExceptionTest {

  @Test
  void listsTheAvailableNames() {
    UnknownPackerException e = new UnknownPackerException("cbor", List.of("edn", "json"));
    assertThat(e).hasMessage("no packer named \"cbor\"; available: edn, json");
    assertThat(e.requested()).isEqualTo("cbor");
    assertThat(e.available()).containsExactly("edn", "json");
  }

  @Test
  void saysWhenThereAreNone() {
    assertThat(new UnknownPackerException("edn", List.of()))
        .hasMessage("no packer named \"edn\"; available: none (is a packer artifact on the class path?)");
  }

  @Test
  void availableIsAnUnmodifiableCopy() {
    List<String> names = new ArrayList<>(List.of("edn"));
    UnknownPackerException e = new UnknownPackerException("x", names);
    names.add("json");
    assertThat(e.available()).containsExactly("edn");
    assertThatThrownBy(() -> e.available().add("y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
