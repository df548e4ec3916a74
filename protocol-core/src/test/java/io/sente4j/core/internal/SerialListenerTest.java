package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A listener's calls one at a time and in order, whichever thread makes them, and nothing after the close. */
class SerialListenerTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final SerialListener serial = new SerialListener();

  /** Records its calls; its onMessage makes {@code during} first, as a core closing the channel from onMessage does. */
  private ChannelListener recording(Runnable during) {
    return new ChannelListener() {
      @Override
      public void onMessage(Payload payload) {
        calls.add("message begins");
        during.run();
        calls.add("message ends");
      }

      @Override
      public void onClose(int code, String reason) {
        calls.add("close " + code + " " + reason);
      }

      @Override
      public void onError(Throwable error) {
        calls.add("error " + error.getMessage());
      }
    };
  }

  @Test
  void aCloseMadeWhileTheListenerIsOpeningReachesItOnceItIsOpen() {
    serial.open(() -> {
      serial.onClose(1011, "error");
      calls.add("opened");
      return recording(() -> {});
    });
    assertThat(calls).containsExactly("opened", "close 1011 error");
  }

  @Test
  void aCallMadeDuringACallFollowsIt() {
    serial.open(() -> recording(() -> serial.onClose(1009, "too-large")));
    serial.onMessage(Payload.text("x"));
    assertThat(calls).containsExactly("message begins", "message ends", "close 1009 too-large");
  }

  @Test
  void aListenerKnownFromTheStartHearsTheCallsInOrder() {
    SerialListener of = SerialListener.of(recording(() -> {}));
    of.onMessage(Payload.text("x"));
    of.onError(new IllegalStateException("bad"));
    of.onClose(1000, "requested");
    assertThat(calls).containsExactly("message begins", "message ends", "error bad", "close 1000 requested");
  }

  @Test
  void nothingFollowsTheClose() {
    serial.open(() -> recording(() -> {}));
    serial.onClose(1000, "requested");
    serial.onClose(1006, "again");
    serial.onMessage(Payload.text("late"));
    serial.onError(new IllegalStateException("late"));
    assertThat(calls).containsExactly("close 1000 requested");
  }

  @Test
  void withoutAListenerCallsAreDropped() {
    serial.open(() -> null);
    serial.onMessage(Payload.text("x"));
    serial.onClose(1000, "requested");
    assertThat(calls).isEmpty();
  }
}
