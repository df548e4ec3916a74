package io.sente4j.core.internal;

import io.sente4j.core.Scheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's keep-alive of one WebSocket (PROTOCOL.md §7.1): a sliding idle window that restarts on every frame
 * sent or received; when it runs out, a ping; when no frame arrives within the ping timeout after that, a close.
 *
 * <p>Traffic only stamps the time; the one pending timer checks the stamp when it fires and sleeps again for what is
 * left, so a busy connection costs no timer churn.
 */
public final class KeepAlive {
  private final Scheduler scheduler;
  private final long intervalNanos;
  private final Duration timeout;
  private final Runnable sendPing;
  private final Runnable onTimeout;
  private final AtomicLong inbound = new AtomicLong();
  private volatile long lastTraffic;
  private Scheduler.Cancellable idleTimer;
  private Scheduler.Cancellable pingTimer;
  private boolean started;
  private boolean stopped;

  /**
   * A keep-alive that does nothing until {@link #start}.
   *
   * @param scheduler the clock and timers
   * @param interval the idle window after which {@code sendPing} runs; positive
   * @param timeout how long to wait for inbound traffic after a ping before {@code onTimeout} runs; {@link
   *     Duration#ZERO} never times out
   * @param sendPing sends the ping (and counts it as outbound traffic)
   * @param onTimeout closes the connection
   */
  public KeepAlive(Scheduler scheduler, Duration interval, Duration timeout, Runnable sendPing, Runnable onTimeout) {
    this.scheduler = scheduler;
    this.intervalNanos = interval.toNanos();
    this.timeout = timeout;
    this.sendPing = sendPing;
    this.onTimeout = onTimeout;
  }

  /** Starts the idle window now. */
  public synchronized void start() {
    if (started || stopped) {
      return;
    }
    started = true;
    lastTraffic = scheduler.nanoTime();
    idleTimer = scheduler.schedule(Duration.ofNanos(intervalNanos), this::idleCheck);
  }

  /** A frame arrived: restarts the idle window and ends any wait for an answer to a ping. */
  public void onInbound() {
    inbound.incrementAndGet();
    lastTraffic = scheduler.nanoTime();
  }

  /** A frame was sent: restarts the idle window. */
  public void onOutbound() {
    lastTraffic = scheduler.nanoTime();
  }

  /** Cancels the timers for good. */
  public synchronized void stop() {
    stopped = true;
    if (idleTimer != null) {
      idleTimer.cancel();
    }
    if (pingTimer != null) {
      pingTimer.cancel();
    }
  }

  private void idleCheck() {
    long mark;
    synchronized (this) {
      if (stopped) {
        return;
      }
      long idle = scheduler.nanoTime() - lastTraffic;
      if (idle < intervalNanos) {
        idleTimer = scheduler.schedule(Duration.ofNanos(intervalNanos - idle), this::idleCheck);
        return;
      }
      mark = inbound.get();
    }
    sendPing.run();
    synchronized (this) {
      if (stopped) {
        return;
      }
      idleTimer = scheduler.schedule(Duration.ofNanos(intervalNanos), this::idleCheck);
      if (!timeout.isZero()) {
        pingTimer = scheduler.schedule(timeout, () -> timeoutCheck(mark));
      }
    }
  }

  private void timeoutCheck(long mark) {
    synchronized (this) {
      if (stopped || inbound.get() != mark) {
        return;
      }
    }
    onTimeout.run();
  }
}
