package io.sente4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sente4j.core.ChannelListener;
import io.sente4j.core.Payload;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A listener's calls one at a time and in order, whichever thread makes them, and nothing after the close; what the
 * listener throws never stops the queue, and an Error has the channel closed.
 */
class SerialListenerTest {
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final SerialListener serial = new SerialListener(failures::add);

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
    SerialListener of = SerialListener.of(recording(() -> {}), failures::add);
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

  @Test
  void aRuntimeExceptionFromTheListenerLosesThatCallAlone() {
    boolean[] thrown = new boolean[1];
    serial.open(() -> recording(() -> {
      if (!thrown[0]) {
        thrown[0] = true;
        throw new IllegalStateException("a bug");
      }
    }));
    serial.onMessage(Payload.text("x"));
    serial.onMessage(Payload.text("y"));
    serial.onClose(1000, "requested");
    assertThat(calls).containsExactly("message begins", "message begins", "message ends", "close 1000 requested");
    assertThat(failures).isEmpty();
  }

  @Test
  void anErrorFromTheListenerHasTheChannelClosedAndOnlyTheCloseFollows() {
    // Regression: an Error was logged and swallowed, and the listener, in a state nobody knows, went on hearing
    // messages on a connection nobody closed.
    AssertionError bug = new AssertionError("a bug");
    boolean[] thrown = new boolean[1];
    serial.open(() -> recording(() -> {
      if (!thrown[0]) {
        thrown[0] = true;
        serial.onMessage(Payload.text("queued behind"));
        throw bug;
      }
    }));
    serial.onMessage(Payload.text("x"));
    assertThat(failures).as("the transport is told to close").containsExactly(bug);
    serial.onError(new IllegalStateException("late"));
    serial.onClose(1011, "error");
    assertThat(calls).containsExactly("message begins", "close 1011 error");
  }

  @Test
  void anOpeningThatThrowsLeavesNoListenerAndHasTheChannelClosed() {
    IllegalStateException broken = new IllegalStateException("onOpen failed");
    serial.open(() -> {
      throw broken;
    });
    serial.onMessage(Payload.text("x"));
    serial.onClose(1011, "error");
    assertThat(failures).containsExactly(broken);
    assertThat(calls).isEmpty();
  }

  @Test
  void anOpeningThatThrowsAnErrorHasTheChannelClosedAndTheCloseMadeMeanwhileStillRuns() {
    AssertionError bug = new AssertionError("a bug in onOpen");
    serial.open(() -> {
      serial.onClose(1006, "cut"); // queued behind the opening
      throw bug;
    });
    serial.onClose(1000, "again");
    assertThat(failures).containsExactly(bug);
    assertThat(calls).isEmpty();
  }

  @Test
  void aVirtualMachineErrorGoesOnToTheTransportAfterTheCallsQueuedBehindIt() {
    OutOfMemoryError fatal = new OutOfMemoryError("test");
    serial.open(() -> recording(() -> {
      serial.onClose(1000, "requested");
      throw fatal;
    }));
    assertThatThrownBy(() -> serial.onMessage(Payload.text("x"))).isSameAs(fatal);
    assertThat(calls).containsExactly("message begins", "close 1000 requested");
    assertThat(failures).containsExactly(fatal);
    serial.onClose(1000, "again");
    assertThat(calls).hasSize(2);
  }
}
