package io.sente4j.client.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sente4j.core.ChannelListener;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server's close can come while this side's close is arming its close timer, before {@code schedule()} has
 * returned the timer for the close's end to cancel. The timer is cancelled all the same: it would otherwise stay
 * queued, holding the channel, for the whole close timeout. The race is forced here by a timer that delivers the
 * server's close from inside {@code schedule()}.
 */
class CloseTimerRaceTest {
  private final PendingSendsWebSocket socket = new PendingSendsWebSocket();
  private final CloseDuringSchedule timer = new CloseDuringSchedule();

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void theServersCloseArrivingBeforeTheCloseTimerIsStoredStillCancelsIt() {
    JdkWebSocketChannel channel = new JdkWebSocketChannel(ChannelListener.ignoring(), 1 << 20,
        Duration.ofMinutes(5), timer);
    timer.channel = channel;
    channel.onOpen(socket);
    channel.start();

    channel.close(1000, "bye");

    ScheduledFuture<?> armed = timer.armed;
    assertThat(armed != null && armed.isCancelled()).as("the close timer was armed, and is cancelled").isTrue();
    assertThat(timer.getQueue()).as("timers still queued").isEmpty();
  }

  /** A timer that hands the channel the server's close as it arms a task, before {@code schedule()} returns. */
  private final class CloseDuringSchedule extends ScheduledThreadPoolExecutor {
    JdkWebSocketChannel channel;
    ScheduledFuture<?> armed;

    CloseDuringSchedule() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      armed = super.schedule(command, delay, unit);
      channel.onClose(socket, 1000, "bye");
      return armed;
    }
  }
}
