package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.FrameException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameExceptionTest {

  @Test
  void messageNamesSenderExchangeReasonDetailAndValue() {
    FrameException e = new FrameException(Reason.BAD_EVENT, Direction.FROM_CLIENT, Via.WEBSOCKET,
        "an event id must be a namespaced keyword", List.of(Keyword.of("send")), null);
    assertThat(e).hasMessage(
        "bad frame from client via WEBSOCKET (BAD_EVENT): an event id must be a namespaced keyword: [:send]");
    assertThat(e.reason()).isEqualTo(Reason.BAD_EVENT);
    assertThat(e.direction()).isEqualTo(Direction.FROM_CLIENT);
    assertThat(e.via()).isEqualTo(Via.WEBSOCKET);
    assertThat(e).hasNoCause();
  }

  @Test
  void messageFromServerSaysSo() {
    FrameException e = new FrameException(Reason.MALFORMED_FRAME, Direction.FROM_SERVER, Via.AJAX_POLL,
        "expected a vector", "x", null);
    assertThat(e).hasMessage("bad frame from server via AJAX_POLL (MALFORMED_FRAME): expected a vector: x");
  }

  @Test
  void omitsMissingValue() {
    FrameException e = new FrameException(Reason.UNPACKABLE, Direction.FROM_SERVER, Via.AJAX_POST,
        "edn: unexpected end of input at offset 3", null, null);
    assertThat(e).hasMessage("bad frame from server via AJAX_POST (UNPACKABLE): edn: unexpected end of input at offset 3");
  }

  @Test
  void keepsTheCause() {
    PackerException cause = new PackerException("edn", "bad");
    FrameException e = new FrameException(Reason.UNPACKABLE, Direction.FROM_CLIENT, Via.AJAX_POST, "edn: bad",
        null, cause);
    assertThat(e).hasCause(cause).isInstanceOf(Sente4jException.class);
  }

  @Test
  void showsValueOf200CharactersInFull() {
    String value = "x".repeat(200);
    assertThat(exceptionShowing(value).getMessage()).endsWith(": " + value);
  }

  @Test
  void cutsLongValueTo200Characters() {
    String value = "y".repeat(199) + "z" + "w".repeat(10_000);
    assertThat(exceptionShowing(value).getMessage()).endsWith(": " + "y".repeat(199) + "z...");
  }

  @Test
  void neverCutsASurrogatePairInHalf() {
    String value = "y".repeat(199) + "\ud83d\ude00" + "tail";
    String message = exceptionShowing(value).getMessage();
    assertThat(message).endsWith(": " + "y".repeat(199) + "...");
    assertThat(message.chars().filter(c -> Character.isSurrogate((char) c))).isEmpty();
  }

  private static FrameException exceptionShowing(Object value) {
    return new FrameException(Reason.UNEXPECTED_PAYLOAD, Direction.FROM_SERVER, Via.WEBSOCKET, "detail", value,
        null);
  }
}
