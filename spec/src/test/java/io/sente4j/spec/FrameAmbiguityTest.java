package io.sente4j.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Chsk;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.Keyword;
import io.sente4j.core.Symbol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one ambiguity rule, exactly: neither more (no suffix matching) nor less. */
class FrameAmbiguityTest {

  @Test
  void aReplyOfPongIsAPong() {
    for (boolean keywords : new boolean[] {true, false}) {
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.Reply("pong", "cb"), keywords)).isTrue();
      for (Object other : List.of("pong ", "Pong", ":pong", Keyword.of("pong"), Symbol.of("pong"))) {
        assertThat(FrameAmbiguity.isAmbiguous(new Frame.Reply(other, "cb"), keywords)).as("%s", other).isFalse();
      }
    }
  }

  @Test
  void anAjaxReplyStandingForTimeoutOrAckIsOne() {
    for (Keyword k : List.of(Chsk.TIMEOUT, Chsk.DUMMY_CB_200)) {
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(k), true)).isTrue();
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(k), false)).isTrue();
      for (String s : List.of(k.qualifiedName(), k.toString())) {
        assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(s), false)).as(s).isTrue();
        assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(s), true)).as(s).isFalse();
      }
      for (String s : List.of("x" + k.qualifiedName(), "::" + k.qualifiedName(), k.qualifiedName() + " ",
          k.name())) {
        assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(s), false)).as(s).isFalse();
      }
    }
    assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(Chsk.WS_PING), false)).isFalse();
    assertThat(FrameAmbiguity.isAmbiguous(new Frame.AjaxReply(Symbol.of("chsk/timeout")), false)).isFalse();
  }

  @Test
  void aHandshakeUidStandingForTheNilUidIsOneOnlyWithoutKeywords() {
    for (String s : List.of("sente/nil-uid", ":sente/nil-uid", "taoensso.sente/nil-uid", ":taoensso.sente/nil-uid")) {
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.Handshake(s, null), false)).as(s).isTrue();
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.Handshake(s, null), true)).as(s).isFalse();
    }
    for (Object uid : List.of("xsente/nil-uid", "nil-uid", Chsk.NIL_UID, Chsk.LEGACY_NIL_UID, 7L)) {
      assertThat(FrameAmbiguity.isAmbiguous(new Frame.Handshake(uid, null), false)).as("%s", uid).isFalse();
    }
  }

  @Test
  void otherFramesNeverAre() {
    Event e = Event.of("my-app/x", "chsk/timeout");
    for (Frame f : List.of(new Frame.ClientEvent(e, "pong"), new Frame.AjaxEvent(e, true), Frame.Push.of(e),
        new Frame.Pong("pong"), new Frame.Timeout(), new Frame.AjaxAck(), new Frame.ServerPing())) {
      assertThat(FrameAmbiguity.isAmbiguous(f, false)).as("%s", f).isFalse();
    }
  }
}
