package io.sente4j.packer.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.Bytes;
import io.sente4j.core.Direction;
import io.sente4j.core.Event;
import io.sente4j.core.Frame;
import io.sente4j.core.FrameCodec;
import io.sente4j.core.Keyword;
import io.sente4j.core.Payload;
import io.sente4j.core.Via;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bytes that Sente 1.21's own MessagePack code writes for the example frames of sente-wire-facts.md §2.4
 * (captured by running {@code taoensso.msgpack} over Sente's frame shapes), written here literally, with ASCII text
 * spelled out: the packer writes exactly these and reads them back.
 */
class SenteWireBytesTest {
  private final FrameCodec codec = new FrameCodec(new MsgpackPacker());

  /** Hex, with {@code "text"} standing for the text's ASCII bytes. */
  private static byte[] wire(String spec) {
    StringBuilder hex = new StringBuilder();
    String[] parts = spec.split("\"");
    for (int i = 0; i < parts.length; i++) {
      hex.append(i % 2 == 0 ? parts[i].replace(" ", "")
          : HexFormat.of().formatHex(parts[i].getBytes(StandardCharsets.US_ASCII)));
    }
    return HexFormat.of().parseHex(hex.toString());
  }

  private void assertWire(Frame frame, String spec, Direction from, Via via) {
    byte[] expected = wire(spec);
    assertThat(codec.encode(frame).asBytes().toHex()).isEqualTo(HexFormat.of().formatHex(expected));
    assertThat(codec.decode(Payload.binary(Bytes.wrap(expected)), from, via)).isEqualTo(frame);
  }

  @Test
  void handshakeIsSentesBytes() {
    assertWire(new Frame.Handshake("alice", null), "92 92 c7 0e 00 \"chsk/handshake\" 93 a5 \"alice\" c0 c0 c0",
        Direction.FROM_SERVER, Via.WEBSOCKET);
  }

  @Test
  void serverPingIsSentesBytes() {
    assertWire(new Frame.ServerPing(), "92 c7 0c 00 \"chsk/ws-ping\" c0", Direction.FROM_SERVER, Via.WEBSOCKET);
  }

  @Test
  void pongIsSentesBytes() {
    assertWire(new Frame.Pong("3f9c2a"), "92 a4 \"pong\" a6 \"3f9c2a\"", Direction.FROM_SERVER, Via.WEBSOCKET);
  }

  @Test
  void ajaxReplyMarkerIsTheKeywordInAFourByteFixext() {
    Map<Object, Object> data = new LinkedHashMap<>();
    data.put(Keyword.of("name"), "Rich");
    Frame frame = new Frame.AjaxEvent(Event.of("my-app/some-req", data), true);
    byte[] packed = codec.encode(frame).asBytes().toByteArray();
    byte[] marker = wire("d6 00 \"ajax\"");
    assertThat(HexFormat.of().formatHex(packed)).endsWith(HexFormat.of().formatHex(marker));
  }

  /** The second {@code :n} of the push batch is the cached key 0: {@code d4 08 00}. */
  @Test
  void pushBatchWritesTheRepeatedKeyAsACacheReference() {
    Frame push = Frame.Push.of(Event.of("my-app/alert", Map.of(Keyword.of("n"), 1L)),
        Event.of("my-app/alert", Map.of(Keyword.of("n"), 2L)));
    assertWire(push, "92 92 92 c7 0c 00 \"my-app/alert\" 81 d4 00 \"n\" 01"
        + " 92 c7 0c 00 \"my-app/alert\" 81 d4 08 00 02 c0", Direction.FROM_SERVER, Via.WEBSOCKET);
  }

  @Test
  void theCacheIsPerMessage() {
    MsgpackPacker p = new MsgpackPacker();
    Object value = List.of(Map.of(Keyword.of("n"), 1L));
    assertThat(p.pack(value)).isEqualTo(p.pack(value));
    assertThat(p.pack(value).asBytes().toHex()).isEqualTo(HexFormat.of().formatHex(wire("91 81 d4 00 \"n\" 01")));
  }
}
