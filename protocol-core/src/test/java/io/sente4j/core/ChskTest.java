package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChskTest {

  @Test
  void protocolKeywordsAreInTheReservedNamespace() {
    for (Keyword k : new Keyword[] {Chsk.HANDSHAKE, Chsk.WS_PING, Chsk.WS_PONG, Chsk.TIMEOUT, Chsk.CLOSED,
        Chsk.ERROR, Chsk.DUMMY_CB_200, Chsk.UIDPORT_OPEN, Chsk.UIDPORT_CLOSE, Chsk.STATE, Chsk.BAD_EVENT}) {
      assertThat(k.isIn(Chsk.NAMESPACE)).as("%s", k).isTrue();
    }
  }

  @Test
  void wireNamesMatchSente() {
    assertThat(Chsk.HANDSHAKE).hasToString(":chsk/handshake");
    assertThat(Chsk.WS_PING).hasToString(":chsk/ws-ping");
    assertThat(Chsk.WS_PONG).hasToString(":chsk/ws-pong");
    assertThat(Chsk.TIMEOUT).hasToString(":chsk/timeout");
    assertThat(Chsk.DUMMY_CB_200).hasToString(":chsk/dummy-cb-200");
    assertThat(Chsk.NIL_UID).hasToString(":sente/nil-uid");
    assertThat(Chsk.LEGACY_NIL_UID).hasToString(":taoensso.sente/nil-uid");
    assertThat(Chsk.AJAX_MARKER).hasToString(":ajax");
    assertThat(Chsk.PONG).isEqualTo("pong");
  }
}
