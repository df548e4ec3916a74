package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FrameTest {
  private static final Event EVENT = Event.of("my-app/some-req", "Rich");
  private static final Event RESERVED = Event.of("chsk/uidport-open", "alice");

  static Stream<Arguments> framesOfEachKind() {
    return Stream.of(
        arguments(new Frame.Handshake("alice", null), Frame.Kind.HANDSHAKE),
        arguments(new Frame.ClientEvent(EVENT, null), Frame.Kind.CLIENT_EVENT),
        arguments(new Frame.AjaxEvent(EVENT, true), Frame.Kind.AJAX_EVENT),
        arguments(new Frame.Reply(42L, "3f9c2a"), Frame.Kind.REPLY),
        arguments(new Frame.AjaxReply(42L), Frame.Kind.AJAX_REPLY),
        arguments(Frame.Push.of(EVENT), Frame.Kind.PUSH),
        arguments(new Frame.ServerPing(), Frame.Kind.SERVER_PING),
        arguments(new Frame.ClientPing("3f9c2a"), Frame.Kind.CLIENT_PING),
        arguments(new Frame.Pong("3f9c2a"), Frame.Kind.PONG),
        arguments(new Frame.ClientPong(), Frame.Kind.CLIENT_PONG),
        arguments(new Frame.AjaxAck(), Frame.Kind.AJAX_ACK),
        arguments(new Frame.Timeout(), Frame.Kind.TIMEOUT));
  }

  @ParameterizedTest
  @MethodSource("framesOfEachKind")
  void kindMatchesTheRecord(Frame frame, Frame.Kind kind) {
    assertThat(frame.kind()).isEqualTo(kind);
  }

  @Test
  void everyKindHasAFrame() {
    assertThat(framesOfEachKind().map(a -> a.get()[1])).containsExactlyInAnyOrder((Object[]) Frame.Kind.values());
  }

  @Test
  void handshakeMapsNullUidToNilUid() {
    Frame.Handshake h = new Frame.Handshake(null, "data");
    assertThat(h.uid()).isEqualTo(Chsk.NIL_UID);
    assertThat(h.hasUid()).isFalse();
    assertThat(h).isEqualTo(new Frame.Handshake(Chsk.NIL_UID, "data"));
  }

  @Test
  void handshakeMapsLegacyNilUidToNilUid() {
    Frame.Handshake h = new Frame.Handshake(Chsk.LEGACY_NIL_UID, null);
    assertThat(h.uid()).isEqualTo(Chsk.NIL_UID);
    assertThat(h.hasUid()).isFalse();
  }

  @Test
  void handshakeKeepsOtherUids() {
    assertThat(new Frame.Handshake("alice", null).uid()).isEqualTo("alice");
    assertThat(new Frame.Handshake("alice", null).hasUid()).isTrue();
    assertThat(new Frame.Handshake(42L, null).uid()).isEqualTo(42L);
    // Only the keyword is the nil uid; a string spelling it is an ordinary user id at this level.
    assertThat(new Frame.Handshake("sente/nil-uid", null).hasUid()).isTrue();
  }

  @Test
  void clientEventRefusesReservedEvent() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Frame.ClientEvent(RESERVED, null))
        .withMessage("event id :chsk/uidport-open is in the reserved chsk namespace;"
            + " use a ping/pong frame or an application namespace");
    assertThatIllegalArgumentException().isThrownBy(() -> new Frame.ClientEvent(Event.of(Chsk.WS_PING), "cb"));
  }

  @Test
  void clientEventRequiresEvent() {
    assertThatNullPointerException().isThrownBy(() -> new Frame.ClientEvent(null, null)).withMessage("event");
  }

  @Test
  void clientEventWantsReplyWhenItHasCallbackId() {
    assertThat(new Frame.ClientEvent(EVENT, "3f9c2a").wantsReply()).isTrue();
    assertThat(new Frame.ClientEvent(EVENT, null).wantsReply()).isFalse();
  }

  @Test
  void ajaxEventRefusesReservedEvent() {
    assertThatIllegalArgumentException().isThrownBy(() -> new Frame.AjaxEvent(RESERVED, true))
        .withMessageContaining("reserved chsk namespace");
    assertThatNullPointerException().isThrownBy(() -> new Frame.AjaxEvent(null, false));
  }

  @Test
  void pushRefusesReservedEvent() {
    assertThatIllegalArgumentException().isThrownBy(() -> Frame.Push.of(EVENT, RESERVED))
        .withMessageContaining(":chsk/uidport-open");
  }

  @Test
  void pushRefusesNullEventOrList() {
    assertThatNullPointerException().isThrownBy(() -> new Frame.Push(Arrays.asList(EVENT, null)));
    assertThatNullPointerException().isThrownBy(() -> new Frame.Push(null));
  }

  @Test
  void pushCopiesItsEvents() {
    List<Event> source = new ArrayList<>(List.of(EVENT));
    Frame.Push push = new Frame.Push(source);
    source.add(Event.of("my-app/later", null));
    assertThat(push.events()).containsExactly(EVENT);
  }

  @Test
  void pushEventsAreUnmodifiable() {
    Frame.Push push = new Frame.Push(new ArrayList<>(List.of(EVENT)));
    assertThatThrownBy(() -> push.events().add(EVENT)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> push.events().remove(0)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void pushKeepsOrderAndAllowsEmptyBatch() {
    Event second = Event.of("my-app/alert", 2L);
    assertThat(Frame.Push.of(EVENT, second).events()).containsExactly(EVENT, second);
    assertThat(Frame.Push.of().events()).isEmpty();
    assertThat(Frame.Push.of(EVENT, second)).isEqualTo(new Frame.Push(List.of(EVENT, second)));
  }

  @Test
  void replyRequiresCallbackId() {
    assertThatNullPointerException().isThrownBy(() -> new Frame.Reply(1L, null)).withMessage("callbackId");
  }

  @Test
  void replyAllowsNullValue() {
    assertThat(new Frame.Reply(null, "cb").value()).isNull();
    assertThat(new Frame.AjaxReply(null).value()).isNull();
  }

  @Test
  void pongRequiresCallbackId() {
    assertThatNullPointerException().isThrownBy(() -> new Frame.Pong(null)).withMessage("callbackId");
  }

  @Test
  void pongSeenAsReplyCarriesPongString() {
    assertThat(new Frame.Pong("3f9c2a").asReply()).isEqualTo(new Frame.Reply("pong", "3f9c2a"));
  }

  @Test
  void clientPingAllowsMissingCallbackIdOfSente117() {
    assertThat(new Frame.ClientPing(null).callbackId()).isNull();
  }

  @Test
  void framesWithoutFieldsAreEqual() {
    assertThat(new Frame.ServerPing()).isEqualTo(new Frame.ServerPing());
    assertThat(new Frame.ClientPong()).isEqualTo(new Frame.ClientPong());
    assertThat(new Frame.AjaxAck()).isEqualTo(new Frame.AjaxAck());
    assertThat(new Frame.Timeout()).isEqualTo(new Frame.Timeout());
  }
}
