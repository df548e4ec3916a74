package io.sente4j.packer.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.Chsk;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.FrameException;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.core.Via;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Frames as a plain-JSON client writes them, read through {@link FrameCodec}: the protocol's keyword positions come
 * back as keywords from strings, with or without a leading colon; application data stays as JSON made it.
 */
class JsonFramesTest {
  private final FrameCodec codec = new FrameCodec(new JsonPacker());

  private Frame fromClient(String json) {
    return codec.decode(Payload.text(json), Direction.FROM_CLIENT, Via.WEBSOCKET);
  }

  private Frame fromServer(String json, Via via) {
    return codec.decode(Payload.text(json), Direction.FROM_SERVER, via);
  }

  @Test
  void readsAClientEventWithACallback() {
    Frame f = fromClient("[[\"chat/send\",{\"room\":\"a\"}],\"3f9c2a\"]");
    assertThat(f).isEqualTo(new Frame.ClientEvent(new Event(Keyword.of("chat/send"), Map.of("room", "a")), "3f9c2a"));
    assertThat(((Frame.ClientEvent) f).event().id()).isEqualTo(Keyword.of("chat", "send"));
  }

  @Test
  void readsEventIdsWrittenWithALeadingColon() {
    assertThat(fromClient("[[\":chat/send\",1],null]"))
        .isEqualTo(new Frame.ClientEvent(new Event(Keyword.of("chat/send"), 1L), null));
  }

  @Test
  void readsTheServerPing() {
    assertThat(fromServer("[\"chsk/ws-ping\",null]", Via.WEBSOCKET)).isEqualTo(new Frame.ServerPing());
    assertThat(fromServer("[\":chsk/ws-ping\",null]", Via.WEBSOCKET)).isEqualTo(new Frame.ServerPing());
  }

  @Test
  void readsHandshakesWithOrWithoutTheColon() {
    assertThat(fromServer("[[\":chsk/handshake\",[\"alice\",null,{\"plan\":\"pro\"}]],null]", Via.WEBSOCKET))
        .isEqualTo(new Frame.Handshake("alice", Map.of("plan", "pro")));
    assertThat(fromServer("[[\"chsk/handshake\",[\"alice\",null]],null]", Via.WEBSOCKET))
        .isEqualTo(new Frame.Handshake("alice", null));
    Frame anonymous = fromServer("[[\":chsk/handshake\",[\":sente/nil-uid\",null]],null]", Via.AJAX_POLL);
    assertThat(anonymous).isEqualTo(new Frame.Handshake(Chsk.NIL_UID, null));
    assertThat(((Frame.Handshake) anonymous).hasUid()).isFalse();
  }

  @Test
  void readsThePingPongAndAjaxForms() {
    assertThat(fromClient("[[\"chsk/ws-ping\"],\"cb1\"]")).isEqualTo(new Frame.ClientPing("cb1"));
    assertThat(fromClient("[[\"chsk/ws-pong\"],null]")).isEqualTo(new Frame.ClientPong());
    assertThat(fromServer("[\"pong\",\"cb1\"]", Via.WEBSOCKET)).isEqualTo(new Frame.Pong("cb1"));
    assertThat(fromServer("[\"chsk/timeout\",null]", Via.AJAX_POLL)).isEqualTo(new Frame.Timeout());
    assertThat(fromServer("[\"chsk/dummy-cb-200\",null]", Via.AJAX_POST)).isEqualTo(new Frame.AjaxAck());
    assertThat(codec.decode(Payload.text("[[\"chat/send\",{}],\"ajax\"]"), Direction.FROM_CLIENT, Via.AJAX_POST))
        .isEqualTo(new Frame.AjaxEvent(new Event(Keyword.of("chat/send"), Map.of()), true));
  }

  @Test
  void readsAPushBatch() {
    assertThat(fromServer("[[[\"my-app/alert\",{\"n\":1}],[\":my-app/alert\",{\"n\":2}]],null]", Via.WEBSOCKET))
        .isEqualTo(Frame.Push.of(new Event(Keyword.of("my-app/alert"), Map.of("n", 1L)),
            new Event(Keyword.of("my-app/alert"), Map.of("n", 2L))));
  }

  @Test
  void writesKeywordPositionsAsStringsWithoutAColon() {
    assertThat(codec.encode(new Frame.ServerPing()).asText()).isEqualTo("[\"chsk/ws-ping\",null]");
    assertThat(codec.encode(new Frame.Handshake(Chsk.NIL_UID, null)).asText())
        .isEqualTo("[[\"chsk/handshake\",[\"sente/nil-uid\",null,null]],null]");
    assertThat(codec.encode(new Frame.ClientEvent(new Event(Keyword.of("chat/send"), Map.of("room", "a")), "3f9c2a"))
        .asText()).isEqualTo("[[\"chat/send\",{\"room\":\"a\"}],\"3f9c2a\"]");
  }

  @Test
  void leavesApplicationDataAlone() {
    Frame f = fromClient("[[\"chat/send\",[\":looks/like-a-keyword\",\"chsk/ws-ping\"]],null]");
    assertThat(((Frame.ClientEvent) f).event().data()).isEqualTo(List.of(":looks/like-a-keyword", "chsk/ws-ping"));
  }

  @Test
  void reportsUnreadableJsonAsAnUnpackableFrame() {
    assertThatThrownBy(() -> fromClient("[[\"chat/send\",{\"a\":1,\"a\":2}],null]"))
        .isInstanceOfSatisfying(FrameException.class,
            e -> assertThat(e.reason()).isEqualTo(FrameException.Reason.UNPACKABLE))
        .hasMessageContaining("duplicate key");
  }
}
