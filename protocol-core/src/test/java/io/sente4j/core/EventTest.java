package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {

  @Test
  void requiresNamespacedId() {
    assertThatIllegalArgumentException().isThrownBy(() -> Event.of(Keyword.of("send")))
        .withMessage("event id :send has no namespace; event ids look like :my-app/event");
    assertThatIllegalArgumentException().isThrownBy(() -> Event.of("send", 1L))
        .withMessageContaining("has no namespace");
  }

  @Test
  void requiresId() {
    assertThatNullPointerException().isThrownBy(() -> new Event(null, 1L)).withMessage("id");
  }

  @Test
  void rejectsIllegalIdText() {
    assertThatIllegalArgumentException().isThrownBy(() -> Event.of("chat/ send", null))
        .withMessage("keyword name \" send\" contains U+0020 at index 0");
  }

  @Test
  void factoriesAgree() {
    Keyword id = Keyword.of("chat", "send");
    assertThat(Event.of(id)).isEqualTo(new Event(id, null));
    assertThat(Event.of(id, "hi")).isEqualTo(new Event(id, "hi"));
    assertThat(Event.of("chat/send", "hi")).isEqualTo(new Event(id, "hi"));
    assertThat(Event.of(id).data()).isNull();
  }

  @Test
  void equalsByIdAndData() {
    assertThat(Event.of("a/b", List.of(1L))).isEqualTo(Event.of("a/b", List.of(1L)));
    assertThat(Event.of("a/b", 1L)).isNotEqualTo(Event.of("a/b", 2L));
    assertThat(Event.of("a/b", null)).isNotEqualTo(Event.of("a/c", null));
  }

  @Test
  void isReservedOnlyInTheChskNamespace() {
    assertThat(Event.of(Chsk.WS_PING).isReserved()).isTrue();
    assertThat(Event.of("chsk/anything", null).isReserved()).isTrue();
    assertThat(Event.of("chsk.app/x", null).isReserved()).isFalse();
    assertThat(Event.of("app/chsk", null).isReserved()).isFalse();
    assertThat(Event.of("CHSK/x", null).isReserved()).isFalse();
  }

  @Test
  void toStringIsTheEdnVector() {
    assertThat(Event.of(Chsk.WS_PONG)).hasToString("[:chsk/ws-pong]");
    assertThat(Event.of("chat/send", 42L)).hasToString("[:chat/send 42]");
    assertThat(Event.of("chat/send", List.of(Keyword.of("a"), 1L))).hasToString("[:chat/send [:a, 1]]");
  }
}
