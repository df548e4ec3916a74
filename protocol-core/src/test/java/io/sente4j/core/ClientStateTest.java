package io.sente4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.sente4j.core.ClientState.Status;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientStateTest {

  @Test
  void initialStateIsClosedAndNeverOpened() {
    ClientState s = ClientState.initial("c", Via.WEBSOCKET);
    assertThat(s).isEqualTo(new ClientState("c", Via.WEBSOCKET, Status.CLOSED, false, null, null, Optional.empty(),
        0));
    assertThat(s.isOpen()).isFalse();
  }

  @Test
  void transitionsKeepTheRest() {
    ClientState s = ClientState.initial("c", Via.WEBSOCKET).withStatus(Status.CONNECTING, 3);
    assertThat(s.attempt()).isEqualTo(3);
    ClientState open = s.opened("u", "d");
    assertThat(open.isOpen()).isTrue();
    assertThat(open.everOpened()).isTrue();
    assertThat(open.attempt()).isZero();
    ClientState closed = open.closed(CloseInfo.byClient(CloseReason.PING_TIMEOUT));
    assertThat(closed.status()).isEqualTo(Status.CLOSED);
    assertThat(closed.uid()).isEqualTo("u");
    assertThat(closed.everOpened()).isTrue();
    assertThat(closed.lastClose()).contains(new CloseInfo(CloseReason.PING_TIMEOUT, 4000, "ping-timeout", true));
  }

  @Test
  void checksItsFields() {
    assertThatIllegalArgumentException().isThrownBy(() -> new ClientState("c", Via.WEBSOCKET, Status.OPEN, true,
        null, null, Optional.empty(), -1)).withMessage("attempt must not be negative: -1");
    assertThatNullPointerException().isThrownBy(() -> new ClientState("c", Via.WEBSOCKET, Status.OPEN, true, null,
        null, null, 0)).withMessage("lastClose");
    assertThat(new CloseInfo(CloseReason.ERROR, 1011, null, false).text()).isEmpty();
  }

  @Test
  void replyExceptionsNameTheirOutcome() {
    assertThat(new ReplyClosedException("x").outcome()).isEqualTo(Chsk.CLOSED);
    assertThat(new ReplyTimeoutException("x").outcome()).isEqualTo(Chsk.TIMEOUT);
    assertThat(new ReplyErrorException("x").outcome()).isEqualTo(Chsk.ERROR);
    assertThat(new ReplyErrorException("x", new RuntimeException("y"))).isInstanceOf(Sente4jException.class)
        .hasRootCauseMessage("y");
  }
}
